import type { Binding } from '../bindings.ts'
import type { Methods } from '../methods.ts'

/** v2 bots and chats (under `api.v2`): `imbot.v2.Bot.*`, `imbot.v2.Chat.*` except messages. */
export interface V2BotsChatsApi {
  /** Bots: register, update, read, list and delete (`imbot.v2.Bot.*`). */
  readonly Bot: {
    /**
     * Registers a bot (idempotent per `fields.code`) and resolves to `{ bot, users }`.
     *
     * The token goes in `fields.botToken` (at most 40 characters); a top-level `botToken` is copied there.
     * `fields.webhookUrl` is required when `fields.eventMode` is `'webhook'`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/bots/bot-register.html
     * @example
     * ```ts
     * const { bot } = await api.v2.Bot.register({
     *   fields: {
     *     code: 'support_bot',
     *     botToken: 'my_bot_token',
     *     properties: { name: 'Support Bot', color: 'aqua' },
     *     eventMode: 'webhook',
     *     webhookUrl: 'https://bot.example.com/events',
     *   },
     * })
     * console.log(bot.id)
     * ```
     */
    readonly register: Binding<Methods['imbot.v2.Bot.register']>
    /**
     * Changes a bot's profile, flags, event delivery or token; resolves to `{ bot, users }`.
     *
     * Top-level `botToken` authorizes the call (current token); `fields.botToken` rotates it.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/bots/bot-update.html
     * @example
     * ```ts
     * await api.v2.Bot.update({ botId: 456, botToken: 'old_token', fields: { properties: { name: 'Helper' }, botToken: 'new_token' } })
     * ```
     */
    readonly update: Binding<Methods['imbot.v2.Bot.update']>
    /**
     * One bot, by `botId` or `code`; resolves to `{ bot, users }`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/bots/bot-get.html
     * @example
     * ```ts
     * const { bot } = await api.v2.Bot.get({ code: 'support_bot', botToken: 'my_bot_token' })
     * console.log(bot.id, bot.eventMode)
     * ```
     */
    readonly get: Binding<Methods['imbot.v2.Bot.get']>
    /**
     * The calling application's bots, paged by `limit`/`offset`; resolves to `{ bots, users, hasNextPage }`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/bots/bot-list.html
     * @example
     * ```ts
     * const page = await api.v2.Bot.list({ filter: { type: 'bot' }, limit: 50, offset: 0 })
     * if (page.hasNextPage) console.log('ask again with offset 50')
     * ```
     */
    readonly list: Binding<Methods['imbot.v2.Bot.list']>
    /**
     * Deletes a bot; resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/bots/bot-unregister.html
     * @example
     * ```ts
     * await api.v2.Bot.unregister({ botId: 456, botToken: 'my_bot_token' })
     * ```
     */
    readonly unregister: Binding<Methods['imbot.v2.Bot.unregister']>
  }
  /** Chats the bot works in (`imbot.v2.Chat.*`; messages are in the messages fragment). */
  readonly Chat: {
    /**
     * Creates a group chat on behalf of the bot; resolves to `{ chat, users }`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-add.html
     * @example
     * ```ts
     * const { chat } = await api.v2.Chat.add({ botId: 456, fields: { title: 'Support', color: 'mint', userIds: [1, 2] } })
     * console.log(chat.dialogId) // 'chat5'
     * ```
     */
    readonly add: Binding<Methods['imbot.v2.Chat.add']>
    /**
     * A chat the bot is in; resolves to `{ chat }` (`textFieldEnabled` as a boolean, `lastMessageViews` parsed).
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-get.html
     * @example
     * ```ts
     * const { chat } = await api.v2.Chat.get({ botId: 456, dialogId: 'chat5' })
     * console.log(chat.name, chat.userCounter)
     * ```
     */
    readonly get: Binding<Methods['imbot.v2.Chat.get']>
    /**
     * Changes a chat's title, description, color and/or avatar; resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-update.html
     * @example
     * ```ts
     * await api.v2.Chat.update({ botId: 456, dialogId: 'chat5', fields: { title: 'New title', color: 'azure' } })
     * ```
     */
    readonly update: Binding<Methods['imbot.v2.Chat.update']>
    /**
     * The bot leaves a group chat; resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-leave.html
     * @example
     * ```ts
     * await api.v2.Chat.leave({ botId: 456, dialogId: 'chat5' })
     * ```
     */
    readonly leave: Binding<Methods['imbot.v2.Chat.leave']>
    /**
     * Hands a group chat the bot owns to another user; resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-set-owner.html
     * @example
     * ```ts
     * await api.v2.Chat.setOwner({ botId: 456, dialogId: 'chat5', userId: 1 })
     * ```
     */
    readonly setOwner: Binding<Methods['imbot.v2.Chat.setOwner']>
    /** Chat members. */
    readonly User: {
      /**
       * Adds users to a chat (unknown or inactive ids are skipped); resolves to `true`.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-user-add.html
       * @example
       * ```ts
       * await api.v2.Chat.User.add({ botId: 456, dialogId: 'chat5', userIds: [1, 2, 3] })
       * ```
       */
      readonly add: Binding<Methods['imbot.v2.Chat.User.add']>
      /**
       * Removes a user from a group chat (idempotent); resolves to `true`.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-user-delete.html
       * @example
       * ```ts
       * await api.v2.Chat.User.delete({ botId: 456, dialogId: 'chat5', userId: 3 })
       * ```
       */
      readonly delete: Binding<Methods['imbot.v2.Chat.User.delete']>
      /**
       * The members of a chat, at most 200; resolves to an array of users (the server answers a bare array).
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-user-list.html
       * @example
       * ```ts
       * const users = await api.v2.Chat.User.list({ botId: 456, dialogId: 'chat5', order: { id: 'ASC' }, limit: 200 })
       * for (const user of users) console.log(user.id, user.name)
       * ```
       */
      readonly list: Binding<Methods['imbot.v2.Chat.User.list']>
    }
    /** Chat managers. */
    readonly Manager: {
      /**
       * Makes members of a group chat the bot owns managers; resolves to `true`.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-manager-add.html
       * @example
       * ```ts
       * await api.v2.Chat.Manager.add({ botId: 456, dialogId: 'chat5', userIds: [4, 5] })
       * ```
       */
      readonly add: Binding<Methods['imbot.v2.Chat.Manager.add']>
      /**
       * Takes the manager role back from users of a group chat the bot owns; resolves to `true`.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-manager-delete.html
       * @example
       * ```ts
       * await api.v2.Chat.Manager.delete({ botId: 456, dialogId: 'chat5', userIds: [4] })
       * ```
       */
      readonly delete: Binding<Methods['imbot.v2.Chat.Manager.delete']>
    }
    /** The typing and status indicator. */
    readonly InputAction: {
      /**
       * Shows "the bot is typing" or a status such as "thinking" for 1 to 600 seconds; resolves to `true`.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/ui/chat-input-action-notify.html
       * @example
       * ```ts
       * await api.v2.Chat.InputAction.notify({ botId: 456, dialogId: 'chat5', statusMessageCode: 'IMBOT_AGENT_ACTION_THINKING', duration: 30 })
       * ```
       */
      readonly notify: Binding<Methods['imbot.v2.Chat.InputAction.notify']>
    }
    /** The users' message input field. */
    readonly TextField: {
      /**
       * Enables or disables the users' message input in a chat; resolves to `true`.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/ui/chat-text-field-enabled.html
       * @example
       * ```ts
       * await api.v2.Chat.TextField.enabled({ botId: 456, dialogId: 'chat5', enabled: false })
       * ```
       */
      readonly enabled: Binding<Methods['imbot.v2.Chat.TextField.enabled']>
    }
  }
}
