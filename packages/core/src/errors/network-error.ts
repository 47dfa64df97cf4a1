import { B24Error, type B24ErrorOptions } from './b24-error.ts'

/** What a {@link NetworkError} is built from. */
export interface NetworkErrorOptions extends Pick<B24ErrorOptions, 'retryable' | 'hint'> {
  /** The method that was called. */
  readonly method: string
  /** The error the HTTP layer raised, already free of credentials. */
  readonly cause?: unknown
}

function causeText(cause: unknown): string {
  if (!(cause instanceof Error)) return ''
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : ''
  return `: ${cause.message}${inner}`
}

/**
 * No response arrived: the connection failed, was reset, or DNS did not resolve. The original
 * error is the `cause`. Whether the portal executed the call is unknown.
 *
 * @example
 * ```ts
 * import { NetworkError } from '@b24bot/core'
 *
 * try {
 *   await api.bot.list()
 * } catch (error) {
 *   if (NetworkError.isInstance(error)) console.warn(error.message, error.cause)
 * }
 * ```
 */
export class NetworkError extends B24Error {
  static override readonly brand: symbol = Symbol.for('@b24bot/core/NetworkError')
  /** `'NetworkError'`. */
  override readonly name: string = 'NetworkError'
  declare readonly method: string

  constructor(options: NetworkErrorOptions, message = `${options.method} failed before a response arrived${causeText(options.cause)}`) {
    super(message, { method: options.method, cause: options.cause, retryable: options.retryable, hint: options.hint })
  }
}
