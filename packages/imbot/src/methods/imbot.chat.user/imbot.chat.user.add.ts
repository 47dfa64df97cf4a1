import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatActionParams } from '../../schemas/classic-bots.ts'
import { idParamSchema, trueResult, ynFlag } from '../../schemas/common.ts'

/**
 * `imbot.chat.user.add`: adds users to a chat. `HIDE_HISTORY: 'N'` lets them read earlier messages. Resolves to `true`.
 *
 * - The chat is `CHAT_ID` or `DIALOG_ID` (`chatNNN`); one of them is required (`CHAT_ID_EMPTY`), and
 *   the portal reads `DIALOG_ID` first when both are given.
 * - `BOT_ID` may be omitted: the portal then acts as the application's first bot.
 * - `USERS` is a non-empty list of user ids; adding only current members fails (`WRONG_REQUEST`).
 * - `HIDE_HISTORY`: `N` lets the new members read the earlier messages.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-user-add.html
 * @example
 * ```ts
 * await api.chat.user.add({ CHAT_ID: 2725, USERS: [1269, 1271], HIDE_HISTORY: 'N' })
 * ```
 */
export const imbotChatUserAdd = defineMethod({
  method: 'imbot.chat.user.add',
  params: chatActionParams({
    /** The users to add, by id. */
    USERS: v.pipe(v.array(idParamSchema), v.nonEmpty('must list at least one user id')),
    /** `Y`: the new members do not see earlier messages; `N`: they do. */
    HIDE_HISTORY: v.optional(ynFlag),
  }),
  result: trueResult,
})
