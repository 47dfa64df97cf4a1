import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { classicMessageExtras, commandNameSchema, requiredMessageTextSchema } from '../../schemas/classic-messages.ts'
import { clientIdSchema, idParamSchema, idResult, trueResult } from '../../schemas/common.ts'

/**
 * `imbot.command.answer`: answers a command in the dialog it was run in (`COMMAND_ID` or `COMMAND`, and the command's
 * `MESSAGE_ID`). Resolves to the answer's message id, or to `true` when more than 10 minutes have
 * passed since the command and nothing was posted.
 *
 * - The command is named by `COMMAND_ID` or by `COMMAND` (the application's command word); one of
 *   them is required. Given both, the server uses `COMMAND_ID`.
 * - `MESSAGE_ID` is the message that carried the command (from `ONIMCOMMANDADD`); the dialog comes
 *   from it, so there is no `DIALOG_ID` and no `BOT_ID`.
 * - `MESSAGE` is required and must hold more than whitespace (`MESSAGE_EMPTY`), although the docs
 *   mark it optional.
 * - The answer is posted only within **10 minutes** of the command. Later, nothing is posted and the
 *   server answers `true` instead of an id: the result is `number | true`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/commands/imbot-command-answer.html
 * @example
 * ```ts
 * const answer = await api.command.answer({ COMMAND_ID: 99, MESSAGE_ID: 33871, MESSAGE: 'Done' })
 * if (answer === true) console.log('too late: the 10-minute answer window had closed')
 * ```
 */
export const imbotCommandAnswer = defineMethod({
  method: 'imbot.command.answer',
  params: v.pipe(
    v.strictObject({
      /** The command answered: the id `imbot.command.register` resolved to. Or give `COMMAND`. */
      COMMAND_ID: v.optional(idParamSchema),
      /** The command answered, by its word (a leading `/` is dropped). Or give `COMMAND_ID`. */
      COMMAND: v.optional(commandNameSchema),
      /** The message that carried the command (`data[PARAMS][MESSAGE_ID]` of `ONIMCOMMANDADD`). */
      MESSAGE_ID: idParamSchema,
      /** The answer text (BB codes allowed), at most 20,000 characters, not blank. */
      MESSAGE: requiredMessageTextSchema,
      ...classicMessageExtras,
      /** Incoming webhooks only: the `CLIENT_ID` given to `imbot.register`. */
      CLIENT_ID: v.optional(clientIdSchema),
    }),
    v.forward(
      v.partialCheck(
        [['COMMAND_ID'], ['COMMAND']],
        (input) => input.COMMAND_ID !== undefined || input.COMMAND !== undefined,
        'is required unless COMMAND is given',
      ),
      ['COMMAND_ID'],
    ),
  ),
  result: v.union([idResult, trueResult], 'Expected a message id, or true when the answer window had closed'),
})
