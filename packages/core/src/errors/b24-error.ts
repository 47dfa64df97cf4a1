/** Options every b24bot error accepts. */
export interface B24ErrorOptions {
  /** The Bitrix24 method the failing call was for, when there was one. */
  readonly method?: string | undefined
  /** The underlying error, already free of credentials. */
  readonly cause?: unknown
  /**
   * Whether repeating the same call later, unchanged, can succeed and is safe. The transport sets it
   * from its error policy; default `false`.
   */
  readonly retryable?: boolean | undefined
  /** A sentence added to the message: what it means, or what to do. */
  readonly hint?: string | undefined
}

/** A class that brands its instances with a `Symbol.for` key, so identity survives duplicated package copies. */
interface BrandedClass {
  readonly brand: symbol
  readonly prototype: B24Error
}

/**
 * The base of every error b24bot throws.
 *
 * Check identity with the static `isInstance` of the class you care about, not `instanceof`:
 * it keeps working when two copies of `@b24bot/core` end up in one bundle.
 *
 * @example
 * ```ts
 * import { ApiError } from '@b24bot/core'
 *
 * async function crmChatId(): Promise<number | null> {
 *   try {
 *     return await api.chat.get({ ENTITY_TYPE: 'CRM', ENTITY_ID: 7 })
 *   } catch (error) {
 *     if (ApiError.isInstance(error) && error.code === 'ACCESS_ERROR') return null
 *     throw error
 *   }
 * }
 * ```
 */
export class B24Error extends Error {
  /** The identity key of this class. Subclasses declare their own. */
  static readonly brand: symbol = Symbol.for('@b24bot/core/B24Error')

  /** Whether `value` is an instance of this class (or a subclass), from any copy of the package. */
  static isInstance<T extends BrandedClass>(this: T, value: unknown): value is T['prototype'] {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[this.brand] === true
  }

  /** The class name, as `error.name` (`'B24Error'`; each subclass sets its own). */
  override readonly name: string = 'B24Error'
  /** The Bitrix24 method the failing call was for, when there was one. */
  readonly method: string | undefined
  /**
   * Whether repeating the same call later, unchanged, can succeed and is safe: `false` for a write
   * whose outcome is unknown (it may have run), for a refusal no repeat can cure, and by default.
   */
  readonly retryable: boolean

  constructor(message: string, options: B24ErrorOptions = {}) {
    super(
      options.hint ? `${message}${/[.!?]$/.test(message) ? '' : '.'} ${options.hint}` : message,
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    this.method = options.method
    this.retryable = options.retryable ?? false
    // Brand the instance with every class of its chain, so `NetworkError.isInstance(timeoutError)` holds.
    for (let ctor: unknown = new.target; typeof ctor === 'function' && Object.hasOwn(ctor, 'brand'); ctor = Object.getPrototypeOf(ctor)) {
      Object.defineProperty(this, Reflect.get(ctor, 'brand') as symbol, { value: true })
    }
  }

  /** A plain-object view for loggers and `JSON.stringify`: name, message and the public fields. */
  toJSON(): Record<string, unknown> {
    return { ...Object.fromEntries(Object.entries(this)), name: this.name, message: this.message }
  }
}
