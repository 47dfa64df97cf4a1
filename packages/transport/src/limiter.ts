import type { ResponseTime } from '@b24bot/core'

/**
 * Paces the calls of a client to what the portal allows. The client asks before every request and
 * reports every answer; an implementation that models the portal never lets a 503 happen.
 */
export interface Limiter {
  /**
   * Resolves when a request calling `methods` (one, or a batch's sub-methods) may be sent: a slot
   * in the request bucket, and none of the methods held for operating time. Rejects with the
   * signal's reason when it aborts while waiting.
   */
  acquire(methods: readonly string[], signal: AbortSignal | undefined): Promise<void>
  /** Reports the `time` block of a successful answer for `method` (operating time used, reset time). */
  observe(method: string, time: ResponseTime): void
  /** The portal answered 503 `QUERY_LIMIT_EXCEEDED`: its bucket is full now. */
  rateLimited(): void
  /** The portal answered 429 `OPERATION_TIME_LIMIT` for `method`: hold it until its reset. */
  operationLimited(method: string): void
  /**
   * The limiter for the calls of one client to `portal` (its `auth.portal`), which the client asks
   * for once. Absent when the limiter treats every portal alike.
   */
  forPortal?(portal: string): Limiter
  /**
   * `false` for a limiter that does not wait after `rateLimited`/`operationLimited` (such as
   * {@link unlimited}): the client then waits its retry backoff before sending a refused call again.
   * Default: it paces, and the client sends again as soon as `acquire` lets it.
   */
  readonly paces?: boolean
}

/** A limiter that never waits: every request goes at once (a call the portal refused waits the retry backoff). */
export const unlimited: Limiter = {
  paces: false,
  acquire: (_methods, signal) => {
    signal?.throwIfAborted()
    return Promise.resolve()
  },
  observe: () => undefined,
  rateLimited: () => undefined,
  operationLimited: () => undefined,
}
