import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, idParamSchema, v2ActionResult, v2BotIdentity } from '../../schemas/common.ts'
import { hasMessageContent, v2MessageContentEntries } from '../../schemas/v2-messages.ts'

/**
 * `imbot.v2.Command.answer`: answers a command call (`ONIMBOTV2COMMANDADD`); resolves to `true` (v2 does not return the
 * message id, unlike classic `imbot.command.answer`).
 *
 * - Resolves to `true`: unlike classic `imbot.command.answer`, which resolves to the new message's id,
 *   v2 answers `{ result: true }` and does not return the id.
 * - `fields` is not marked required, but an answer is a message: the schema requires text or an
 *   attachment, as `Chat.Message.send` does, instead of letting the server fail with
 *   `COMMAND_ANSWER_FAILED`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/commands/command-answer.html
 * @example
 * ```ts
 * await api.v2.Command.answer({ botId: 456, commandId: 42, messageId: 789, dialogId: 'chat5', fields: { message: 'Here is the help.' } })
 * ```
 */
export const imbotV2CommandAnswer = defineMethod({
  method: 'imbot.v2.Command.answer',
  params: v.strictObject({
    ...v2BotIdentity,
    /** `command.id` of the event. */
    commandId: idParamSchema,
    /** `message.id` of the event: the message that carried the command. */
    messageId: idParamSchema,
    /** `chat.dialogId` of the event. */
    dialogId: dialogIdSchema,
    /** The answer. At least one of `message` or `attach` must carry something. */
    fields: v.pipe(
      v.strictObject({
        ...v2MessageContentEntries,
      }),
      v.forward(v.partialCheck([['message'], ['attach']], hasMessageContent, 'must not be empty unless fields.attach carries something'), [
        'message',
      ]),
    ),
  }),
  result: v2ActionResult,
})
