import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatDialogIdSchema, idParamSchema, v2ActionResult, v2BotIdentity } from '../../schemas/common.ts'

/**
 * `imbot.v2.Chat.User.delete`: removes a user from a group chat (idempotent); resolves to `true`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-user-delete.html
 * @example
 * ```ts
 * await api.v2.Chat.User.delete({ botId: 456, dialogId: 'chat5', userId: 3 })
 * ```
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
