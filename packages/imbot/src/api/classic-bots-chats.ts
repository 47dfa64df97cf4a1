import type { Binding } from '../bindings.ts'
import type { Methods } from '../methods.ts'

/** Classic bots and chats: `imbot.register`, `imbot.bot.*`, `imbot.chat.*`, `imbot.dialog.get`. */
export interface ClassicBotsChatsApi {
  /**
   * Registers a chat bot for your application and resolves to its id (also its user id). Give
   * `EVENT_HANDLER`, or each of `EVENT_MESSAGE_ADD`, `EVENT_WELCOME_MESSAGE` and `EVENT_BOT_DELETE`;
   * handler hosts need a dot (`localhost` is refused). Registering an existing `CODE` returns that bot.
   *
   * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/bots/imbot-register.html
   * @example
   * ```ts
   * const botId = await api.register({
   *   CODE: 'support',
   *   TYPE: 'B',
   *   EVENT_HANDLER: 'https://bot.example.com/events',
   *   PROPERTIES: { NAME: 'Support', COLOR: 'AQUA', WORK_POSITION: 'Answers questions' },
   *   CLIENT_ID: 'my-webhook-client', // incoming webhooks only
   * })
   * ```
   */
  readonly register: Binding<Methods['imbot.register']>

  /**
   * Deletes one of your application's bots (its commands and one-to-one chats too). `BOT_ID` is
   * required. Resolves to `true`.
   *
   * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/bots/imbot-unregister.html
   * @example
   * ```ts
   * await api.unregister({ BOT_ID: 39 })
   * ```
   */
  readonly unregister: Binding<Methods['imbot.unregister']>

  /**
   * Changes a bot's code, Open Channels support, profile or event handlers. `FIELDS` must change
   * something. Resolves to `true`.
   *
   * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/bots/imbot-update.html
   * @example
   * ```ts
   * await api.update({
   *   BOT_ID: 39,
   *   FIELDS: { EVENT_MESSAGE_UPDATE: 'https://bot.example.com/events', PROPERTIES: { WORK_POSITION: 'On duty' } },
   * })
   * ```
   */
  readonly update: Binding<Methods['imbot.update']>

  /** Bots of the portal (classic `imbot.bot.*`). */
  readonly bot: {
    /**
     * Every bot of the portal (not only yours), as a record keyed by bot id; `{}` when there is none.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/bots/imbot-bot-list.html
     * @example
     * ```ts
     * const bots = await api.bot.list()
     * const mine = Object.values(bots).find((bot) => bot.CODE === 'support')
     * ```
     */
    readonly list: Binding<Methods['imbot.bot.list']>
  }

  /** Chats the bot works in (classic `imbot.chat.*`). */
  readonly chat: {
    /**
     * Creates a group chat owned by the bot and resolves to its id. Bind it to your own object with
     * `ENTITY_TYPE` and `ENTITY_ID` to find it again with `chat.get`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-add.html
     * @example
     * ```ts
     * const chatId = await api.chat.add({
     *   TITLE: 'Order 13',
     *   USERS: [1271],
     *   MESSAGE: 'A chat for order 13',
     *   ENTITY_TYPE: 'ORDER',
     *   ENTITY_ID: 13,
     * })
     * ```
     */
    readonly add: Binding<Methods['imbot.chat.add']>

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

    /**
     * The bot leaves a chat (`CHAT_ID` or `DIALOG_ID`). An owner must hand the chat over first.
     * Resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-leave.html
     * @example
     * ```ts
     * await api.chat.leave({ CHAT_ID: 2725 })
     * ```
     */
    readonly leave: Binding<Methods['imbot.chat.leave']>

    /**
     * Shows "bot is typing…" in a dialog (a user id or `chatNNN`) for a few seconds. Resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-send-typing.html
     * @example
     * ```ts
     * await api.chat.sendTyping({ DIALOG_ID: 'chat2725' })
     * ```
     */
    readonly sendTyping: Binding<Methods['imbot.chat.sendTyping']>

    /**
     * Grants (`IS_MANAGER: 'Y'`, the default) or revokes (`'N'`) a member's administrator rights in a
     * chat the bot owns. Resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-set-manager.html
     * @example
     * ```ts
     * await api.chat.setManager({ CHAT_ID: 2725, USER_ID: 1269, IS_MANAGER: 'Y' })
     * ```
     */
    readonly setManager: Binding<Methods['imbot.chat.setManager']>

    /**
     * Hands a chat the bot owns over to another member. Resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-set-owner.html
     * @example
     * ```ts
     * await api.chat.setOwner({ DIALOG_ID: 'chat2727', USER_ID: 1269 })
     * ```
     */
    readonly setOwner: Binding<Methods['imbot.chat.setOwner']>

    /**
     * Sets a chat's avatar from a Base64 image (at most 5000x5000 px). Resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-update-avatar.html
     * @example
     * ```ts
     * import { readFile } from 'node:fs/promises'
     *
     * const png = (await readFile('avatar.png')).toString('base64')
     * await api.chat.updateAvatar({ CHAT_ID: 2725, AVATAR: png })
     * ```
     */
    readonly updateAvatar: Binding<Methods['imbot.chat.updateAvatar']>

    /**
     * Sets a chat's colour (mobile app): one of the portal's safe colours (`ORANGE` is refused).
     * Setting the current colour again is an error. Resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-update-color.html
     * @example
     * ```ts
     * await api.chat.updateColor({ CHAT_ID: 2725, COLOR: 'PINK' })
     * ```
     */
    readonly updateColor: Binding<Methods['imbot.chat.updateColor']>

    /**
     * Renames a chat; a blank title is refused. Resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-update-title.html
     * @example
     * ```ts
     * await api.chat.updateTitle({ CHAT_ID: 2725, TITLE: 'Order 13 (closed)' })
     * ```
     */
    readonly updateTitle: Binding<Methods['imbot.chat.updateTitle']>

    /** Chat members (classic `imbot.chat.user.*`). */
    readonly user: {
      /**
       * Adds users to a chat. `HIDE_HISTORY: 'N'` lets them read earlier messages. Resolves to `true`.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-user-add.html
       * @example
       * ```ts
       * await api.chat.user.add({ CHAT_ID: 2725, USERS: [1269, 1271], HIDE_HISTORY: 'N' })
       * ```
       */
      readonly add: Binding<Methods['imbot.chat.user.add']>

      /**
       * Removes a user from a chat (not the owner). Resolves to `true`.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-user-delete.html
       * @example
       * ```ts
       * await api.chat.user.delete({ CHAT_ID: 2725, USER_ID: 1269 })
       * ```
       */
      readonly delete: Binding<Methods['imbot.chat.user.delete']>

      /**
       * The user ids of a chat's members, bots included.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-user-list.html
       * @example
       * ```ts
       * const members = await api.chat.user.list({ CHAT_ID: 2725 }) // [1269, 1271, 1291]
       * ```
       */
      readonly list: Binding<Methods['imbot.chat.user.list']>
    }
  }

  /** Dialogs (classic `imbot.dialog.*`). */
  readonly dialog: {
    /**
     * A chat or one-to-one dialog (a user id or `chatNNN`) as a lower-snake-case chat object, ids as
     * numbers. Access is checked for the calling user, not the bot.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-dialog-get.html
     * @example
     * ```ts
     * const chat = await api.dialog.get({ DIALOG_ID: 'chat2725' })
     * console.log(chat.name, chat.owner, chat.manager_list)
     * ```
     */
    readonly get: Binding<Methods['imbot.dialog.get']>
  }
}
