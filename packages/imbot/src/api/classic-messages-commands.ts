import type { Binding } from '../bindings.ts'
import type { Methods } from '../methods.ts'

/** Classic messages, commands and apps: `imbot.message.*`, `imbot.command.*`, `imbot.app.*`. */
export interface ClassicMessagesCommandsApi {
  /** Messages the bot writes (classic `imbot.message.*`). */
  readonly message: {
    /**
     * Posts a message as the bot, to a dialog (`DIALOG_ID`: a user id or `chatNNN`) or, as a system
     * message, into the private dialog of `FROM_USER_ID` and `TO_USER_ID`. Resolves to the message id.
     *
     * `MESSAGE` is required and not blank (no attachment-only messages here), at most 20,000 characters.
     * `BOT_ID` may be omitted: the portal then picks the application's first bot.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/imbot-message-add.html
     * @example
     * ```ts
     * const messageId = await api.message.add({
     *   BOT_ID: 39,
     *   DIALOG_ID: 'chat123',
     *   MESSAGE: 'Build [b]#42[/b] passed',
     *   KEYBOARD: { BUTTONS: [{ TEXT: 'Details', LINK: 'https://ci.example.com/42' }] },
     * })
     * ```
     */
    readonly add: Binding<Methods['imbot.message.add']>
    /**
     * Edits one of the bot's messages (text, `ATTACH`, `KEYBOARD`, `MENU`; `'N'` removes the last three).
     * Resolves to `true`. The portal deletes a message whose new text is empty, so an empty `MESSAGE` is
     * refused here: use `api.message.delete`. Messages older than three days cannot be edited.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/imbot-message-update.html
     * @example
     * ```ts
     * await api.message.update({ BOT_ID: 39, MESSAGE_ID: 19880117, MESSAGE: 'Build #42 deployed', KEYBOARD: 'N' })
     * ```
     */
    readonly update: Binding<Methods['imbot.message.update']>
    /**
     * Deletes one of the bot's messages; `COMPLETE: 'Y'` leaves no placeholder. Resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/imbot-message-delete.html
     * @example
     * ```ts
     * await api.message.delete({ BOT_ID: 39, MESSAGE_ID: 19880117, COMPLETE: 'Y' })
     * ```
     */
    readonly delete: Binding<Methods['imbot.message.delete']>
    /**
     * Likes a message as the bot (`ACTION`: `auto` toggles, `plus`, `minus`). Resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/imbot-message-like.html
     * @example
     * ```ts
     * await api.message.like({ BOT_ID: 39, MESSAGE_ID: 19880117, ACTION: 'plus' })
     * ```
     */
    readonly like: Binding<Methods['imbot.message.like']>
  }
  /** Slash commands of the bot (classic `imbot.command.*`). */
  readonly command: {
    /**
     * Registers a slash command for a bot (`BOT_ID` required). Resolves to the command id. Runs of the
     * command are posted as `ONIMCOMMANDADD` to `EVENT_COMMAND_ADD`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/commands/imbot-command-register.html
     * @example
     * ```ts
     * const commandId = await api.command.register({
     *   BOT_ID: 39,
     *   COMMAND: 'echo',
     *   EVENT_COMMAND_ADD: 'https://bot.example.com/command',
     *   LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Echo', PARAMS: 'text' }],
     * })
     * ```
     */
    readonly register: Binding<Methods['imbot.command.register']>
    /**
     * Removes a command of the application. Resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/commands/imbot-command-unregister.html
     * @example
     * ```ts
     * await api.command.unregister({ COMMAND_ID: 99 })
     * ```
     */
    readonly unregister: Binding<Methods['imbot.command.unregister']>
    /**
     * Changes a command; the changes go in `FIELDS` (at least one). Resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/commands/imbot-command-update.html
     * @example
     * ```ts
     * await api.command.update({ COMMAND_ID: 99, FIELDS: { HIDDEN: 'Y' } })
     * ```
     */
    readonly update: Binding<Methods['imbot.command.update']>
    /**
     * Answers a command in the dialog it was run in (`COMMAND_ID` or `COMMAND`, and the command's
     * `MESSAGE_ID`). Resolves to the answer's message id, or to `true` when more than 10 minutes have
     * passed since the command and nothing was posted.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/commands/imbot-command-answer.html
     * @example
     * ```ts
     * const answer = await api.command.answer({ COMMAND_ID: 99, MESSAGE_ID: 33871, MESSAGE: 'Done' })
     * if (answer === true) console.log('too late: the 10-minute answer window had closed')
     * ```
     */
    readonly answer: Binding<Methods['imbot.command.answer']>
  }
  /** Chat apps of the old messenger (classic `imbot.app.*`, deprecated). */
  readonly app: {
    /**
     * Adds a chat app owned by a bot: a JS command (`JS_METHOD` + `JS_PARAM`) or an iframe (`IFRAME` +
     * `HASH`). Resolves to the app id. Shown only by the old messenger UI.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chats/outdated/create-app/imbot-app-register.html
     * @example
     * ```ts
     * const appId = await api.app.register({
     *   BOT_ID: 39,
     *   CODE: 'help',
     *   JS_METHOD: 'SEND',
     *   JS_PARAM: '/help',
     *   LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Help', DESCRIPTION: 'Send /help' }],
     * })
     * ```
     */
    readonly register: Binding<Methods['imbot.app.register']>
    /**
     * Changes a chat app; the changes go in `FIELDS` (the portal reads nothing else). Resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chats/outdated/create-app/imbot-app-update.html
     * @example
     * ```ts
     * await api.app.update({ APP_ID: 13, FIELDS: { IFRAME: 'https://bot.example.com/app', HASH: 'd1ab17949a572b0979d8db0d5b349cd2' } })
     * ```
     */
    readonly update: Binding<Methods['imbot.app.update']>
    /**
     * Removes a chat app of the application. Resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chats/outdated/create-app/imbot-app-unregister.html
     * @example
     * ```ts
     * await api.app.unregister({ APP_ID: 13 })
     * ```
     */
    readonly unregister: Binding<Methods['imbot.app.unregister']>
  }
}
