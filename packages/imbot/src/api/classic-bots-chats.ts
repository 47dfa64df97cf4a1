import type { Binding } from '../bindings.ts'
import type { Methods } from '../methods.ts'

/** Classic bots and chats: `imbot.register`, `imbot.bot.*`, `imbot.chat.*`, `imbot.dialog.get`. */
export interface ClassicBotsChatsApi {
  /** Chats the bot works in (classic `imbot.chat.*`). */
  readonly chat: {
    /**
     * Finds the chat bound to an external entity: the `ENTITY_TYPE` and `ENTITY_ID` it was created
     * with by `imbot.chat.add`. Resolves to the chat id, or `null` when no chat is bound.
     *
     * `BOT_ID` is accepted for portals that follow the 2024 documentation; current servers ignore it.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-get.html
     * @example
     * ```ts
     * const chatId = await api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })
     * if (chatId === null) console.log('no chat for order 13 yet')
     * ```
     */
    readonly get: Binding<Methods['imbot.chat.get']>
  }
}
