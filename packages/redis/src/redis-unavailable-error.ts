import { B24Error, type B24ErrorOptions } from '@b24bot/core'

/** What a {@link RedisUnavailableError} is built from. */
export interface RedisUnavailableErrorOptions extends Pick<B24ErrorOptions, 'hint'> {
  /** What the store was doing: `limiter.reserve`, `tokens.renew`, `session.lock`, `offsets.acquire`, ... */
  readonly operation: string
  /**
   * Why, in a word: a socket error code (`ECONNREFUSED`, `ECONNRESET`, `ETIMEDOUT`, ...), `timeout` (no answer within the
   * deadline), `disconnected` (the connection is down and being re-established), `closed` (the store was closed), or the
   * code of an error reply (`LOADING`, `READONLY`, `WRONGTYPE`, `NOAUTH`, ...).
   */
  readonly reason: string
  /** The deadline that passed, in milliseconds, when `reason` is `timeout`. */
  readonly timeout?: number | undefined
  /**
   * Whether trying again later can succeed: `true` for everything that passes when Redis is back (the default); `false`
   * for a refusal that only a change of configuration or data cures (`WRONGTYPE`, `NOAUTH`, `WRONGPASS`, `NOPERM`, a closed store).
   */
  readonly retryable?: boolean
  /** A description of the original failure, free of credentials (never the error the Redis client raised). */
  readonly cause?: Error
}

function reasonText(options: RedisUnavailableErrorOptions): string {
  if (options.reason === 'timeout') return `timeout: no answer within ${String(options.timeout ?? 0)} ms`
  if (options.reason === 'disconnected') return 'not connected'
  if (options.reason === 'closed') return 'the store was closed'
  return options.reason
}

/**
 * A store of `@b24bot/redis` could not do what it was asked because Redis did not answer in time, was not connected,
 * or refused the command. The message says which operation failed and why in a word (`ECONNREFUSED`, `timeout`, ...);
 * it never holds the Redis URL (it may carry a password) nor any stored value, and neither does its `cause`.
 * `retryable` is `true` unless only a change of configuration can help: the stores reconnect by themselves, so the same
 * call works again once Redis answers, with no store to recreate.
 *
 * @example
 * ```ts
 * import { RedisUnavailableError, redisSessionStore } from '@b24bot/redis'
 *
 * const sessions = redisSessionStore({ url: process.env.REDIS_URL! })
 * try {
 *   await sessions.set('portal|42|chat7', { count: 1 })
 * } catch (error) {
 *   if (RedisUnavailableError.isInstance(error)) console.warn(error.message) // "Redis is unreachable (ECONNREFUSED): session.set failed. ..."
 *   else throw error
 * }
 * ```
 */
export class RedisUnavailableError extends B24Error {
  static override readonly brand: symbol = Symbol.for('@b24bot/redis/RedisUnavailableError')
  /** `'RedisUnavailableError'`. */
  override readonly name: string = 'RedisUnavailableError'
  /** What the store was doing (`limiter.reserve`, `tokens.renew`, ...). */
  readonly operation: string
  /** Why, in a word: `ECONNREFUSED`, `timeout`, `disconnected`, `closed`, `LOADING`, `WRONGTYPE`, ... */
  readonly reason: string

  constructor(options: RedisUnavailableErrorOptions) {
    const retryable = options.retryable ?? true
    const message = retryable
      ? `Redis is unreachable (${reasonText(options)}): ${options.operation} failed`
      : `Redis refused ${options.operation} (${reasonText(options)})`
    super(message, {
      cause: options.cause,
      retryable,
      hint:
        options.hint ??
        (retryable
          ? 'The store reconnects by itself: the same call works again once Redis answers.'
          : options.reason === 'closed'
            ? 'Create a new store to use Redis again.'
            : "Check the Redis server, its credentials and what else writes under the store's prefix."),
    })
    this.operation = options.operation
    this.reason = options.reason
  }
}
