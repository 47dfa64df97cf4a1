import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { idParamSchema, v2ActionResult, v2BotIdentity, v2Flag } from '../schemas/common.ts'

/**
 * `imbot.v2.Chat.Message.delete`: deletes a message: the bot's own, or anyone's (system messages
 * included) when the bot administers the chat. Soft by default. Resolves to `true`.
 */
export const imbotV2ChatMessageDelete = defineMethod({
  method: 'imbot.v2.Chat.Message.delete',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The message to delete. */
    messageId: idParamSchema,
    /** `true`: remove it from the database; `false` (default): mark it deleted. */
    complete: v.optional(v2Flag),
  }),
  result: v2ActionResult,
})
