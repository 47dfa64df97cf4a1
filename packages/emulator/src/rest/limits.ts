import type { PortalClock } from '../model/clock.ts'

/** The request-rate limit: a leaky bucket per portal (server-behavior §1.10). */
export interface RequestLimit {
  /** How many requests the bucket holds: 50 on most plans, 250 on Enterprise. */
  readonly burst: number
  /** How fast it drains, per second: 2 on most plans, 5 on Enterprise. */
  readonly drainPerSecond: number
}

/** The operating-time limit: seconds of execution per method and caller in a rolling 10 minutes. */
export interface OperatingLimit {
  /** Seconds allowed per 10 minutes. The cloud uses 480. */
  readonly limitSeconds: number
  /**
   * The seconds a call costs. Default: the time it took on the portal clock. A test sets it to make
   * calls "slow" without waiting. Calls under 0.1 s are not counted, as on the server.
   */
  readonly costOf?: (method: string) => number
}

/** What {@link PortalLimits.configure} takes. `false` (the default) turns a limit off. */
export interface LimitsOptions {
  /** The request-rate limit (`limitPresets.standard`, `limitPresets.enterprise`), or `false` to turn it off. */
  readonly requests?: RequestLimit | false
  /** The operating-time limit (`limitPresets.operating`), or `false` to turn it off. */
  readonly operating?: OperatingLimit | false
}

/** The documented plans: most plans, and Enterprise. */
export const limitPresets: { readonly standard: RequestLimit; readonly enterprise: RequestLimit; readonly operating: OperatingLimit } = {
  standard: { burst: 50, drainPerSecond: 2 },
  enterprise: { burst: 250, drainPerSecond: 5 },
  operating: { limitSeconds: 480 },
}

const bucketSeconds = 60
const bucketCount = 10
const minimalFixSeconds = 0.1

/** Operating-time use as each answer's `time` block reports it. */
export interface OperatingUse {
  /** Seconds used in the window. */
  readonly operating: number
  /** Unix seconds when the oldest counted minute leaves the window. */
  readonly resetAt: number
}

/**
 * The portal's limits, both on the portal clock. Off unless configured, so ordinary tests never meet
 * them; `startEmulator({ limits })` or `portal.limits.configure(...)` turns them on.
 */
export class PortalLimits {
  readonly #clock: PortalClock
  #requests: RequestLimit | false = false
  #operating: OperatingLimit | false = false
  #level = 0
  #levelAt = 0
  /** Per caller and method: minute index to seconds used. */
  readonly #used: Map<string, Map<number, number>> = new Map()

  constructor(clock: PortalClock) {
    this.#clock = clock
  }

  /** Turns limits on or off; a limit not named keeps its setting. */
  configure(options: LimitsOptions): void {
    if (options.requests !== undefined) {
      this.#requests = options.requests
      this.#level = 0
      this.#levelAt = this.#clock.now()
    }
    if (options.operating !== undefined) this.#operating = options.operating
  }

  /**
   * Admits one HTTP request, or refuses it when the bucket is full. The bucket drains continuously;
   * a refused request does not fill it.
   */
  admitRequest(): boolean {
    if (!this.#requests) return true
    const now = this.#clock.now()
    this.#level = Math.max(0, this.#level - ((now - this.#levelAt) / 1000) * this.#requests.drainPerSecond)
    this.#levelAt = now
    // A billionth of tolerance: the level is a float drained step by step, and a request exactly on the
    // boundary must not be refused for rounding.
    if (this.#level + 1 > this.#requests.burst + 1e-9) return false
    this.#level += 1
    return true
  }

  #window(key: string): Map<number, number> {
    const minute = Math.floor(this.#clock.now() / 1000 / bucketSeconds)
    const used = this.#used.get(key) ?? new Map<number, number>()
    for (const start of used.keys()) if (start <= minute - bucketCount) used.delete(start)
    this.#used.set(key, used)
    return used
  }

  /** The operating time a caller used on a method in the last 10 minutes, and when it frees up. */
  use(key: string): OperatingUse {
    const used = this.#window(key)
    const operating = [...used.values()].reduce((sum, seconds) => sum + seconds, 0)
    const oldest = used.size === 0 ? Math.floor(this.#clock.seconds() / bucketSeconds) : Math.min(...used.keys())
    return { operating, resetAt: (oldest + bucketCount) * bucketSeconds }
  }

  /** Whether the method is blocked for this caller: its use already exceeds the limit. */
  isBlocked(key: string): boolean {
    return this.#operating !== false && this.use(key).operating > this.#operating.limitSeconds
  }

  /** Counts a finished call's time (measured, or the configured cost) against the caller and method. */
  record(key: string, method: string, measuredSeconds: number): void {
    if (!this.#operating) return
    const seconds = this.#operating.costOf ? this.#operating.costOf(method) : measuredSeconds
    if (seconds < minimalFixSeconds) return
    const used = this.#window(key)
    const minute = Math.floor(this.#clock.now() / 1000 / bucketSeconds)
    used.set(minute, (used.get(minute) ?? 0) + seconds)
  }
}
