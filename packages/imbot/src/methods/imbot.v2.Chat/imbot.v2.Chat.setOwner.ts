import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatDialogIdSchema, idParamSchema, v2ActionResult, v2BotIdentity } from '../../schemas/common.ts'

/**
 * `imbot.v2.Chat.setOwner`: hands a group chat the bot owns to another user; resolves to `true`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-set-owner.html
 * @example
 * ```ts
 * await api.v2.Chat.setOwner({ botId: 456, dialogId: 'chat5', userId: 1 })
 * ```
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
