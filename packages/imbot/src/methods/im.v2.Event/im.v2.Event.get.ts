import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { eventLimitSchema, eventOffsetSchema, v2EventBatchSchema } from '../../schemas/v2-messages.ts'

/**
 * `im.v2.Event.get`: reads the calling user's recorded events; resolves to `{ events, nextOffset, hasMore }`.
 *
 * - Events are recorded only after `im.v2.Event.subscribe` (otherwise the list is empty) and kept 24 h.
 * - `offset` acknowledges every event below it, for every application reading this user's events:
 *   only one consumer per user.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/event-get.html
 * @example
 * ```ts
 * const batch = await api.im.v2.Event.get({ offset: 2000, limit: 50 })
 * for (const event of batch.events) console.log(event.type)
 * const nextOffset = batch.nextOffset
 * ```
 */
export const imV2EventGet = defineMethod({
  method: 'im.v2.Event.get',
  idempotent: true,
  paging: { style: 'none', reason: "its offset acknowledges (deletes) the events before it; call it with each answer's nextOffset" },
  params: v.strictObject({
    /** The previous `nextOffset`. Omit on the first call. */
    offset: v.optional(eventOffsetSchema),
    /** Events per call, 1 to 1000. Default 100. */
    limit: v.optional(eventLimitSchema),
  }),
  result: v2EventBatchSchema,
})
