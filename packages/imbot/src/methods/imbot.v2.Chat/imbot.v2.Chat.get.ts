import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, v2BotIdentity } from '../../schemas/common.ts'
import { v2ChatSchema, v2UserSchema } from '../../schemas/v2-entities.ts'

/**
 * `imbot.v2.Chat.get`: a chat the bot is in; resolves to `{ chat }` (`textFieldEnabled` as a boolean, `lastMessageViews` parsed).
 *
 * The chat is normalized (imbot.md §9.16): `textFieldEnabled` (`"Y"`/`"N"` or a boolean) becomes a
 * boolean, `lastMessageViews` (a JSON string) is parsed into an object, and `parentChatId`,
 * `parentMessageId`, `lastId`, `unreadId`, `markedId` are `null` when the server sends `null` or `0`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-get.html
 * @example
 * ```ts
 * const { chat } = await api.v2.Chat.get({ botId: 456, dialogId: 'chat5' })
 * console.log(chat.name, chat.userCounter)
 * ```
 */
export const imbotV2ChatGet = defineMethod({
  method: 'imbot.v2.Chat.get',
  idempotent: true,
  params: v.strictObject({
    ...v2BotIdentity,
    /** `'chat{chatId}'` for a group chat, the other user's id for a one-to-one chat. */
    dialogId: dialogIdSchema,
  }),
  result: v.looseObject({
    chat: v2ChatSchema,
    users: v.optional(v.array(v2UserSchema)),
  }),
})
