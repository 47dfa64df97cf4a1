import { B24Error, type B24ErrorOptions } from './b24-error.ts'

/** Which bound of a form body was passed: the number of fields, or the nesting of a key. */
export type FormLimit = 'fields' | 'depth'

/** What a {@link FormLimitError} is built from. */
export interface FormLimitErrorOptions extends Pick<B24ErrorOptions, 'hint'> {
  /** `fields` (more pairs than `maxFields`) or `depth` (a key nested deeper than `maxDepth`). */
  readonly limit: FormLimit
  /** The bound that was passed: the `maxFields` or `maxDepth` in force. */
  readonly max: number
}

function describe(options: FormLimitErrorOptions): string {
  return options.limit === 'fields'
    ? `The form body has more than ${String(options.max)} fields`
    : `The form body nests a key deeper than ${String(options.max)} levels`
}

/**
 * A form body passed a bound that `decodeForm` (or `pickForm`) was asked to enforce with
 * `onLimit: 'throw'`: more pairs than `maxFields` (PHP's `max_input_vars`), or a key nested deeper
 * than `maxDepth` (PHP's `max_input_nesting_level`). Reading stops at the bound, so the rest of the
 * body costs nothing. Never retryable: the same body passes the same bound again.
 *
 * @example
 * ```ts
 * import { decodeForm, FormLimitError } from '@b24bot/core'
 *
 * async function intake(request: Request): Promise<Response> {
 *   try {
 *     const body = decodeForm(await request.text(), { maxFields: 1000, maxDepth: 64, onLimit: 'throw' })
 *     return Response.json(body)
 *   } catch (error) {
 *     if (FormLimitError.isInstance(error)) return new Response(error.message, { status: error.limit === 'fields' ? 413 : 400 })
 *     throw error
 *   }
 * }
 * ```
 */
export class FormLimitError extends B24Error {
  static override readonly brand: symbol = Symbol.for('@b24bot/core/FormLimitError')
  /** `'FormLimitError'`. */
  override readonly name: string = 'FormLimitError'
  /** `fields` or `depth`: which bound was passed. */
  readonly limit: FormLimit
  /** The bound that was passed (`maxFields` or `maxDepth`). */
  readonly max: number

  constructor(options: FormLimitErrorOptions) {
    super(describe(options), { hint: options.hint })
    this.limit = options.limit
    this.max = options.max
  }
}
