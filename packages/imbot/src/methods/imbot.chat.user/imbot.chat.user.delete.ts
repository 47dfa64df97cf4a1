import { defineMethod } from '@b24bot/core'
import { chatActionParams } from '../../schemas/classic-bots.ts'
import { idParamSchema, trueResult } from '../../schemas/common.ts'

/**
 * `imbot.chat.user.delete`: removes a user from a chat (not the owner). Resolves to `true`.
 *
 * - The chat is `CHAT_ID` or `DIALOG_ID` (`chatNNN`); one of them is required (`CHAT_ID_EMPTY`), and
 *   the portal reads `DIALOG_ID` first when both are given.
 * - `BOT_ID` may be omitted: the portal then acts as the application's first bot.
 * - The owner cannot be removed (403 `ACCESS_ERROR`), nor anyone from the general chat.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-user-delete.html
 * @example
 * ```ts
 * await api.chat.user.delete({ CHAT_ID: 2725, USER_ID: 1269 })
 * ```
 */
export const imbotChatUserDelete = defineMethod({
  method: 'imbot.chat.user.delete',
  params: chatActionParams({
    /** The member to remove. */
    USER_ID: idParamSchema,
  }),
  result: trueResult,
})
