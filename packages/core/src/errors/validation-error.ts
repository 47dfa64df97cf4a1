import { B24Error } from './b24-error.ts'
import { formatIssues, type Issue } from './issues.ts'

/** What a {@link ValidationError} is built from. */
export interface ValidationErrorOptions {
  /** The method whose params were refused. */
  readonly method: string
  /** Every problem found, each naming its field. */
  readonly issues: readonly Issue[]
}

/**
 * Params did not match the method's schema. Thrown before any request is made.
 *
 * @example
 * ```ts
 * import { ValidationError } from '@b24bot/core'
 *
 * try {
 *   await api.chat.get({ ENTITY_ID: 13 } as never)
 * } catch (error) {
 *   if (ValidationError.isInstance(error)) console.log(error.issues[0]?.path) // 'ENTITY_TYPE'
 * }
 * ```
 */
export class ValidationError extends B24Error {
  static override readonly brand: symbol = Symbol.for('@b24bot/core/ValidationError')
  /** `'ValidationError'`. */
  override readonly name: string = 'ValidationError'
  declare readonly method: string
  /** Every problem found, each naming its field. */
  readonly issues: readonly Issue[]

  constructor(options: ValidationErrorOptions) {
    super(`Invalid params for ${options.method}: ${formatIssues(options.issues)}`, { method: options.method })
    this.issues = options.issues
  }
}
