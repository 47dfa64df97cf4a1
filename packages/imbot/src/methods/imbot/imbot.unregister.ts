import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { clientIdSchema, idParamSchema, trueResult } from '../../schemas/common.ts'

/**
 * `imbot.unregister`: deletes one of your application's bots (its commands and one-to-one chats too). `BOT_ID` is
 * required. Resolves to `true`.
 *
 * - `BOT_ID` is required: unlike most classic methods, the portal does not fall back to the
 *   application's first bot here (`BOT_ID_ERROR`).
 * - The portal sends `ONIMBOTDELETE` to the application's handler before deleting the bot. The event
 *   bindings themselves stay.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/bots/imbot-unregister.html
 * @example
 * ```ts
 * await api.unregister({ BOT_ID: 39 })
 * ```
 */
export const imbotUnregister = defineMethod({
  method: 'imbot.unregister',
  params: v.strictObject({
    /** The bot to delete (from `imbot.register` or `imbot.bot.list`). */
    BOT_ID: idParamSchema,
    /** Incoming webhooks only: the `CLIENT_ID` the bot was registered with. */
    CLIENT_ID: v.optional(clientIdSchema),
  }),
  result: trueResult,
})
