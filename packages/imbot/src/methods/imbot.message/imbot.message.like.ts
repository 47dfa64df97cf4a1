import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { clientIdSchema, idParamSchema, trueResult } from '../../schemas/common.ts'

/**
 * `imbot.message.like`: likes a message as the bot (`ACTION`: `auto` toggles, `plus`, `minus`). Resolves to `true`.
 *
 * - `ACTION`: `auto` (toggle, the default), `plus` or `minus`, in lower or upper case (the server
 *   lower-cases it; sent lower-cased). The server turns any other value into `auto`; this binding
 *   refuses it instead.
 * - A like that changes nothing (`plus` on a liked message) fails with `WITHOUT_CHANGES`.
 * - `BOT_ID` may be omitted: the server then picks the calling application's first bot.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/imbot-message-like.html
 * @example
 * ```ts
 * await api.message.like({ BOT_ID: 39, MESSAGE_ID: 19880117, ACTION: 'plus' })
 * ```
 */
export const imbotMessageLike = defineMethod({
  method: 'imbot.message.like',
  params: v.strictObject({
    /** The bot that likes; omitted, the server picks the application's first bot. */
    BOT_ID: v.optional(idParamSchema),
    /** A message in a dialog the bot is in. */
    MESSAGE_ID: idParamSchema,
    /** `auto` toggles (default), `plus` sets the like, `minus` removes it. Upper case is accepted too. */
    ACTION: v.optional(
      v.pipe(
        v.picklist(['auto', 'plus', 'minus', 'AUTO', 'PLUS', 'MINUS'], 'Expected "auto", "plus" or "minus"'),
        v.transform((action) => action.toLowerCase() as 'auto' | 'plus' | 'minus'),
      ),
    ),
    /** Incoming webhooks only: the `CLIENT_ID` given to `imbot.register`. */
    CLIENT_ID: v.optional(clientIdSchema),
  }),
  result: trueResult,
})
