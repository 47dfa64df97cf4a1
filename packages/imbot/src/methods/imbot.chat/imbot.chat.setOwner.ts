import { defineMethod } from '@b24bot/core'
import { chatActionParams } from '../../schemas/classic-bots.ts'
import { idParamSchema, trueResult } from '../../schemas/common.ts'

/**
 * `imbot.chat.setOwner`: hands a chat the bot owns over to another member. Resolves to `true`.
 *
 * - The chat is `CHAT_ID` or `DIALOG_ID` (`chatNNN`); one of them is required (`CHAT_ID_EMPTY`), and
 *   the portal reads `DIALOG_ID` first when both are given.
 * - `BOT_ID` may be omitted: the portal then acts as the application's first bot.
 * - The general chat cannot change owner (403 `ACCESS_ERROR`); the new owner must be a member
 *   (`WRONG_REQUEST`).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-set-owner.html
 * @example
 * ```ts
 * await api.chat.setOwner({ DIALOG_ID: 'chat2727', USER_ID: 1269 })
 * ```
 */
export const imbotChatSetOwner = defineMethod({
  method: 'imbot.chat.setOwner',
  params: chatActionParams({
    /** The new owner, a member of the chat. */
    USER_ID: idParamSchema,
  }),
  result: trueResult,
})
