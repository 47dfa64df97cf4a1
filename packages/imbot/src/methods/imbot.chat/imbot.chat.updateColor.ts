import { defineMethod } from '@b24bot/core'
import { chatActionParams, classicColorSchema } from '../../schemas/classic-bots.ts'
import { trueResult } from '../../schemas/common.ts'

/**
 * `imbot.chat.updateColor`: sets a chat's colour (mobile app): one of the portal's safe colours (`ORANGE` is refused).
 * Setting the current colour again is an error. Resolves to `true`.
 *
 * - The chat is `CHAT_ID` or `DIALOG_ID` (`chatNNN`); one of them is required (`CHAT_ID_EMPTY`), and
 *   the portal reads `DIALOG_ID` first when both are given.
 * - `BOT_ID` may be omitted: the portal then acts as the application's first bot.
 * - `COLOR` must be one of the portal's "safe" colours: the 16 documented ones and `COPILOT`;
 *   `ORANGE` is refused (`WRONG_COLOR`).
 * - Setting the colour the chat already has is an error (`WRONG_REQUEST`).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-update-color.html
 * @example
 * ```ts
 * await api.chat.updateColor({ CHAT_ID: 2725, COLOR: 'PINK' })
 * ```
 */
export const imbotChatUpdateColor = defineMethod({
  method: 'imbot.chat.updateColor',
  idempotent: true,
  params: chatActionParams({
    /** The new colour. */
    COLOR: classicColorSchema,
  }),
  result: trueResult,
})
