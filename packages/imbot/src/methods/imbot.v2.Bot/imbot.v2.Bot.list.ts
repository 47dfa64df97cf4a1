import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { botTokenSchema, positiveIntegerSchema } from '../../schemas/common.ts'
import { V2_BOT_TYPES, v2BotSchema, v2UserSchema } from '../../schemas/v2-entities.ts'

/**
 * `imbot.v2.Bot.list`: the calling application's bots, paged by `limit`/`offset`; resolves to `{ bots, users, hasNextPage }`.
 *
 * - Paged by `limit` (default 50, no documented maximum) and `offset` (default 0), not by the classic
 *   `start`/`next`/`total`: ask for the next page while `hasNextPage` is `true` (`client.paginate`
 *   does, yielding the bots).
 * - No `botId`: the method lists the caller's bots; `botToken` is still required on webhook calls.
 * - `filter.type` takes the bot types `Bot.register` takes (the server answers an empty list for any
 *   other value, so a typo is refused here rather than silently listing nothing).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/bots/bot-list.html
 * @example
 * ```ts
 * const page = await api.v2.Bot.list({ filter: { type: 'bot' }, limit: 50, offset: 0 })
 * if (page.hasNextPage) console.log('ask again with offset 50')
 * ```
 */
export const imbotV2BotList = defineMethod({
  method: 'imbot.v2.Bot.list',
  idempotent: true,
  paging: { style: 'offset', items: 'bots', hasMore: 'hasNextPage' },
  params: v.strictObject({
    /** A bot's token, on webhook calls. */
    botToken: v.optional(botTokenSchema),
    /** Only key: `type`. */
    filter: v.optional(
      v.strictObject({
        /** Only bots of this type. */
        type: v.optional(v.picklist(V2_BOT_TYPES, `Expected one of ${V2_BOT_TYPES.join(', ')}`)),
      }),
    ),
    /** Page size (default 50). */
    limit: v.optional(positiveIntegerSchema),
    /** Bots to skip (default 0). */
    offset: v.optional(v.pipe(v.number(), v.integer('Expected an integer'), v.minValue(0, 'Expected 0 or more'))),
  }),
  result: v.looseObject({
    bots: v.array(v2BotSchema),
    users: v.optional(v.array(v2UserSchema), []),
    hasNextPage: v.boolean(),
  }),
})
