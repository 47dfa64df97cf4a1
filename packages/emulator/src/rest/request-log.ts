import type { ExecutedCall, RecordedRequest } from './records.ts'

/** How many entries each of the portal's logs keeps by default: enough for a test suite's assertions. */
const defaultLogSize = 10_000

/**
 * Appends `entry` to `log`, keeping about the latest `size`: once the log holds a quarter more, the
 * oldest are dropped in one splice, so appending stays cheap and memory stays flat however many
 * requests come. The log stays a plain array, so tests read it with `filter`, `at` and `length`.
 */
export function append<T>(log: T[], entry: T, size: number): void {
  log.push(entry)
  if (log.length > size + Math.ceil(size / 4)) log.splice(0, log.length - size)
}

/** One request to the token endpoint: the parameters it read (credentials included) and the status answered. */
export interface TokenRequest {
  readonly params: Readonly<Record<string, unknown>>
  readonly status: number
}

/**
 * What the REST layer records: every request on `/rest/`, every method call that ran, every request to
 * the token endpoint. Each log is a bounded ring (see {@link append}); the portal shows them as
 * `portal.requests`, `portal.calls` and `portal.tokenRequests`.
 */
export class RequestLog {
  /** How many entries each log keeps (the latest; up to a quarter more between trims). */
  readonly size: number
  /** Every REST request answered, oldest first. */
  readonly requests: RecordedRequest[] = []
  /** Every method call whose implementation ran, batch sub-calls included. */
  readonly calls: ExecutedCall[] = []
  /** Every request to the token endpoint (`{url}/oauth/token/`). */
  readonly tokenRequests: TokenRequest[] = []

  /** Throws a `RangeError` unless `size` is a positive whole number. */
  constructor(size: number = defaultLogSize) {
    if (!Number.isSafeInteger(size) || size < 1)
      throw new RangeError(`logSize must be a positive whole number of entries; got ${String(size)}`)
    this.size = size
  }

  /** Records an answered REST request. */
  request(entry: RecordedRequest): void {
    append(this.requests, entry, this.size)
  }

  /** Records a method call that ran. */
  call(entry: ExecutedCall): void {
    append(this.calls, entry, this.size)
  }

  /** Records a request to the token endpoint. */
  tokenRequest(entry: TokenRequest): void {
    append(this.tokenRequests, entry, this.size)
  }
}
