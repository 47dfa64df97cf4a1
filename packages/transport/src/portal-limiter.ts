import type { ResponseTime } from '@b24bot/core'
import type { Limiter } from './limiter.ts'
import { memoryLimiterStore, type BucketRule, type LimiterStore } from './limiter-store.ts'
import { sleep } from './retry.ts'

/**
 * A portal's request-rate plan: `'standard'` (burst 50, 2 per second), `'enterprise'` (250, 5 per
 * second), or its own numbers.
 *
 * @example
 * ```ts
 * import { portalLimiter, type LimiterPlan } from '@b24bot/transport'
 *
 * const plan: LimiterPlan = { burst: 100, perSecond: 3 } // an on-premise portal's own settings
 * const limiter = portalLimiter({ plan })
 * ```
 */
export type LimiterPlan = 'standard' | 'enterprise' | { readonly burst: number; readonly perSecond: number }

/**
 * What {@link portalLimiter} takes. Every field has the cloud's default.
 *
 * @example
 * ```ts
 * import { createClient, portalLimiter, type PortalLimiterOptions } from '@b24bot/transport'
 *
 * const options: PortalLimiterOptions = { plan: 'enterprise', operating: { limitSeconds: 420 } }
 * const client = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL!, limiter: portalLimiter(options) })
 * ```
 */
export interface PortalLimiterOptions {
  /** The portal's request bucket. Default `'standard'`: burst 50, drains 2 per second. */
  readonly plan?: LimiterPlan
  /**
   * Milliseconds a request waits beyond the model when it would fill the bucket to the brim. The
   * portal counts requests when they arrive, and the network delays each one differently; this slack
   * absorbs that, once per time the bucket fills (the rate stays the plan's). Default 50; `0` paces
   * exactly to the model (a test against the emulator, which has no network in between).
   */
  readonly margin?: number
  /**
   * The operating-time limit per method: `limitSeconds` in 10 minutes (default 480, the cloud's; an
   * on-premise portal that turns it on defaults to 420). A method whose answer reports more than
   * that is held until its `operating_reset_at`. `false`: never hold a method ahead of the portal
   * (a 429 `OPERATION_TIME_LIMIT` still holds it).
   */
  readonly operating?: { readonly limitSeconds?: number } | false
  /** Where the state lives, shared by everything given the same store. Default: a new `memoryLimiterStore()`. */
  readonly store?: LimiterStore
  /**
   * The portal whose limits these are, the key in the store. Default: the portal of the client it is
   * given to (`auth.portal`), so one limiter keeps a bucket per portal. Give it to pin the key.
   */
  readonly key?: string
  /** The clock, in milliseconds. Default `Date.now`. */
  readonly now?: () => number
}

const plans: Readonly<Record<'standard' | 'enterprise', Exclude<LimiterPlan, string>>> = {
  standard: { burst: 50, perSecond: 2 },
  enterprise: { burst: 250, perSecond: 5 },
}

/**
 * How long a method stays held after a 429 `OPERATION_TIME_LIMIT` when no answer told when its use
 * frees up (or that time has passed): the portal counts use in one-minute baskets, so within a
 * minute the oldest one leaves the window.
 */
const unknownResetMs = 60_000

/** The portal's default operating-time limit in the cloud, in seconds per 10 minutes. */
const cloudOperatingSeconds = 480

/** Slack for network delays, in milliseconds (see `PortalLimiterOptions.margin`). */
const defaultMarginMs = 50

function ruleOf(plan: LimiterPlan, margin: number): BucketRule {
  const rule = typeof plan === 'string' ? plans[plan] : plan
  if (!Number.isInteger(rule.burst) || rule.burst < 1)
    throw new RangeError(`plan.burst must be a whole number of requests, at least 1; got ${String(rule.burst)}`)
  if (!Number.isFinite(rule.perSecond) || rule.perSecond <= 0)
    throw new RangeError(`plan.perSecond must be a positive number; got ${String(rule.perSecond)}`)
  if (!Number.isFinite(margin) || margin < 0)
    throw new RangeError(`margin must be a number of milliseconds, 0 or more; got ${String(margin)}`)
  return { burst: rule.burst, perSecond: rule.perSecond, margin }
}

function operatingLimitOf(operating: PortalLimiterOptions['operating']): number | undefined {
  if (operating === false) return undefined
  const limit = operating?.limitSeconds ?? cloudOperatingSeconds
  if (!Number.isFinite(limit) || limit <= 0) throw new RangeError(`operating.limitSeconds must be a positive number; got ${String(limit)}`)
  return limit
}

