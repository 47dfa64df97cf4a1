import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { attachSchema } from '../../schemas/attach.ts'
import { idParamSchema, messageTextSchema, v2ActionResult, v2BotIdentity, ynFlag } from '../../schemas/common.ts'
import { keyboardSchema } from '../../schemas/keyboard.ts'

/**
 * `imbot.v2.Chat.Message.update`: edits one of the bot's messages; resolves to `true`. `fields.keyboard: 'N'` removes the keyboard.
 *
 * - The message is addressed by `messageId` alone (no `dialogId`).
 * - `fields.keyboard: 'N'` (or `''`) removes the keyboard.
 * - `fields.urlPreview` is documented as `'Y'`/`'N'` on this page and as a boolean elsewhere: both are
 *   accepted, and it is sent as `'Y'`/`'N'`, which every revision understands.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-update.html
 * @example
 * ```ts
 * await api.v2.Chat.Message.update({ botId: 456, messageId: 789, fields: { message: 'Done.', keyboard: 'N' } })
 * ```
 */
export const imbotV2ChatMessageUpdate = defineMethod({
  method: 'imbot.v2.Chat.Message.update',
  params: v.strictObject({
    ...v2BotIdentity,
    /** A message written by this bot. */
    messageId: idParamSchema,
    /** What to change. */
    fields: v.strictObject({
      /** New BB-code text, at most 20,000 characters. */
      message: v.optional(messageTextSchema),
      /** A replacement ATTACH. */
      attach: v.optional(attachSchema),
      /** A replacement KEYBOARD (put `BOT_ID` next to `BUTTONS`), or `'N'` to remove it. */
      keyboard: v.optional(keyboardSchema),
      /** Link previews: `true`/`false` or `'Y'`/`'N'`, sent as `'Y'`/`'N'`. Default `'Y'`. */
      urlPreview: v.optional(ynFlag),
    }),
  }),
  result: v2ActionResult,
})
