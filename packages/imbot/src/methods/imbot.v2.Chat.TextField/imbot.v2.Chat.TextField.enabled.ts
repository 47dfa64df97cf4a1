import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, v2ActionResult, v2BotIdentity, v2Flag } from '../../schemas/common.ts'

/**
 * `imbot.v2.Chat.TextField.enabled`: enables or disables the users' message input in a chat; resolves to `true`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/ui/chat-text-field-enabled.html
 * @example
 * ```ts
 * await api.v2.Chat.TextField.enabled({ botId: 456, dialogId: 'chat5', enabled: false })
 * ```
 */
export const imbotV2ChatTextFieldEnabled = defineMethod({
  method: 'imbot.v2.Chat.TextField.enabled',
  idempotent: true,
  params: v.strictObject({
    ...v2BotIdentity,
    /** `'chat{chatId}'` for a group chat, the other user's id for a one-to-one chat. */
    dialogId: dialogIdSchema,
    /** `true` (default) enables the input field, `false` disables it. */
    enabled: v.optional(v2Flag),
  }),
  result: v2ActionResult,
})
