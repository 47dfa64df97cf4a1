import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { v2ActionResult } from '../../schemas/common.ts'

/**
 * `im.v2.Event.subscribe`: starts recording the calling user's `ONIMV2*` events (idempotent); resolves to `true`.
 *
 * The server answers a bare `true`; it resolves to `true` (a wrapped `{ result: true }` too).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/event-subscribe.html
 * @example
 * ```ts
 * await api.im.v2.Event.subscribe()
 * ```
 */
export const imV2EventSubscribe = defineMethod({
  method: 'im.v2.Event.subscribe',
  idempotent: true,
  params: v.strictObject({}),
  result: v2ActionResult,
})
