import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { v2ActionResult } from '../schemas/common.ts'

/**
 * `im.v2.Event.subscribe` (scope `im`, acts as the calling user; no `botId`): starts recording the current user's messenger events (`ONIMV2*`), for `im.v2.Event.get` or `imbot.v2.Event.get` with `withUserEvents`. Idempotent.
 *
 * The server answers a bare `true`; it resolves to `true` (a wrapped `{ result: true }` too).
 */
export const imV2EventSubscribe = defineMethod({
  method: 'im.v2.Event.subscribe',
  idempotent: true,
  params: v.strictObject({}),
  result: v2ActionResult,
})
