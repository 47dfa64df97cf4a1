/** The bounds of an exponential backoff. */
export interface BackoffOptions {
  /** The first delay, in milliseconds; it doubles per failure in a row. */
  readonly baseDelay: number
  /** The longest delay, in milliseconds. */
  readonly maxDelay: number
}

/**
 * The wait after the `failures`-th failure in a row: exponential (`baseDelay`, doubling, at most
 * `maxDelay`) with jitter, `random` in [0, 1) picking a point between half of that delay and all of
 * it, so that the retries of many callers spread out. Shared by the client's retries and the polling
 * runner.
 *
 * @example
 * ```ts
 * import { backoff } from '@b24bot/core'
 *
 * backoff(3, { baseDelay: 500, maxDelay: 30_000 }) // between 1 000 and 2 000 ms
 * ```
 */
export function backoff(failures: number, options: BackoffOptions, random: number = Math.random()): number {
  const ceiling = Math.min(options.maxDelay, options.baseDelay * 2 ** (Math.max(1, failures) - 1))
  return Math.round(ceiling / 2 + (ceiling / 2) * random)
}
