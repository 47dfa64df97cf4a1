import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { v2BotIdentity, v2Flag } from '../../schemas/common.ts'
import { eventLimitSchema, eventOffsetSchema, v2EventBatchSchema } from '../../schemas/v2-messages.ts'

/**
 * `imbot.v2.Event.get`: reads the bot's queued events; resolves to `{ events, nextOffset, hasMore }`. Pass `nextOffset`
 * as the next `offset`: it acknowledges everything returned so far.
 *
 * - `offset` acknowledges (deletes) every event whose id is **below** it. Omit it on the very first
 *   call; afterwards pass the previous `nextOffset` (not the last `eventId`, which would re-deliver that
 *   event), even when no events came. Acknowledgement happens on the next call: handle events idempotently.
 * - Servers before the 25.09.2026 cut-over may answer `lastEventId` instead of `nextOffset`: the result
 *   still carries `nextOffset` (`lastEventId + 1`).
 * - `withUserEvents: true` also returns the calling user's `ONIMV2*` events (scope `im` and
 *   `im.v2.Event.subscribe` needed); one offset acknowledges both streams.
 * - Each event's `data` is kept as an untyped object.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/event-get.html
 * @example
 * ```ts
 * let offset: number | undefined
 * const batch = await api.v2.Event.get({ botId: 456, offset, limit: 100 })
 * for (const event of batch.events) console.log(event.eventId, event.type)
 * offset = batch.nextOffset
 * ```
 */
export const imbotV2EventGet = defineMethod({
  method: 'imbot.v2.Event.get',
  idempotent: true,
  paging: {
    style: 'none',
    reason:
      "its offset acknowledges (deletes) the events before it; read the queue with startPolling() of @b24bot/bot, or call it with each answer's nextOffset",
  },
  params: v.strictObject({
    ...v2BotIdentity,
    /** The previous `nextOffset`. Omit on the first call. */
    offset: v.optional(eventOffsetSchema),
    /** Events per call, 1 to 1000. Default 100. */
    limit: v.optional(eventLimitSchema),
    /** Also return the calling user's `ONIMV2*` events. Default `false`. */
    withUserEvents: v.optional(v2Flag),
  }),
  result: v2EventBatchSchema,
})
