import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { idParamSchema, v2BotIdentity } from '../schemas/common.ts'
import { v2UserSchema } from '../schemas/v2-entities.ts'
import { v2MessageSchema } from '../schemas/v2-messages.ts'

/**
 * `imbot.v2.Chat.Message.get`: reads one message and its author. Only `supervisor` and `personal` bots
 * may call it (`BOT_TYPE_NOT_ALLOWED` otherwise); typically used to read the original of a reply.
 *
 * `user` is `null` when the server sends none (a system message has no author).
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
