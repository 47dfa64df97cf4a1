import { defineMethod } from '@b24bot/core'
import { chatActionParams } from '../../schemas/classic-bots.ts'
import { trueResult } from '../../schemas/common.ts'

/**
 * `imbot.chat.leave`: the bot leaves a chat (`CHAT_ID` or `DIALOG_ID`). An owner must hand the chat over first.
 * Resolves to `true`.
 *
 * - The chat is `CHAT_ID` or `DIALOG_ID` (`chatNNN`); one of them is required (`CHAT_ID_EMPTY`), and
 *   the portal reads `DIALOG_ID` first when both are given.
 * - `BOT_ID` may be omitted: the portal then acts as the application's first bot.
 * - The owner cannot leave (403 `ACCESS_ERROR`): hand the chat over with `imbot.chat.setOwner` first.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-leave.html
 * @example
 * ```ts
 * await api.chat.leave({ CHAT_ID: 2725 })
 * ```
 */
export const imbotChatLeave = defineMethod({
  method: 'imbot.chat.leave',
  params: chatActionParams({}),
  result: trueResult,
})
