import { B24Error } from '@b24bot/core'
import type { Session, SessionStore } from '@b24bot/bot'
import { delay, openConnection, type RedisStoreOptions } from './connection.ts'
import { checkTtl, extendLock, newHolder, tryLock, unlock } from './lock.ts'

/**
 * What {@link redisSessionStore} takes: where Redis is, how long a session lives, and how long a lock may outlive its
 * holder.
 *
 * @example
 * ```ts
 * import type { RedisSessionStoreOptions } from '@b24bot/redis'
 *
 * const options: RedisSessionStoreOptions = { url: process.env.REDIS_URL!, ttl: 7 * 24 * 3600_000 }
 * ```
 */
export type RedisSessionStoreOptions = RedisStoreOptions & {
  /** How long a session lives after its last write, in milliseconds. Default: for ever. */
  readonly ttl?: number
  /**
   * How long a dialog's lock outlives a holder that died, in milliseconds. A living holder keeps extending it (every
   * third of this), so a handler may take longer. Default 30 000.
   */
  readonly lockTtl?: number
}

/**
 * A {@link SessionStore} in Redis with `lock`, and the way to end its connection.
 *
 * @example
 * ```ts
 * import { redisSessionStore, type RedisSessionStore } from '@b24bot/redis'
 *
 * const sessions: RedisSessionStore = redisSessionStore({ url: process.env.REDIS_URL! })
 * const release = await sessions.lock('portal|42|chat7')
 * ```
 */
export interface RedisSessionStore extends SessionStore {
  /** Holds `key` while one event is handled, across every process sharing the store: see {@link redisSessionStore}. */
  lock(key: string): Promise<() => Promise<void>>
  /** Ends the connection the store opened from `url`; a `client` you gave stays open. */
  close(): Promise<void>
}

/** The first and the longest wait between two tries of a held lock, in milliseconds (doubling, with jitter). */
const firstRetry = 10
const longestRetry = 250

/**
 * A {@link SessionStore} in Redis: every replica given one (with the same `prefix`) reads and writes the same sessions,
 * kept as JSON under `${prefix}session:{${key}}`; `ttl` makes them lapse after their last write. Give it to
 * `createBot({ session })`.
 *
 * `lock(key)` holds a dialog while one event is handled, so that two events of one dialog, in any processes, take
 * turns and neither loses the other's write. Callers in one process queue in order; across processes they take a
 * Redis lock (`SET NX PX lockTtl` with a random token), trying again with a growing wait (10 to 250 ms) while it is
 * held. A holder keeps extending it while alive; one that dies frees it after `lockTtl`. Letting go deletes it only
 * while it is still the holder's (compare and delete, in Lua). While Redis is away, `lock` fails with a
 * {@link RedisUnavailableError} rather than wait.
 *
 * See the package README, "Running several replicas", and docs/decisions/039-redis-shared-state.md.
 *
 * @example
 * ```ts
 * import { createBot } from '@b24bot/bot'
 * import { redisSessionStore } from '@b24bot/redis'
 *
 * const bot = createBot({
 *   applicationToken: process.env.B24_APPLICATION_TOKEN!,
 *   session: redisSessionStore({ url: process.env.REDIS_URL!, ttl: 86_400_000 }),
 * })
 * bot.on('ONIMBOTV2MESSAGEADD', (ctx) => {
 *   ctx.session.count = Number(ctx.session.count ?? 0) + 1 // no count lost, whichever replica gets the event
 * })
 * ```
 */
export function redisSessionStore(options: RedisSessionStoreOptions): RedisSessionStore {
  const ttl = options.ttl === undefined ? undefined : checkTtl('redisSessionStore: ttl', options.ttl)
  const lockTtl = checkTtl('redisSessionStore: lockTtl', options.lockTtl ?? 30_000)
  const connection = openConnection(options, 'redisSessionStore')
  const sessionKey = (key: string): string => connection.key('session', key)
  const lockKey = (key: string): string => connection.key('session', key, 'lock')
  /** Per key, the promise that settles when the last of this process's holders so far lets go. */
  const queues: Map<string, Promise<void>> = new Map()
  /** The timers extending the locks this process holds, stopped by `close`. */
  const keepers: Set<NodeJS.Timeout> = new Set()

  /** Takes the Redis lock of `key`, trying again while another process holds it. */
  async function take(key: string, holder: string): Promise<void> {
    for (let wait = firstRetry; ; wait = Math.min(wait * 2, longestRetry)) {
      if (await tryLock(connection, 'session.lock', lockKey(key), holder, lockTtl)) return
      await delay(wait / 2 + Math.random() * (wait / 2))
    }
  }

  /** Extends `holder`'s lock every third of lockTtl while it holds it. */
  function keep(key: string, holder: string): () => void {
    const timer = setInterval(
      () => {
        extendLock(connection, 'session.lock', lockKey(key), holder, lockTtl).then(
          (held) => {
            if (!held) stop()
          },
          () => undefined, // Redis away for a moment: the next tick tries again, and the lock lasts lockTtl.
        )
      },
      Math.max(1, Math.floor(lockTtl / 3)),
    )
    timer.unref()
    keepers.add(timer)
    const stop = (): void => {
      clearInterval(timer)
      keepers.delete(timer)
    }
    return stop
  }

  return {
    async get(key) {
      const raw = await connection.run('session.get', (redis) => redis.get(sessionKey(key)))
      if (raw === null) return undefined
      try {
        return JSON.parse(raw) as Session
      } catch {
        throw new B24Error('The value under a session key is not JSON (session.get)', {
          hint: 'Write sessions through the store (set), or delete the key.',
        })
      }
    },
    async set(key, session) {
      const json = JSON.stringify(session)
      await connection.run('session.set', (redis) =>
        ttl === undefined ? redis.set(sessionKey(key), json) : redis.set(sessionKey(key), json, 'PX', ttl),
      )
    },
    async delete(key) {
      await connection.run('session.delete', (redis) => redis.del(sessionKey(key)))
    },
    async lock(key) {
      // This process's callers of one key queue in order, so only one of them at a time asks Redis.
      const previous = queues.get(key) ?? Promise.resolve()
      let letGo = (): void => undefined
      const turn: Promise<void> = new Promise((resolve) => {
        letGo = resolve
      })
      const tail = previous.then(() => turn)
      queues.set(key, tail)
      const leave = (): void => {
        letGo()
        if (queues.get(key) === tail) queues.delete(key)
      }
      await previous
      const holder = newHolder()
      try {
        await take(key, holder)
      } catch (error) {
        leave()
        throw error
      }
      const stop = keep(key, holder)
      let released: Promise<void> | undefined
      return () => {
        released ??= (async () => {
          stop()
          try {
            await unlock(connection, 'session.lock', lockKey(key), holder)
          } finally {
            leave()
          }
        })()
        return released
      }
    },
    async close() {
      for (const timer of keepers) clearInterval(timer)
      keepers.clear()
      await connection.close()
    },
  }
}
