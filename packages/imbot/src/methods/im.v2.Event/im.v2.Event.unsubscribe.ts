import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { v2ActionResult } from '../../schemas/common.ts'

/**
 * `im.v2.Event.unsubscribe`: stops recording the calling user's events (idempotent); resolves to `true`.
 *
 * The server answers a bare `true`; it resolves to `true` (a wrapped `{ result: true }` too).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/event-unsubscribe.html
 * @example
 * ```ts
 * await api.im.v2.Event.unsubscribe()
 * ```
 */
export const imV2EventUnsubscribe = defineMethod({
  method: 'im.v2.Event.unsubscribe',
  idempotent: true,
  params: v.strictObject({}),
  result: v2ActionResult,
})
