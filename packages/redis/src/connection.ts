import { createHash } from 'node:crypto'
import { Redis, type Cluster } from 'ioredis'
import { RedisUnavailableError } from './redis-unavailable-error.ts'

/**
 * Where a store's Redis is: a `url` (the store opens its own connection, and its `close()` ends it), or your ioredis
 * `client` (a `Redis` or a `Cluster`, shared with the rest of your app; the store's `close()` leaves it open).
 *
 * @example
 * ```ts
 * import type { RedisTarget } from '@b24bot/redis'
 * import { Redis } from 'ioredis'
 *
 * const owned: RedisTarget = { url: process.env.REDIS_URL! } // redis://:password@host:6379/0, rediss:// for TLS
 * const shared: RedisTarget = { client: new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false }) }
 * ```
 */
export type RedisTarget =
  | {
      /**
       * A Redis URL, `redis://[[user]:password@]host[:port][/db]` (`rediss://` for TLS). The store connects at once,
       * reconnects by itself for as long as it lives, and never puts the URL in an error (it may carry a password).
       */
      readonly url: string
      readonly client?: undefined
    }
  | {
      /**
       * Your ioredis client. Its options stay yours (offline queue, retries, TLS, `keyPrefix`), but every command a
       * store sends still ends by the store's `timeout`. Best with `enableOfflineQueue: false`, so that a command sent
       * while Redis is away fails at once instead of running late.
       */
      readonly client: Redis | Cluster
      readonly url?: undefined
    }

/**
 * What every store of `@b24bot/redis` takes: where Redis is, the prefix of its keys, and the deadline of each command.
 *
 * @example
 * ```ts
 * import { redisSessionStore, type RedisStoreOptions } from '@b24bot/redis'
 *
 * const options: RedisStoreOptions = { url: process.env.REDIS_URL!, prefix: 'shop-bot:', timeout: 1_000 }
 * const sessions = redisSessionStore(options)
 * ```
 */
export type RedisStoreOptions = RedisTarget & {
  /** Put before every key the store writes, so several apps share one Redis. Default `'b24bot:'`. */
  readonly prefix?: string
  /**
   * The deadline of every command, in milliseconds: a call that gets no answer in time fails with a
   * {@link RedisUnavailableError} (`reason: 'timeout'`) instead of hanging. Default 2 000.
   */
  readonly timeout?: number
}

/** The ioredis client a store talks through. */
export type RedisClient = Redis | Cluster

/** A Lua script run with ioredis's `defineCommand` (EVALSHA, falling back to EVAL after a restart emptied the script cache). */
export interface Script {
  /** The command name it is defined under: `b24bot_<name>_<hash of the source>`, so two versions never clash on one client. */
  readonly command: string
  readonly lua: string
  readonly keys: number
}

/** Makes a {@link Script} from its Lua source. */
export function script(name: string, lua: string, keys: number): Script {
  const hash = createHash('sha1').update(lua).digest('hex').slice(0, 12)
  return { command: `b24bot_${name}_${hash}`, lua, keys }
}

/** One store's way to Redis: the shared connection handling every store uses. */
export interface Connection {
  /** The key of `key` for a kind of record: `${prefix}${kind}:{${key}}`, then `:${part}` when given (see {@link keyOf}). */
  key(kind: string, key: string, part?: string): string
  /** Runs `command` on the client within the deadline (and until `signal` aborts); any failure becomes a {@link RedisUnavailableError}. */
  run<T>(operation: string, command: (client: RedisClient) => Promise<T>, signal?: AbortSignal): Promise<T>
  /** Runs a Lua script with `keys` and `args`, as {@link Connection.run} does. */
  eval(
    operation: string,
    source: Script,
    keys: readonly string[],
    args: readonly (string | number)[],
    signal?: AbortSignal,
  ): Promise<unknown>
  /** Ends the connection when the store opened it; leaves a client it was given open. Later calls fail (`reason: 'closed'`). */
  close(): Promise<void>
}

const defaultPrefix = 'b24bot:'
const defaultTimeout = 2_000
/** The longest pause between two reconnection attempts of a connection a store opened, in milliseconds. */
const maxReconnectDelay = 1_000