/**
 * A limiter that paces calls to a Bitrix24 portal's limits, so the portal never has to refuse one:
 * - the request rate: the portal's leaky bucket, modelled as the portal computes it (a burst passes
 *   at once, then requests go at the drain rate; the request that fills the bucket to the brim waits
 *   a `margin` of 50 ms more for network jitter), shared per portal by every call of every client
 *   given this limiter; a 503 `QUERY_LIMIT_EXCEEDED` that comes anyway (another process calls the
 *   same portal) counts the bucket as full, so the next calls wait for it to drain;
 * - operating time: from each answer's `time.operating` and `time.operating_reset_at`, a method
 *   whose use passed the limit is held (only that method) until its use frees up; a 429
 *   `OPERATION_TIME_LIMIT` holds it until the last known reset, or for 60 s when none is known.
 *
 * A call waiting on it honours its `AbortSignal`: it rejects with the signal's reason, and gives
 * back the request slot it had reserved. `createClient` uses `portalLimiter()` when given no limiter.
 *
 * @example
 * ```ts
 * import { createClient, memoryLimiterStore, portalLimiter } from '@b24bot/transport'
 *
 * // Enterprise: 250 requests at once, then 5 per second, and never a 503
 * const client = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL!, limiter: portalLimiter({ plan: 'enterprise' }) })
 *
 * // Bots of one portal in one process: give them one limiter (or one store), so they share the bucket
 * const webhookUrls = [process.env.BOT_A_WEBHOOK_URL!, process.env.BOT_B_WEBHOOK_URL!]
 * const limiter = portalLimiter({ store: memoryLimiterStore() })
 * const bots = webhookUrls.map((url) => createClient({ webhookUrl: url, limiter }))
 * ```
 */
export function portalLimiter(options: PortalLimiterOptions = {}): Limiter {
  const rule = ruleOf(options.plan ?? 'standard', options.margin ?? defaultMarginMs)
  const operatingLimit = operatingLimitOf(options.operating)
  const store = options.store ?? memoryLimiterStore()
  const now = options.now ?? Date.now
  /** Per key and method: when its operating-time use frees up, as the last answer said (ms). */
  const resets: Map<string, Map<string, number>> = new Map()
  /** The store writes not done yet (a store may be asynchronous): an acquire comes after them. */
  let writes: Promise<unknown> = Promise.resolve()

  /** Runs a store write; a failed one loses only a hint, never a call. */
  function write(operation: () => void | Promise<void>): void {
    try {
      const done = operation()
      if (done !== undefined) writes = Promise.all([writes, done.catch(() => undefined)])
    } catch {
      // A store that cannot record a hold or a full bucket: calls go on, and the portal says no again.
    }
  }

  /** When `method`'s use frees up: the last reset an answer gave, or a minute from now when that is unknown or past. */
  function resetOf(key: string, method: string): number {
    const reset = resets.get(key)?.get(method)
    const at = now()
    return reset !== undefined && reset > at ? reset : at + unknownResetMs
  }

  /** Waits while any of `methods` is held. */
  async function waitForHolds(key: string, methods: readonly string[], signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      const until = await store.heldUntil(key, methods)
      const at = now()
      if (until <= at) return
      await sleep(Math.ceil(until - at), signal)
    }
  }

  /** Gives back a slot whose wait was cancelled, while it is still ahead (see `LimiterStore.release`). */
  async function giveBack(key: string, slot: number): Promise<void> {
    try {
      if (slot > now()) await store.release(key, rule, slot, now())
    } catch {
      // Not given back: the bucket is counted fuller than it is, which only slows calls down.
    }
  }

  function limiterFor(key: string): Limiter {
    const limiter: Limiter = {
      async acquire(methods, signal) {
        signal?.throwIfAborted()
        const names = methods.map((method) => method.toLowerCase())
        await writes
        for (;;) {
          await waitForHolds(key, names, signal)
          const slot = await store.reserve(key, rule, now())
          const wait = slot - now()
          try {
            // Whole milliseconds, rounded up: a request never goes before the portal has drained enough.
            if (wait > 0) await sleep(Math.ceil(wait), signal)
            else signal?.throwIfAborted()
          } catch (error) {
            await giveBack(key, slot)
            throw error
          }
          // A hold that came while waiting for the slot (another call's answer): wait for it too.
          // The slot is not given back: the bucket model only ever errs on the slow side.
          if ((await store.heldUntil(key, names)) <= now()) return
        }
      },
      observe(method, time: ResponseTime) {
        const name = method.toLowerCase()
        if (time.operating_reset_at !== undefined) {
          const known = resets.get(key) ?? new Map<string, number>()
          known.set(name, time.operating_reset_at * 1000)
          resets.set(key, known)
        }
        // The portal refuses a call when the use already *exceeds* the limit (server-behavior §1.10).
        if (operatingLimit !== undefined && time.operating !== undefined && time.operating > operatingLimit) {
          const until = resetOf(key, name)
          write(() => store.hold(key, name, until))
        }
      },
      rateLimited() {
        const at = now()
        write(() => store.fill(key, rule, at))
      },
      operationLimited(method) {
        const name = method.toLowerCase()
        const until = resetOf(key, name)
        write(() => store.hold(key, name, until))
      },
      forPortal(portal) {
        return options.key === undefined ? limiterFor(portal) : limiter
      },
    }
    return limiter
  }

  return limiterFor(options.key ?? '')
}
