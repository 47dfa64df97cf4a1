import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { idParamSchema, v2BotIdentity } from '../../schemas/common.ts'
import { v2UserSchema } from '../../schemas/v2-entities.ts'
import { v2MessageSchema } from '../../schemas/v2-messages.ts'

/**
 * `imbot.v2.Chat.Message.get`: reads one message and its author (`supervisor` and `personal` bots only); resolves to `{ message, user }`.
 *
 * `user` is `null` when the server sends none (a system message has no author).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-get.html
 * @example
 * ```ts
 * const { message, user } = await api.v2.Chat.Message.get({ botId: 456, messageId: 785 })
 * console.log(user?.name, message.text)
 * ```
 */
export const imbotV2ChatMessageGet = defineMethod({
  method: 'imbot.v2.Chat.Message.get',
  idempotent: true,
  params: v.strictObject({
    ...v2BotIdentity,
    /** The message to read. */
    messageId: idParamSchema,
  }),
  result: v.looseObject({
    message: v2MessageSchema,
    /** The author. */
    user: v.optional(v.nullable(v2UserSchema), null),
  }),
})
