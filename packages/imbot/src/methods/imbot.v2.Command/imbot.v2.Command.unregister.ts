import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { idParamSchema, v2ActionResult, v2BotIdentity } from '../../schemas/common.ts'

/**
 * `imbot.v2.Command.unregister`: deletes a command; resolves to `true`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/commands/command-unregister.html
 * @example
 * ```ts
 * await api.v2.Command.unregister({ botId: 456, commandId: 42 })
 * ```
 */
export const imbotV2CommandUnregister = defineMethod({
  method: 'imbot.v2.Command.unregister',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The command's id. */
    commandId: idParamSchema,
  }),
  result: v2ActionResult,
})
