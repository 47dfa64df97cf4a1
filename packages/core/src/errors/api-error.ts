import { B24Error, type B24ErrorOptions } from './b24-error.ts'

/** What an {@link ApiError} is built from: the error envelope and the response it came in. */
export interface ApiErrorOptions extends Pick<B24ErrorOptions, 'retryable' | 'hint'> {
  /** The method that was called. */
  readonly method: string
  /** The envelope's `error`: a stable code, meant for `switch`. */
  readonly code: string
  /** The envelope's `error_description`: text for people; may change or be localised. */
  readonly description: string
  /** The HTTP status the envelope came with (Bitrix24 answers some errors with 200). */
  readonly status: number
  /** Any other keys of the envelope (such as `argument` with `ERROR_ARGUMENT`). */
  readonly details?: Readonly<Record<string, unknown>>
}

/**
 * The portal answered with an error envelope `{ error, error_description }`.
 *
 * Branch on `code`, never on `status`: the portal uses one status for many codes, and the
 * documentation and the server disagree on several of them.
 *
 * @example
 * ```ts
 * import { ApiError } from '@b24bot/core'
 *
 * try {
 *   await api.chat.get({ ENTITY_TYPE: 'CRM', ENTITY_ID: 7 })
 * } catch (error) {
 *   if (ApiError.isInstance(error) && error.code === 'NO_AUTH_FOUND') console.error('check the webhook URL')
 * }
 * ```
 */
export class ApiError extends B24Error {
  static override readonly brand: symbol = Symbol.for('@b24bot/core/ApiError')
  /** `'ApiError'`. */
  override readonly name: string = 'ApiError'
  declare readonly method: string
  /** The envelope's `error`: a stable code, meant for `switch`. */
  readonly code: string
  /** The envelope's `error_description`. */
  readonly description: string
  /** The HTTP status of the response. */
  readonly status: number
  /** Other keys of the envelope, such as `argument`. */
  readonly details: Readonly<Record<string, unknown>>

  constructor(options: ApiErrorOptions) {
    const text = options.description ? `: ${options.description}` : ''
    super(`${options.method} failed with ${options.code} (HTTP ${options.status})${text}`, {
      method: options.method,
      retryable: options.retryable,
      hint: options.hint,
    })
    this.code = options.code
    this.description = options.description
    this.status = options.status
    this.details = options.details ?? {}
  }
}
