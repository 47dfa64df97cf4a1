import type { B24ErrorOptions } from './b24-error.ts'
import { NetworkError } from './network-error.ts'

/** What a {@link TimeoutError} is built from. */
export interface TimeoutErrorOptions extends Pick<B24ErrorOptions, 'retryable' | 'hint'> {
  /** The method that was called. */
  readonly method: string
  /** The time limit that ran out, in milliseconds. */
  readonly timeout: number
}

/**
 * No response arrived within the time limit. A kind of {@link NetworkError}: whether the portal
 * executed the call is unknown.
 *
 * @example
 * ```ts
 * import { TimeoutError } from '@b24bot/core'
 *
 * try {
 *   await api.bot.list()
 * } catch (error) {
 *   if (TimeoutError.isInstance(error)) console.warn(`gave up after ${error.timeout} ms`)
 * }
 * ```
 */
export class TimeoutError extends NetworkError {
  static override readonly brand: symbol = Symbol.for('@b24bot/core/TimeoutError')
  /** `'TimeoutError'`. */
  override readonly name: string = 'TimeoutError'
  /** The time limit that ran out, in milliseconds. */
  readonly timeout: number

  constructor(options: TimeoutErrorOptions, message = `${options.method} got no response within ${String(options.timeout)} ms`) {
    super({ method: options.method, retryable: options.retryable, hint: options.hint }, message)
    this.timeout = options.timeout
  }
}
