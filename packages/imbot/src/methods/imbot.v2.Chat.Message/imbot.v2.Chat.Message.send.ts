import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, idParamSchema, idSchema, v2BotIdentity, v2Flag } from '../../schemas/common.ts'
import { forwardIdsSchema, hasMessageContent, uuidMapSchema, v2MessageContentEntries } from '../../schemas/v2-messages.ts'

/**
 * `imbot.v2.Chat.Message.send`: sends a message as the bot; resolves to `{ id, uuidMap }`.
 *
 * `fields` must carry text, an ATTACH or messages to forward (else the server answers `EMPTY_MESSAGE`).
 *
 * - `fields` is not marked required in the docs, but the server refuses a message without text,
 *   attachment or forward (`EMPTY_MESSAGE`); the schema requires `fields` and refuses such a message
 *   before sending (blank text counts as none; a keyboard alone is not a message).
 * - Booleans (`system`, `urlPreview`, ...) accept `true`/`false` or `'Y'`/`'N'` and are sent as JSON booleans.
 * - `skipConnector` and `silentConnector` are accepted: the change log (revision 33) lists them, the
 *   method page does not.
 * - `uuidMap` is `{}` when nothing was forwarded (PHP's `[]` too).
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
export const imbotV2ChatMessageSend = defineMethod({
  method: 'imbot.v2.Chat.Message.send',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The dialog: `chatNNN` for a chat, the other user's id for a private chat. Reply to `chat.dialogId` of the event. */
    dialogId: dialogIdSchema,
    /** The message. At least one of `message`, `attach` or `forwardIds` must carry something. */
    fields: v.pipe(
      v.strictObject({
        ...v2MessageContentEntries,
        /** The id of the message this one answers. */
        replyId: v.optional(idParamSchema),
        /** The UUID of a message template. */
        templateId: v.optional(v.pipe(v.string(), v.uuid('Expected a UUID'))),
        /** Messages to forward, `{ anyUuid: messageId }`, at most 100, from chats the bot is in. */
        forwardIds: v.optional(forwardIdsSchema),
        /** Don't send the message to external Open Channel connectors (change log only). */
        skipConnector: v.optional(v2Flag),
        /** Send to connectors without notifying (change log only). */
        silentConnector: v.optional(v2Flag),
      }),
      v.forward(
        v.partialCheck(
          [['message'], ['attach'], ['forwardIds']],
          hasMessageContent,
          'must not be empty unless fields.attach or fields.forwardIds carries something (the server answers EMPTY_MESSAGE)',
        ),
        ['message'],
      ),
    ),
  }),
  result: v.looseObject({
    /** The new message's id. */
    id: idSchema,
    /** For forwards: each uuid of `fields.forwardIds` mapped to the new message's id. */
    uuidMap: v.optional(uuidMapSchema, {}),
  }),
})
