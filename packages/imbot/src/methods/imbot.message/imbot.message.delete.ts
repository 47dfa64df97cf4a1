import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { clientIdSchema, idParamSchema, trueResult, ynFlag } from '../../schemas/common.ts'

/**
 * `imbot.message.delete`: deletes one of the bot's messages; `COMPLETE: 'Y'` leaves no placeholder. Resolves to `true`.
 *
 * - `COMPLETE: 'Y'` erases it without a "message deleted" placeholder.
 * - The bot must be the author (`CANT_EDIT_MESSAGE`, 403); unlike editing, there is no time limit.
 * - `BOT_ID` may be omitted: the server then picks the calling application's first bot.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/imbot-message-delete.html
 * @example
 * ```ts
 * await api.message.delete({ BOT_ID: 39, MESSAGE_ID: 19880117, COMPLETE: 'Y' })
 * ```
 */
export const imbotMessageDelete = defineMethod({
  method: 'imbot.message.delete',
  params: v.strictObject({
    /** The bot that wrote the message; omitted, the server picks the application's first bot. */
    BOT_ID: v.optional(idParamSchema),
    /** The message to delete. */
    MESSAGE_ID: idParamSchema,
    /** `Y`: erase completely, leaving no placeholder. Default `N`. */
    COMPLETE: v.optional(ynFlag),
    /** Incoming webhooks only: the `CLIENT_ID` given to `imbot.register`. */
    CLIENT_ID: v.optional(clientIdSchema),
  }),
  result: trueResult,
})
