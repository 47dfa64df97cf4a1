import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { clientIdSchema, idParamSchema, trueResult } from '../../schemas/common.ts'

/**
 * `imbot.command.unregister`: removes a command of the application. Resolves to `true`.
 *
 * - There is no `BOT_ID`: the command id is enough. A command of another application fails with
 *   `APP_ID_ERROR`, an unknown one with `COMMAND_ID_ERROR`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/commands/imbot-command-unregister.html
 * @example
 * ```ts
 * await api.command.unregister({ COMMAND_ID: 99 })
 * ```
 */
export const imbotCommandUnregister = defineMethod({
  method: 'imbot.command.unregister',
  params: v.strictObject({
    /** The command to remove: the id `imbot.command.register` resolved to. */
    COMMAND_ID: idParamSchema,
    /** Incoming webhooks only: the `CLIENT_ID` given to `imbot.register`. */
    CLIENT_ID: v.optional(clientIdSchema),
  }),
  result: trueResult,
})
