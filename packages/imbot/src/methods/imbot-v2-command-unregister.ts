import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { idParamSchema, v2ActionResult, v2BotIdentity } from '../schemas/common.ts'

/** `imbot.v2.Command.unregister`: deletes a command of the bot. Resolves to `true`. */
export const imbotV2CommandUnregister = defineMethod({
  method: 'imbot.v2.Command.unregister',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The command's id. */
    commandId: idParamSchema,
  }),
  result: v2ActionResult,
})
