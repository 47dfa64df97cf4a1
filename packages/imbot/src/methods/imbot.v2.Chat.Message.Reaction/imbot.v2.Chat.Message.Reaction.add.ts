import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { idParamSchema, v2ActionResult, v2BotIdentity } from '../../schemas/common.ts'
import { reactionSchema } from '../../schemas/v2-messages.ts'

/**
 * `imbot.v2.Chat.Message.Reaction.add`: puts the bot's reaction on a message; resolves to `true`.
 *
 * `reaction` is one of the 48 documented codes (`like`, `redHeart`, ...), which the editor suggests,
 * or any other camelCase code: the portal changes the list without notice and answers
 * `REACTION_NOT_FOUND` for a code it does not know.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-reaction-add.html
 * @example
 * ```ts
 * await api.v2.Chat.Message.Reaction.add({ botId: 456, messageId: 789, reaction: 'like' })
 * ```
 */
export const imbotV2ChatMessageReactionAdd = defineMethod({
  method: 'imbot.v2.Chat.Message.Reaction.add',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The message. */
    messageId: idParamSchema,
    /** The reaction code, such as `'like'`. */
    reaction: reactionSchema,
  }),
  result: v2ActionResult,
})
