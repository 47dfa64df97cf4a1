import type { PortalClock } from '../model/clock.ts'
import { Injections } from './faults.ts'
import { PortalLimits, type LimitsOptions } from './limits.ts'
import { RequestLog } from './request-log.ts'

/**
 * The REST layer's own state, apart from the portal's content: the request log, the scripted faults
 * and the limits. The HTTP handlers (`handleRest`, the token endpoint) read and write it; the portal
 * holds one (`portal.rest`) and shows its parts as `portal.requests`, `portal.calls`,
 * `portal.tokenRequests`, `portal.inject` and `portal.limits`.
 *
 * @example
 * ```ts
 * import { startEmulator } from '@b24bot/emulator'
 *
 * const { portal } = await startEmulator({ logSize: 100 })
 * portal.rest.log.requests === portal.requests // true: one log
 * ```
 */
export class RestState {
  /** What was requested and what ran (bounded). */
  readonly log: RequestLog
  /** Scripted replies, delays and resets (`portal.inject`). */
  readonly injections: Injections = new Injections()
  /** The request-rate and operating-time limits; off unless configured. */
  readonly limits: PortalLimits

  /** `logSize`: how many entries each log keeps (default 10 000); a `RangeError` unless a positive whole number. */
  constructor(clock: PortalClock, options: { readonly logSize?: number; readonly limits?: LimitsOptions } = {}) {
    this.log = new RequestLog(options.logSize)
    this.limits = new PortalLimits(clock)
    if (options.limits) this.limits.configure(options.limits)
  }
}
