import type { Binding } from '../bindings.ts'
import type { Methods } from '../methods.ts'

/** v2 messages, commands, events, files, revision (under `api.v2`). */
export interface V2MessagesCommandsApi {
  /** Chats (`imbot.v2.Chat.*`): here, their messages. */
  readonly Chat: {
    /** Messages the bot sends, edits, deletes, reads and reacts to (`imbot.v2.Chat.Message.*`). */
    readonly Message: {
      /**
       * Sends a message as the bot; resolves to `{ id, uuidMap }`.
       *
       * `fields` must carry text, an ATTACH or messages to forward (else the server answers `EMPTY_MESSAGE`).
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-send.html
       * @example
       * ```ts
       * const { id } = await api.v2.Chat.Message.send({
       *   botId: 456,
       *   dialogId: 'chat5',
       *   fields: { message: 'Hello from [b]bot[/b]!', keyboard: [{ TEXT: 'Open', LINK: 'https://example.com' }] },
       * })
       * ```
       */
      readonly send: Binding<Methods['imbot.v2.Chat.Message.send']>
      /**
       * Edits one of the bot's messages; resolves to `true`. `fields.keyboard: 'N'` removes the keyboard.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-update.html
       * @example
       * ```ts
       * await api.v2.Chat.Message.update({ botId: 456, messageId: 789, fields: { message: 'Done.', keyboard: 'N' } })
       * ```
       */
      readonly update: Binding<Methods['imbot.v2.Chat.Message.update']>
      /**
       * Deletes a message (the bot's own, or any when the bot administers the chat); resolves to `true`.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-delete.html
       * @example
       * ```ts
       * await api.v2.Chat.Message.delete({ botId: 456, messageId: 789, complete: true })
       * ```
       */
      readonly delete: Binding<Methods['imbot.v2.Chat.Message.delete']>
      /**
       * Marks a dialog read for the bot, up to a message or entirely; resolves to
       * `{ chatId, lastId, counter, viewedMessages }`.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-read.html
       * @example
       * ```ts
       * const { counter } = await api.v2.Chat.Message.read({ botId: 456, dialogId: 'chat5', messageId: 789 })
       * ```
       */
      readonly read: Binding<Methods['imbot.v2.Chat.Message.read']>
      /**
       * Reads one message and its author (`supervisor` and `personal` bots only); resolves to `{ message, user }`.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-get.html
       * @example
       * ```ts
       * const { message, user } = await api.v2.Chat.Message.get({ botId: 456, messageId: 785 })
       * console.log(user?.name, message.text)
       * ```
       */
      readonly get: Binding<Methods['imbot.v2.Chat.Message.get']>
      /**
       * Reads the messages around one message, oldest first (`supervisor` and `personal` bots only);
       * resolves to `{ messages, users, hasPrevPage, hasNextPage }`.
       *
       * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-get-context.html
       * @example
       * ```ts
       * const { messages, hasPrevPage } = await api.v2.Chat.Message.getContext({ botId: 456, messageId: 789, range: 20 })
       * ```
       */
      readonly getContext: Binding<Methods['imbot.v2.Chat.Message.getContext']>
      /** The bot's reactions on messages (`imbot.v2.Chat.Message.Reaction.*`). */
      readonly Reaction: {
        /**
         * Puts the bot's reaction on a message; resolves to `true`.
         *
         * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-reaction-add.html
         * @example
         * ```ts
         * await api.v2.Chat.Message.Reaction.add({ botId: 456, messageId: 789, reaction: 'like' })
         * ```
         */
        readonly add: Binding<Methods['imbot.v2.Chat.Message.Reaction.add']>
        /**
         * Removes the bot's reaction from a message; resolves to `true`.
         *
         * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-reaction-delete.html
         * @example
         * ```ts
         * await api.v2.Chat.Message.Reaction.delete({ botId: 456, messageId: 789, reaction: 'like' })
         * ```
         */
        readonly delete: Binding<Methods['imbot.v2.Chat.Message.Reaction.delete']>
      }
    }
  }
  /** Slash commands (`imbot.v2.Command.*`). */
  readonly Command: {
    /**
     * Registers a slash command (idempotent); resolves to `{ command }`. A visible command needs a `title`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/commands/command-register.html
     * @example
     * ```ts
     * const { command } = await api.v2.Command.register({
     *   botId: 456,
     *   fields: { command: 'help', title: { en: 'Show help' }, params: { en: 'topic' } },
     * })
     * console.log(command.id, command.command) // 42 '/help'
     * ```
     */
    readonly register: Binding<Methods['imbot.v2.Command.register']>
    /**
     * Changes a command, patching `title`/`params` per language (`null` deletes one); resolves to `{ command }`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/commands/command-update.html
     * @example
     * ```ts
     * await api.v2.Command.update({ botId: 456, commandId: 42, fields: { title: { de: 'Hilfe', en: null } } })
     * ```
     */
    readonly update: Binding<Methods['imbot.v2.Command.update']>
    /**
     * The bot's commands with localized titles; resolves to `{ commands }`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/commands/command-list.html
     * @example
     * ```ts
     * const { commands } = await api.v2.Command.list({ botId: 456 })
     * for (const command of commands) console.log(command.command, command.title)
     * ```
     */
    readonly list: Binding<Methods['imbot.v2.Command.list']>
    /**
     * Deletes a command; resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/commands/command-unregister.html
     * @example
     * ```ts
     * await api.v2.Command.unregister({ botId: 456, commandId: 42 })
     * ```
     */
    readonly unregister: Binding<Methods['imbot.v2.Command.unregister']>
    /**
     * Answers a command call (`ONIMBOTV2COMMANDADD`); resolves to `true` (v2 does not return the
     * message id, unlike classic `imbot.command.answer`).
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/commands/command-answer.html
     * @example
     * ```ts
     * await api.v2.Command.answer({ botId: 456, commandId: 42, messageId: 789, dialogId: 'chat5', fields: { message: 'Here is the help.' } })
     * ```
     */
    readonly answer: Binding<Methods['imbot.v2.Command.answer']>
  }
  /** The bot's event queue in fetch mode (`imbot.v2.Event.*`). */
  readonly Event: {
    /**
     * Reads the bot's queued events; resolves to `{ events, nextOffset, hasMore }`. Pass `nextOffset`
     * as the next `offset`: it acknowledges everything returned so far.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/event-get.html
     * @example
     * ```ts
     * let offset: number | undefined
     * const batch = await api.v2.Event.get({ botId: 456, offset, limit: 100 })
     * for (const event of batch.events) console.log(event.eventId, event.type)
     * offset = batch.nextOffset
     * ```
     */
    readonly get: Binding<Methods['imbot.v2.Event.get']>
  }
  /** Files the bot uploads and downloads (`imbot.v2.File.*`). */
  readonly File: {
    /**
     * Uploads a Base64 file (at most 100 MB) and posts it in the dialog as the bot; resolves to
     * `{ file, messageId, chatId, dialogId }`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/files/file-upload.html
     * @example
     * ```ts
     * const { file } = await api.v2.File.upload({
     *   botId: 456,
     *   dialogId: 'chat5',
     *   fields: { name: 'report.txt', content: Buffer.from('Hello').toString('base64'), message: 'The report' },
     * })
     * ```
     */
    readonly upload: Binding<Methods['imbot.v2.File.upload']>
    /**
     * A one-time download link for a Drive file; resolves to `{ downloadUrl }`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/files/file-download.html
     * @example
     * ```ts
     * const { downloadUrl } = await api.v2.File.download({ botId: 456, fileId: 138, dialogId: 'chat5' })
     * const bytes = await (await fetch(downloadUrl)).arrayBuffer()
     * ```
     */
    readonly download: Binding<Methods['imbot.v2.File.download']>
  }
  /** API revisions (`imbot.v2.Revision.*`). */
  readonly Revision: {
    /**
     * The portal's API revisions, `{ rest, web, mobile, desktop }`; no bot needed.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/revision-get.html
     * @example
     * ```ts
     * const { rest } = await api.v2.Revision.get()
     * if (rest >= 34) console.log('Command.list returns titles')
     * ```
     */
    readonly get: Binding<Methods['imbot.v2.Revision.get']>
  }
}
