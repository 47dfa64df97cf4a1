import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { botTokenSchema, handlerUrlSchema, v2BotIdentity, v2Flag } from '../../schemas/common.ts'
import { v2BackgroundIdSchema, v2BotWithUsersSchema } from '../../schemas/v2-entities.ts'
import { v2BotProfileEntries } from './imbot.v2.Bot.register.ts'

/**
 * `imbot.v2.Bot.update`: changes a bot's profile, flags, event delivery or token; resolves to `{ bot, users }`.
 *
 * Top-level `botToken` authorizes the call (current token); `fields.botToken` rotates it.
 *
 * - Top-level `botToken` is the CURRENT token (webhook authorization); `fields.botToken` is a NEW token
 *   (rotation, at most 40 characters): the old one stops working at once.
 * - Changing `eventMode`/`webhookUrl` rebuilds the ONIMBOTV2* subscriptions on the server. Switching to
 *   `'webhook'` without a `webhookUrl` is not refused here: the bot may already have one.
 * - `code` and `type` are not documented as updatable and are refused as unknown keys.
 * - `properties.color`: the server ignores an invalid color; here only the documented codes pass.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/bots/bot-update.html
 * @example
 * ```ts
 * await api.v2.Bot.update({ botId: 456, botToken: 'old_token', fields: { properties: { name: 'Helper' }, botToken: 'new_token' } })
 * ```
 */
export const imbotV2BotUpdate = defineMethod({
  method: 'imbot.v2.Bot.update',
  params: v.strictObject({
    ...v2BotIdentity,
    /** What to change; every key is optional. */
    fields: v.strictObject({
      /** Profile changes. */
      properties: v.optional(
        v.strictObject({
          /** New display name. */
          name: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'))),
          ...v2BotProfileEntries,
        }),
      ),
      /** Hide or show the bot in the contact list. */
      isHidden: v.optional(v2Flag),
      /** Allow or forbid reactions to the bot's messages. */
      isReactionsEnabled: v.optional(v2Flag),
      /** Enable or disable Open Channels support. */
      isSupportOpenline: v.optional(v2Flag),
      /** New chat background; `null` resets it to the user's own. */
      backgroundId: v.optional(v2BackgroundIdSchema),
      /** Switch event delivery (subscriptions are rebuilt automatically). */
      eventMode: v.optional(v.picklist(['fetch', 'webhook'], 'Expected "fetch" or "webhook"')),
      /** New event handler URL. */
      webhookUrl: v.optional(handlerUrlSchema),
      /** NEW token (rotation); authorize the call with the current one in top-level `botToken`. */
      botToken: v.optional(botTokenSchema),
    }),
  }),
  result: v2BotWithUsersSchema,
})
