import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { v2ActionResult } from '../schemas/common.ts'

/**
 * `im.v2.Event.unsubscribe` (scope `im`, acts as the calling user; no `botId`): stops recording the current user's messenger events; events already recorded stay readable until acknowledged or for 24 h. Idempotent.
 *
 * The server answers a bare `true`; it resolves to `true` (a wrapped `{ result: true }` too).
 */
export const imV2EventUnsubscribe = defineMethod({
  method: 'im.v2.Event.unsubscribe',
  idempotent: true,
  params: v.strictObject({}),
  result: v2ActionResult,
})
