import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { idParamSchema, v2ActionResult, v2BotIdentity, v2Flag } from '../../schemas/common.ts'

/**
 * `imbot.v2.Chat.Message.delete`: deletes a message (the bot's own, or any when the bot administers the chat); resolves to `true`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-delete.html
 * @example
 * ```ts
 * await api.v2.Chat.Message.delete({ botId: 456, messageId: 789, complete: true })
 * ```
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
