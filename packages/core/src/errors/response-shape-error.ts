import { B24Error, type B24ErrorOptions } from './b24-error.ts'
import { formatIssues, type Issue } from './issues.ts'

/** What a {@link ResponseShapeError} is built from. */
export interface ResponseShapeErrorOptions extends Pick<B24ErrorOptions, 'retryable' | 'hint'> {
  /** The method that was called. */
  readonly method: string
  /** What did not match. */
  readonly issues: readonly Issue[]
  /** The value as received, kept so that no data is lost (unredacted: it is never put in a message or log). */
  readonly received: unknown
}

/**
 * The portal answered 2xx, but the body is not a Bitrix24 envelope or its `result` does not match
 * the method's documented shape. The raw value is on `received` (not serialized, not logged).
 *
 * @example
 * ```ts
 * import { ResponseShapeError } from '@b24bot/core'
 *
 * try {
 *   await api.bot.list()
 * } catch (error) {
 *   if (ResponseShapeError.isInstance(error)) console.warn('unexpected result', error.received)
 * }
 * ```
 */
export class ResponseShapeError extends B24Error {
  static override readonly brand: symbol = Symbol.for('@b24bot/core/ResponseShapeError')
  /** `'ResponseShapeError'`. */
  override readonly name: string = 'ResponseShapeError'
  declare readonly method: string
  /** What did not match. */
  readonly issues: readonly Issue[]
  /**
   * The value as received, raw and unredacted, so that no data is lost. Not enumerable, so it stays
   * out of `JSON.stringify`, `util.inspect` and every log line; the message never quotes it.
   */
  declare readonly received: unknown

  constructor(options: ResponseShapeErrorOptions) {
    super(`${options.method} returned an unexpected response: ${formatIssues(options.issues)}`, {
      method: options.method,
      retryable: options.retryable,
      hint: options.hint,
    })
    this.issues = options.issues
    Object.defineProperty(this, 'received', { value: options.received, enumerable: false })
  }
}
