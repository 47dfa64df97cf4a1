import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, v2ActionResult, v2BotIdentity } from '../../schemas/common.ts'
import { v2UserIdsSchema } from '../../schemas/v2-entities.ts'

/**
 * `imbot.v2.Chat.User.add`: adds users to a chat (unknown or inactive ids are skipped); resolves to `true`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-user-add.html
 * @example
 * ```ts
 * await api.v2.Chat.User.add({ botId: 456, dialogId: 'chat5', userIds: [1, 2, 3] })
 * ```
 */
export const imbotV2ChatUserAdd = defineMethod({
  method: 'imbot.v2.Chat.User.add',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The chat: `'chat{chatId}'`. */
    dialogId: dialogIdSchema,
    /** The users to add. */
    userIds: v2UserIdsSchema,
  }),
  result: v2ActionResult,
})