/**
 * The key of one record. Every key of one store operation shares the hash tag `{key}`, so an operation that touches two
 * keys (the token pair and its lock) stays on one slot of a Redis Cluster. The key names a portal, a user, a dialog or a
 * bot, never a secret.
 */
function keyOf(prefix: string, kind: string, key: string, part?: string): string {
  return `${prefix}${kind}:{${key}}${part === undefined ? '' : `:${part}`}`
}

/** Error replies that mean "not now" rather than "never": Redis is loading, busy, a replica, out of memory, failing over. */
const passingReplies: ReadonlySet<string> = new Set([
  'LOADING',
  'BUSY',
  'READONLY',
  'MASTERDOWN',
  'CLUSTERDOWN',
  'TRYAGAIN',
  'OOM',
  'NOREPLICAS',
  'MISCONF',
  'NOMASTERLINK',
  'MOVED',
  'ASK',
])

/** The word that says why a command failed, and a description of it free of anything the client attached (its arguments hold values). */
function diagnose(
  error: unknown,
  lastReason: { readonly reason: string; readonly retryable: boolean } | undefined,
): { readonly reason: string; readonly retryable: boolean; readonly cause: Error } {
  const object = (typeof error === 'object' && error !== null ? error : {}) as {
    readonly name?: unknown
    readonly code?: unknown
    readonly syscall?: unknown
    readonly message?: unknown
  }
  const message = typeof object.message === 'string' ? object.message : ''
  if (object.name === 'ReplyError') {
    const code = /^[A-Z][A-Z_-]*/.exec(message)?.[0] ?? 'ERR'
    return { reason: code, retryable: passingReplies.has(code), cause: new Error(`Redis replied ${code}`) }
  }
  if (typeof object.code === 'string' && /^E[A-Z0-9_]+$/.test(object.code)) {
    const syscall = typeof object.syscall === 'string' && /^[a-z]+$/.test(object.syscall) ? `${object.syscall} ` : ''
    return { reason: object.code, retryable: true, cause: new Error(`${syscall}${object.code}`) }
  }
  if (message === 'Command timed out') return { reason: 'timeout', retryable: true, cause: new Error('the command timed out') }
  // "Stream isn't writeable ...", "Connection is closed.", "Reached the max retries per request limit ...": the link is down.
  const reason = lastReason?.reason ?? 'disconnected'
  return { reason, retryable: lastReason?.retryable ?? true, cause: new Error(`the connection is down (${reason})`) }
}

/** Statuses in which a client is known to be without a connection (not merely connecting for the first time). */
const downStatuses: ReadonlySet<string> = new Set(['reconnecting', 'close', 'end', 'disconnecting'])

/**
 * Opens a store's way to Redis. With a `url`, it creates the ioredis client and owns it: no offline queue (a command
 * sent while Redis is away fails at once), ioredis's `commandTimeout` at the deadline, one retry per request at most,
 * and reconnection forever with a backoff capped at one second. A `client` is used as it is. Either way every command
 * is bounded by the store's own deadline, and every failure is rethrown as a {@link RedisUnavailableError}.
 */
