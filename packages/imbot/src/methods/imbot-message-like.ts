import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { clientIdSchema, positiveIntegerSchema, trueResult } from '../schemas/common.ts'

/**
 * `imbot.message.like`: the bot likes a message, removes its like, or toggles it. Resolves to `true`.
 *
 * - `ACTION`: `auto` (toggle, the default), `plus` or `minus`. The server turns any other value into
 *   `auto`; this binding refuses it instead.
 * - A like that changes nothing (`plus` on a liked message) fails with `WITHOUT_CHANGES`.
 * - `BOT_ID` may be omitted: the server then picks the calling application's first bot.
 */
export const imbotMessageLike = defineMethod({
  method: 'imbot.message.like',
  params: v.strictObject({
    /** The bot that likes; omitted, the server picks the application's first bot. */
    BOT_ID: v.optional(positiveIntegerSchema),
    /** A message in a dialog the bot is in. */
    MESSAGE_ID: positiveIntegerSchema,
    /** `auto` toggles (default), `plus` sets the like, `minus` removes it. */
    ACTION: v.optional(v.picklist(['auto', 'plus', 'minus'], 'Expected "auto", "plus" or "minus"')),
    /** Incoming webhooks only: the `CLIENT_ID` given to `imbot.register`. */
    CLIENT_ID: v.optional(clientIdSchema),
  }),
  result: trueResult,
})
