import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatDialogIdSchema, idParamSchema, v2ActionResult, v2BotIdentity } from '../schemas/common.ts'

/**
 * `imbot.v2.Chat.setOwner`: hands a group chat the bot owns to another user. Resolves to `true`.
 * Only the current owner may do it (`ACCESS_DENIED`); the previous owner stays a manager. The server
 * does not check that `userId` is a member.
 */
export const imbotV2ChatSetOwner = defineMethod({
  method: 'imbot.v2.Chat.setOwner',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The group chat: `'chat{chatId}'`. */
    dialogId: chatDialogIdSchema,
    /** The new owner. */
    userId: idParamSchema,
  }),
  result: v2ActionResult,
})