export function openConnection(options: RedisStoreOptions, store: string): Connection {
  const prefix = options.prefix ?? defaultPrefix
  const timeout = options.timeout ?? defaultTimeout
  if (typeof prefix !== 'string') throw new TypeError(`${store}: prefix must be a string`)
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new RangeError(`${store}: timeout must be a positive number of milliseconds; got ${String(timeout)}`)
  if ((options.url === undefined) === (options.client === undefined)) throw new TypeError(`${store} takes either { url } or { client }`)

  const owned = options.client === undefined
  const client: RedisClient = options.client ?? connect(options.url, timeout, store)
  let closed = false
  /** Why the connection a store owns is down, from its last `error` event; cleared once it is ready. */
  let lastReason: string | undefined
  /** Whether that failure can pass by itself (a refused password cannot). */
  let lastRetryable = true
  /** A connection the store owns settles its first attempt (ready, or failed) before commands fail fast. */
  let firstAttempt: Promise<void> | undefined

  if (owned) {
    client.on('error', (error: unknown) => {
      const failure = diagnose(error, undefined)
      lastReason = failure.reason
      lastRetryable = failure.retryable
    })
    client.on('ready', () => {
      lastReason = undefined
      lastRetryable = true
    })
    client.on('close', () => {
      lastReason ??= 'disconnected'
    })
    firstAttempt = new Promise<void>((resolve) => {
      const settle = (): void => {
        client.off('ready', settle)
        client.off('error', settle)
        client.off('end', settle)
        firstAttempt = undefined
        resolve()
      }
      client.on('ready', settle)
      client.on('error', settle)
      client.on('end', settle)
    })
  }

  function unavailable(operation: string, error: unknown): RedisUnavailableError {
    if (RedisUnavailableError.isInstance(error)) return error
    const { reason, retryable, cause } = diagnose(
      error,
      lastReason === undefined ? undefined : { reason: lastReason, retryable: lastRetryable },
    )
    return new RedisUnavailableError({ operation, reason, retryable, cause, timeout: reason === 'timeout' ? timeout : undefined })
  }

  async function send<T>(operation: string, command: (client: RedisClient) => Promise<T>): Promise<T> {
    if (firstAttempt) await firstAttempt
    if (closed) throw new RedisUnavailableError({ operation, reason: 'closed', retryable: false })
    // Known to be down (it is reconnecting): fail now rather than queue a command that would run late, or wait for the deadline.
    if (owned ? client.status !== 'ready' : downStatuses.has(client.status)) {
      throw new RedisUnavailableError({
        operation,
        reason: lastReason ?? 'disconnected',
        retryable: lastRetryable,
        cause: new Error(`the connection is ${client.status}`),
      })
    }
    try {
      return await command(client)
    } catch (error) {
      throw unavailable(operation, error)
    }
  }

  const connection: Connection = {
    key: (kind, key, part) => keyOf(prefix, kind, key, part),
    run(operation, command, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason as Error)
          return
        }
        const onAbort = (): void => {
          finish()
          reject(signal?.reason as Error)
        }
        const timer = setTimeout(() => {
          finish()
          reject(
            new RedisUnavailableError({
              operation,
              reason: 'timeout',
              timeout,
              cause: new Error(`no answer within ${String(timeout)} ms`),
            }),
          )
        }, timeout)
        function finish(): void {
          clearTimeout(timer)
          signal?.removeEventListener('abort', onAbort)
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        send(operation, command).then(
          (value) => {
            finish()
            resolve(value)
          },
          (error: unknown) => {
            finish()
            reject(unavailable(operation, error))
          },
        )
      })
    },
    eval(operation, source, keys, args, signal) {
      return connection.run(
        operation,
        (redis) => {
          const commands = redis as unknown as Record<string, ((...args: (string | number)[]) => Promise<unknown>) | undefined>
          if (typeof commands[source.command] !== 'function')
            redis.defineCommand(source.command, { lua: source.lua, numberOfKeys: source.keys })
          const run = commands[source.command]
          if (run === undefined) throw new Error('defineCommand did not define the script')
          return run.call(redis, ...keys, ...args)
        },
        signal,
      )
    },
    async close() {
      if (closed) return
      closed = true
      if (!owned) return
      try {
        await Promise.race([client.quit(), new Promise((resolve) => setTimeout(resolve, timeout).unref())])
      } catch {
        // Not connected: nothing to say goodbye to.
      } finally {
        client.disconnect()
      }
    },
  }
  return connection
}

/** Creates the client a store owns. The URL is never echoed: it may hold a password. */
function connect(url: string | undefined, timeout: number, store: string): Redis {
  if (typeof url !== 'string' || !/^rediss?:\/\//i.test(url)) throw new TypeError(`${store}: url must be a redis:// or rediss:// URL`)
  return new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: timeout,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt - 1, 10), maxReconnectDelay),
  })
}

/** Waits `ms` milliseconds; rejects with `signal`'s reason when it aborts first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error)
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason as Error)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
