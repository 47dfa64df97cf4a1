import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatDialogIdSchema, idParamSchema, v2ActionResult, v2BotIdentity } from '../schemas/common.ts'

/**
 * `imbot.v2.Chat.User.delete`: removes a user from a group chat. Resolves to `true`, also when the
 * user was not a member (idempotent).
 */
export const imbotV2ChatUserDelete = defineMethod({
  method: 'imbot.v2.Chat.User.delete',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The group chat: `'chat{chatId}'`. */
    dialogId: chatDialogIdSchema,
    /** The user to remove. */
    userId: idParamSchema,
  }),
  result: v2ActionResult,
})
