import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatDialogIdSchema, v2ActionResult, v2BotIdentity } from '../../schemas/common.ts'
import { v2UserIdsSchema } from '../../schemas/v2-entities.ts'

/**
 * `imbot.v2.Chat.Manager.delete`: takes the manager role back from users of a group chat the bot owns; resolves to `true`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-manager-delete.html
 * @example
 * ```ts
 * await api.v2.Chat.Manager.delete({ botId: 456, dialogId: 'chat5', userIds: [4] })
 * ```
 */
export const imbotV2ChatManagerDelete = defineMethod({
  method: 'imbot.v2.Chat.Manager.delete',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The group chat: `'chat{chatId}'`. */
    dialogId: chatDialogIdSchema,
    /** Users to demote (at least one). */
    userIds: v.pipe(v2UserIdsSchema, v.nonEmpty('must list at least one user id')),
  }),
  result: v2ActionResult,
})
