import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatDialogIdSchema, v2ActionResult, v2BotIdentity } from '../../schemas/common.ts'

/**
 * `imbot.v2.Chat.leave`: the bot leaves a group chat; resolves to `true`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-leave.html
 * @example
 * ```ts
 * await api.v2.Chat.leave({ botId: 456, dialogId: 'chat5' })
 * ```
 */
export const imbotV2ChatLeave = defineMethod({
  method: 'imbot.v2.Chat.leave',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The group chat to leave: `'chat{chatId}'`. */
    dialogId: chatDialogIdSchema,
  }),
  result: v2ActionResult,
})
