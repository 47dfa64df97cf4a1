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
 * const store: LimiterStore = memoryLimiterStore()
 * const limiter = portalLimiter({ store })
 * const a = createClient({ webhookUrl: urlOfBotA, limiter })
 * const b = createClient({ webhookUrl: urlOfBotB, limiter }) // the same portal: one shared bucket
 * ```
 */
export interface LimiterStore {
  /**
   * Takes the next request slot of `key`'s bucket as asked at `now`, and answers when the request
   * may go: `now` when the bucket has room, later when it must drain first. Never the same slot twice.
   */
  reserve(key: string, rule: BucketRule, now: number): number | Promise<number>
  /** Gives back a slot `reserve` answered that will not be used: its wait was cancelled before `slot`. */
  release(key: string, rule: BucketRule, slot: number, now: number): void | Promise<void>
  /** The portal refused a request for a full bucket at `now`: from now on, count the bucket as full. */
  fill(key: string, rule: BucketRule, now: number): void | Promise<void>
  /** Holds `method` until `until`; a hold already reaching further stays. */
  hold(key: string, method: string, until: number): void | Promise<void>
  /** The latest time any of `methods` is held until, or 0 when none is held. */
  heldUntil(key: string, methods: readonly string[]): number | Promise<number>
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
 * has room for it, exactly as the portal's leaky bucket admits it.
 *
 * @example
 * ```ts
 * const limiter = portalLimiter({ plan: 'enterprise', store: memoryLimiterStore() })
 * ```
 */
export function memoryLimiterStore(): LimiterStore {
  /** Per key: when the bucket would be empty if nothing else came. */
  const emptyAt: Map<string, number> = new Map()
  /** Per key: method to the time it is held until. */
  const holds: Map<string, Map<string, number>> = new Map()

  return {
    reserve(key, rule, now) {
      const interval = intervalOf(rule)
      const empty = Math.max(emptyAt.get(key) ?? now, now)
      // The portal admits a request when the level it finds, plus one, is at most the burst: when at
      // most `burst - 1` intervals remain until the bucket is empty. Whole milliseconds, rounded up,
      // as timers wait: the bucket is counted from the moment the request really goes.
      const slot = Math.max(now, Math.ceil(empty - (rule.burst - 1) * interval + (rule.margin ?? 0)))
      emptyAt.set(key, Math.max(empty, slot) + interval)
      return slot
    },
    release(key, rule, slot, now) {
      const empty = emptyAt.get(key)
      // A slot still in the future lies inside an unbroken run of reservations (the bucket does not
      // empty before it), so taking it out lowers the level by exactly one request.
      if (empty === undefined || slot <= now) return
      emptyAt.set(key, Math.max(now, empty - intervalOf(rule)))
    },
    fill(key, rule, now) {
      emptyAt.set(key, Math.max(emptyAt.get(key) ?? now, now + rule.burst * intervalOf(rule)))
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
