import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatDialogIdSchema, v2ActionResult, v2BotIdentity } from '../schemas/common.ts'

/** `imbot.v2.Chat.leave`: the bot leaves a group chat (`'chat{chatId}'`). Resolves to `true`. */
export const imbotV2ChatLeave = defineMethod({
  method: 'imbot.v2.Chat.leave',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The group chat to leave: `'chat{chatId}'`. */
    dialogId: chatDialogIdSchema,
  }),
  result: v2ActionResult,
})
