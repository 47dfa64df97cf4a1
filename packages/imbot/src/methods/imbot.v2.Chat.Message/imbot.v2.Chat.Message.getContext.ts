import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { idParamSchema, v2BotIdentity } from '../../schemas/common.ts'
import { v2UserSchema } from '../../schemas/v2-entities.ts'
import { v2MessageSchema } from '../../schemas/v2-messages.ts'

/**
 * `imbot.v2.Chat.Message.getContext`: reads the messages around one message, oldest first (`supervisor` and `personal` bots only);
 * resolves to `{ messages, users, hasPrevPage, hasNextPage }`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-get-context.html
 * @example
 * ```ts
 * const { messages, hasPrevPage } = await api.v2.Chat.Message.getContext({ botId: 456, messageId: 789, range: 20 })
 * ```
 */
export const imbotV2ChatMessageGetContext = defineMethod({
  method: 'imbot.v2.Chat.Message.getContext',
  idempotent: true,
  paging: { style: 'none', reason: 'it pages by message: call it again with the last (or first) message id of the window' },
  params: v.strictObject({
    ...v2BotIdentity,
    /** The centre of the window. */
    messageId: idParamSchema,
    /** Messages on each side, 1 to 50. Default 50. */
    range: v.optional(
      v.pipe(v.number(), v.integer('Expected an integer'), v.minValue(1, 'Expected 1 to 50'), v.maxValue(50, 'Expected 1 to 50')),
    ),
  }),
  result: v.looseObject({
    /** Oldest first. */
    messages: v.array(v2MessageSchema),
    /** The authors. */
    users: v.array(v2UserSchema),
    /** Older messages exist. */
    hasPrevPage: v.boolean(),
    /** Newer messages exist. */
    hasNextPage: v.boolean(),
  }),
})
