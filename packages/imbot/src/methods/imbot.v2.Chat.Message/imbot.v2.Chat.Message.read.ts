import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, idParamSchema, idSchema, v2BotIdentity } from '../../schemas/common.ts'
import { countSchema } from '../../schemas/common.ts'

/**
 * `imbot.v2.Chat.Message.read`: marks a dialog read for the bot, up to a message or entirely; resolves to
 * `{ chatId, lastId, counter, viewedMessages }`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-read.html
 * @example
 * ```ts
 * const { counter } = await api.v2.Chat.Message.read({ botId: 456, dialogId: 'chat5', messageId: 789 })
 * ```
 */
export const imbotV2ChatMessageRead = defineMethod({
  method: 'imbot.v2.Chat.Message.read',
  idempotent: true,
  params: v.strictObject({
    ...v2BotIdentity,
    /** The dialog: `chatNNN`, or the other user's id. */
    dialogId: dialogIdSchema,
    /** Read up to and including this message; omit to read the whole dialog. */
    messageId: v.optional(idParamSchema),
  }),
  result: v.looseObject({
    chatId: idSchema,
    /** The last read message's id. */
    lastId: countSchema,
    /** Unread messages left. */
    counter: countSchema,
    /** The ids this call marked read. */
    viewedMessages: v.array(idSchema),
  }),
})
