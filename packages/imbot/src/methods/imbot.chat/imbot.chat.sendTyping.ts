import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { clientIdSchema, dialogIdSchema, idParamSchema, trueResult } from '../../schemas/common.ts'

/**
 * `imbot.chat.sendTyping`: shows "bot is typing…" in a dialog (a user id or `chatNNN`) for a few seconds. Resolves to `true`.
 *
 * - `DIALOG_ID` is a user id (the one-to-one dialog with that user) or `chatNNN` (`DIALOG_ID_EMPTY`
 *   otherwise).
 * - `BOT_ID` may be omitted: the portal then acts as the application's first bot.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-send-typing.html
 * @example
 * ```ts
 * await api.chat.sendTyping({ DIALOG_ID: 'chat2725' })
 * ```
 */
export const imbotChatSendTyping = defineMethod({
  method: 'imbot.chat.sendTyping',
  idempotent: true,
  params: v.strictObject({
    /** Where to show the indicator: a user id or `chatNNN`. */
    DIALOG_ID: dialogIdSchema,
    /** The bot that acts; default: the application's first bot. */
    BOT_ID: v.optional(idParamSchema),
    /** Incoming webhooks only: the `CLIENT_ID` the bot was registered with. */
    CLIENT_ID: v.optional(clientIdSchema),
  }),
  result: trueResult,
})
