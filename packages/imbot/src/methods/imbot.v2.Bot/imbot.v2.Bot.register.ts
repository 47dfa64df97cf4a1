import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { botTokenSchema, handlerUrlSchema, v2Flag } from '../../schemas/common.ts'
import { V2_BOT_TYPES, v2BackgroundIdSchema, v2BotWithUsersSchema, v2ColorSchema } from '../../schemas/v2-entities.ts'

/** A bot avatar: raw Base64 of an image (at most 5000×5000 px), without a `data:…;base64,` prefix. */
const v2BotAvatarSchema = v.pipe(
  v.string(),
  v.nonEmpty('must not be empty'),
  v.check((text) => !/^\s*data:/i.test(text), 'must be raw Base64, without the "data:…;base64," prefix'),
)

/** The profile keys of `fields.properties`, all optional (`Bot.update`); `Bot.register` requires `name`. */
export const v2BotProfileEntries = {
  /** Last name of the bot user. */
  lastName: v.optional(v.string()),
  /** Position shown in the profile, such as `'AI Assistant'`. */
  workPosition: v.optional(v.string()),
  /** Avatar color code; auto-assigned at registration when absent. */
  color: v.optional(v2ColorSchema),
  /** Gender of the bot user. */
  gender: v.optional(v.picklist(['M', 'F'], 'Expected "M" or "F"')),
  /** Avatar image as raw Base64 (no `data:` prefix), image/* only, at most 5000×5000 px. */
  avatar: v.optional(v2BotAvatarSchema),
}

/**
 * `imbot.v2.Bot.register`: registers a bot (idempotent per `fields.code`) and resolves to `{ bot, users }`.
 *
 * The token goes in `fields.botToken` (at most 40 characters); a top-level `botToken` is copied there.
 * `fields.webhookUrl` is required when `fields.eventMode` is `'webhook'`.
 *
 * - Idempotent per `fields.code`: registering the same code again from the same application returns
 *   the existing bot unchanged (use `Bot.update` to change it).
 * - `fields.botToken` is where this method takes the token (at most 40 characters). The quick-start
 *   page sends a top-level `botToken` instead; it is accepted too, and copied into `fields.botToken`
 *   when that is absent, so both places are sent (imbot.md §9.8). Two different tokens are refused.
 * - `fields.webhookUrl` is required when `fields.eventMode` is `'webhook'` (`BOT_WEBHOOK_URL_REQUIRED`);
 *   it must be an http(s) URL whose host contains a dot (`BOT_INVALID_CALLBACK`).
 * - `fields.type` takes the four documented types and `network`, which the server accepts (its
 *   `BOT_INVALID_TYPE` text lists it) although no page describes it.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/bots/bot-register.html
 * @example
 * ```ts
 * const { bot } = await api.v2.Bot.register({
 *   fields: {
 *     code: 'support_bot',
 *     botToken: 'my_bot_token',
 *     properties: { name: 'Support Bot', color: 'aqua' },
 *     eventMode: 'webhook',
 *     webhookUrl: 'https://bot.example.com/events',
 *   },
 * })
 * console.log(bot.id)
 * ```
 */
export const imbotV2BotRegister = defineMethod({
  method: 'imbot.v2.Bot.register',
  idempotent: true,
  params: v.pipe(
    v.strictObject({
      /** Everything the bot is registered with. */
      fields: v.pipe(
        v.strictObject({
          /** Bot code, unique within the application; also the idempotency key. */
          code: v.pipe(v.string(), v.nonEmpty('must not be empty')),
          /** Secret you choose; ties the bot to your incoming webhook (required on webhook calls). */
          botToken: v.optional(botTokenSchema),
          /** The bot's profile. */
          properties: v.strictObject({
            /** Display name shown in the chat list and dialog header. */
            name: v.pipe(v.string(), v.nonEmpty('must not be empty')),
            ...v2BotProfileEntries,
          }),
          /** `bot` (default), `supervisor`, `personal`, `openline`, or the undocumented `network`. */
          type: v.optional(v.picklist(V2_BOT_TYPES, `Expected one of ${V2_BOT_TYPES.join(', ')}`)),
          /** `fetch` (default: poll `imbot.v2.Event.get`) or `webhook` (events POSTed to `webhookUrl`). */
          eventMode: v.optional(v.picklist(['fetch', 'webhook'], 'Expected "fetch" or "webhook"')),
          /** Event handler URL; required when `eventMode` is `'webhook'`. */
          webhookUrl: v.optional(handlerUrlSchema),
          /** Hide the bot from the contact list (default `false`). */
          isHidden: v.optional(v2Flag),
          /** Allow reactions to the bot's messages (default `true`). */
          isReactionsEnabled: v.optional(v2Flag),
          /** Let the bot work in Open Channels (default `false`). */
          isSupportOpenline: v.optional(v2Flag),
          /** Chat background; `null` (default) for the user's own. */
          backgroundId: v.optional(v2BackgroundIdSchema),
        }),
        v.forward(
          v.partialCheck(
            [['eventMode'], ['webhookUrl']],
            (fields) => fields.eventMode !== 'webhook' || fields.webhookUrl !== undefined,
            'is required when eventMode is "webhook"',
          ),
          ['webhookUrl'],
        ),
      ),
      /** The quick-start spelling of `fields.botToken`; copied into `fields.botToken` when that is absent. */
      botToken: v.optional(botTokenSchema),
    }),
    v.forward(
      v.partialCheck(
        [['botToken'], ['fields', 'botToken']],
        (input) => input.botToken === undefined || input.fields.botToken === undefined || input.botToken === input.fields.botToken,
        'differs from fields.botToken; give the token once, in fields.botToken',
      ),
      ['botToken'],
    ),
    v.transform((input) =>
      input.botToken === undefined || input.fields.botToken !== undefined
        ? input
        : { ...input, fields: { ...input.fields, botToken: input.botToken } },
    ),
  ),
  result: v2BotWithUsersSchema,
})
