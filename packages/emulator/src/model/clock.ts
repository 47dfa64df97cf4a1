/** What {@link PortalClock} starts from. */
export interface ClockOptions {
  /** The time the clock shows at start. Default: now. */
  readonly start?: Date | number
  /** Stand still until advanced, for deterministic tests of expiry, windows and limits. Default `false`. */
  readonly frozen?: boolean
}

/**
 * The portal's clock. Token expiry, edit windows, `time` blocks and limits all read it, so a test can
 * move a portal through an hour in a microsecond.
 *
 * @example
 * ```ts
 * import { startEmulator } from '@b24bot/emulator'
 *
 * const { portal } = await startEmulator({ clock: { frozen: true } })
 * portal.clock.advance(3_600_000) // every access token issued so far has expired
 * ```
 */
export class PortalClock {
  #base: number
  #startedAt: number
  #frozen: boolean

  constructor(options: ClockOptions = {}) {
    this.#startedAt = Date.now()
    this.#base = options.start === undefined ? this.#startedAt : Number(options.start)
    this.#frozen = options.frozen ?? false
  }

  /** Milliseconds since the epoch, as the portal sees it. */
  now(): number {
    return this.#frozen ? this.#base : this.#base + (Date.now() - this.#startedAt)
  }

  /** Unix seconds, as PHP's `time()`. */
  seconds(): number {
    return Math.floor(this.now() / 1000)
  }

  /** Moves the clock forward (or back, with a negative value). */
  advance(milliseconds: number): void {
    this.#base += milliseconds
  }
}
