import { B24Error, type B24ErrorOptions } from './b24-error.ts'

/** What an {@link HttpError} is built from. */
export interface HttpErrorOptions extends Pick<B24ErrorOptions, 'retryable' | 'hint'> {
  /** The method that was called. */
  readonly method: string
  /** The HTTP status of the response. */
  readonly status: number
  /** The start of the response body, already free of credentials. */
  readonly body?: string
}

/**
 * The portal (or a proxy before it) answered with a non-2xx status and no Bitrix24 error envelope:
 * an HTML error page, an empty 502, a redirect.
 *
 * @example
 * ```ts
 * import { HttpError } from '@b24bot/core'
 *
 * try {
 *   await api.bot.list()
 * } catch (error) {
 *   if (HttpError.isInstance(error) && error.status === 502) console.warn('the portal is down; try again later')
 * }
 * ```
 */
export class HttpError extends B24Error {
  static override readonly brand: symbol = Symbol.for('@b24bot/core/HttpError')
  /** `'HttpError'`. */
  override readonly name: string = 'HttpError'
  declare readonly method: string
  /** The HTTP status of the response. */
  readonly status: number
  /** The start of the response body (at most 500 characters), for diagnosis. */
  readonly body: string

  constructor(options: HttpErrorOptions) {
    super(`${options.method} failed with HTTP ${options.status} and no Bitrix24 error envelope`, {
      method: options.method,
      retryable: options.retryable,
      hint: options.hint,
    })
    this.status = options.status
    this.body = (options.body ?? '').slice(0, 500)
  }
}
