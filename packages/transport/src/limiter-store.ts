/** A portal's request bucket: how many requests it holds, and how many drain from it per second. */
export interface BucketRule {
  /** Requests the bucket holds: a burst of this many passes at once. 50 on most plans, 250 on Enterprise. */
  readonly burst: number
  /** Requests it drains per second, continuously. 2 on most plans, 5 on Enterprise. */
  readonly perSecond: number
  /**
   * Milliseconds a request waits beyond the moment the bucket has room, when it would fill the bucket
   * to the brim: slack for the network delivering requests with different delays. Absent: 0.
   */
  readonly margin?: number
}

/**
 * Where a {@link portalLimiter} keeps the state of each portal's limits, so that everything calling
 * one portal can share it: the request bucket, and the methods held for operating time. Each
 * operation may answer at once or with a promise, so a store in Redis or a database fits the same
 * shape; `reserve` must be atomic (read, decide and write in one step) for callers in several
 * processes. Times are milliseconds on the clock the limiter was given.
 *
 * @example
 * ```ts
 * import { createClient, memoryLimiterStore, portalLimiter, type LimiterStore } from '@b24bot/transport'
 *
 * const store: LimiterStore = memoryLimiterStore()
 * const limiter = portalLimiter({ store })
 * const a = createClient({ webhookUrl: process.env.BOT_A_WEBHOOK_URL!, limiter })
 * const b = createClient({ webhookUrl: process.env.BOT_B_WEBHOOK_URL!, limiter }) // the same portal: one shared bucket
 * ```
 */
export interface LimiterStore {
  /**
   * Takes the next request slot of `key`'s bucket as asked at `now`, and answers when the request
   * may go: `now` when the bucket has room, later when it must drain first. Never the same slot twice.
   */
  reserve(key: string, rule: BucketRule, now: number): number | Promise<number>
  /**
   * Gives back a slot `reserve` answered that will not be used: its wait was cancelled before `slot`.
   * Only the reservation last handed out for `key` (none came after it, and no `fill`) is undone, and
   * exactly: the bucket goes back to what that reservation found, as if it never came; after that,
   * nothing more is undone until the next `reserve`. Any other slot stays counted (a slot wasted,
   * never a refusal): the bucket may empty between it and a later slot (always with a burst of 1),
   * and then no earlier "empty at" takes out that slot alone. A slot not ahead of `now` stays counted too.
   */
  release(key: string, rule: BucketRule, slot: number, now: number): void | Promise<void>
  /** The portal refused a request for a full bucket at `now`: from now on, count the bucket as full; nothing can be released exactly any more. */
  fill(key: string, rule: BucketRule, now: number): void | Promise<void>
  /** Holds `method` until `until`; a hold already reaching further stays. */
  hold(key: string, method: string, until: number): void | Promise<void>
  /** The latest time any of `methods` is held until, or 0 when none is held. */
  heldUntil(key: string, methods: readonly string[]): number | Promise<number>
}

/** One key's bucket in {@link memoryLimiterStore}. */
interface Bucket {
  /** When the bucket would be empty if nothing else came. */
  readonly emptyAt: number
  /**
   * The reservation last handed out, while it can be undone exactly: its slot, and the "empty at" it
   * found (at least the time it was asked). None after a `release` undid it, or after a `fill`.
   */
  readonly last: { readonly slot: number; readonly emptyBefore: number } | undefined
}

/** The gap between two requests at the drain rate, in milliseconds. */
function intervalOf(rule: BucketRule): number {
  return 1000 / rule.perSecond
}

/**
 * A {@link LimiterStore} in this process's memory: the default. Everything sharing one store (one
 * limiter, or several given the same store) shares each portal's bucket.
 *
 * The bucket is kept as one number per key, the moment it would be empty (the "theoretical arrival
 * time" of the generic cell rate algorithm): a request may go when the bucket, drained until then,
 * has room for it, exactly as the portal's leaky bucket admits it. Beside it, per key, the slot last
 * handed out and the "empty at" that reservation found, so that `release` of that slot (and only of
 * that one) undoes it exactly.
 *
 * @example
 * ```ts
 * import { memoryLimiterStore, portalLimiter } from '@b24bot/transport'
 *
 * const limiter = portalLimiter({ plan: 'enterprise', store: memoryLimiterStore() })
 * ```
 */
export function memoryLimiterStore(): LimiterStore {
  /** Per key: the bucket (see {@link Bucket}). */
  const buckets: Map<string, Bucket> = new Map()
  /** Per key: method to the time it is held until. */
  const holds: Map<string, Map<string, number>> = new Map()

  return {
    reserve(key, rule, now) {
      const interval = intervalOf(rule)
      const empty = Math.max(buckets.get(key)?.emptyAt ?? now, now)
      // The portal admits a request when the level it finds, plus one, is at most the burst: when at
      // most `burst - 1` intervals remain until the bucket is empty. Whole milliseconds, rounded up,
      // as timers wait: the bucket is counted from the moment the request really goes.
      const slot = Math.max(now, Math.ceil(empty - (rule.burst - 1) * interval + (rule.margin ?? 0)))
      buckets.set(key, { emptyAt: Math.max(empty, slot) + interval, last: { slot, emptyBefore: empty } })
      return slot
    },
    release(key, _rule, slot, now) {
      const bucket = buckets.get(key)
      // Only the reservation last handed out is undone: the bucket goes back to what it found. An
      // earlier slot stays counted: the bucket may empty between it and a later one (always with a
      // burst of 1, and by the rounding with 2), so lowering "empty at" by an interval would give the
      // next reservation a time already handed out, and the portal would refuse one of the two.
      if (slot <= now || bucket?.last?.slot !== slot) return
      buckets.set(key, { emptyAt: bucket.last.emptyBefore, last: undefined })
    },
    fill(key, rule, now) {
      // An undo would restore an "empty at" from before the refusal: nothing can be undone now.
      buckets.set(key, { emptyAt: Math.max(buckets.get(key)?.emptyAt ?? now, now + rule.burst * intervalOf(rule)), last: undefined })
    },
    hold(key, method, until) {
      const held = holds.get(key) ?? new Map<string, number>()
      held.set(method, Math.max(held.get(method) ?? 0, until))
      holds.set(key, held)
    },
    heldUntil(key, methods) {
      const held = holds.get(key)
      if (!held) return 0
      return Math.max(0, ...methods.map((method) => held.get(method) ?? 0))
    },
  }
}
