import { B24Error } from './b24-error.ts'
import { formatIssues, type Issue } from './issues.ts'

/** What a {@link ResponseShapeError} is built from. */
export interface ResponseShapeErrorOptions {
  /** The method that was called. */
  readonly method: string
  /** What did not match. */
  readonly issues: readonly Issue[]
  /** The value as received, kept so that no data is lost. */
  readonly received: unknown
}

/**
 * The portal answered 2xx, but the body is not a Bitrix24 envelope or its `result` does not match
 * the method's documented shape. The raw value is on `received` (not serialized, not logged).
 *
 * @example
 * ```ts
 * if (ResponseShapeError.isInstance(error)) fallback(error.received)
 * ```
 */
export class ResponseShapeError extends B24Error {
  static override readonly brand: symbol = Symbol.for('@b24bot/core/ResponseShapeError')
  override readonly name: string = 'ResponseShapeError'
  declare readonly method: string
  /** What did not match. */
  readonly issues: readonly Issue[]
  /** The value as received. Not enumerable, so it stays out of logs and `JSON.stringify`. */
  declare readonly received: unknown

  constructor(options: ResponseShapeErrorOptions) {
    super(`${options.method} returned an unexpected response: ${formatIssues(options.issues)}`, { method: options.method })
    this.issues = options.issues
    Object.defineProperty(this, 'received', { value: options.received, enumerable: false })
  }
}
