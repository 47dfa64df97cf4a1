import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, idParamSchema, idSchema, v2BotIdentity } from '../schemas/common.ts'
import { countSchema } from '../schemas/common.ts'

/**
 * `imbot.v2.Chat.Message.read`: marks the dialog read for the bot, up to and including `messageId`, or
 * entirely. Resolves to the read state `{ chatId, lastId, counter, viewedMessages }` (not `true`).
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
