import type { OffsetStore } from '@b24bot/bot'
import { openConnection, script, type RedisStoreOptions, type Script } from './connection.ts'
import { checkTtl, extendLock, newHolder, tryLock, unlock } from './lock.ts'

/**
 * What {@link redisOffsetStore} takes: where Redis is (see {@link RedisStoreOptions}).
 *
 * @example
 * ```ts
 * import type { RedisOffsetStoreOptions } from '@b24bot/redis'
 *
 * const options: RedisOffsetStoreOptions = { url: process.env.REDIS_URL!, prefix: 'shop-bot:' }
 * ```
 */
export type RedisOffsetStoreOptions = RedisStoreOptions

/**
 * A replica's hold on polling one bot, as {@link RedisOffsetStore.acquire} gives it (the `PollLease` of `@b24bot/bot`).
 *
 * @example
 * ```ts
 * import { redisOffsetStore, type RedisPollLease } from '@b24bot/redis'
 *
 * const offsets = redisOffsetStore({ url: process.env.REDIS_URL! })
 * const lease: RedisPollLease | undefined = await offsets.acquire('|42', 15_000)
 * if (lease && !(await lease.renew())) console.log('another replica polls bot 42 now')
 * ```
 */
export interface RedisPollLease {
  /** Extends the hold by its ttl from now; `false` when it was lost (it lapsed and another replica may hold it). */
  renew(): Promise<boolean>
  /** Lets go at once, so another replica takes over without waiting for the ttl. */
  release(): Promise<void>
}

/**
 * An {@link OffsetStore} in Redis with `acquire`, and the way to end its connection.
 *
 * @example
 * ```ts
 * import { startPolling } from '@b24bot/bot'
 * import { redisOffsetStore, type RedisOffsetStore } from '@b24bot/redis'
 *
 * const offsets: RedisOffsetStore = redisOffsetStore({ url: process.env.REDIS_URL! })
 * await startPolling(bot, { client, botId: 42, offsets })
 * ```
 */
export interface RedisOffsetStore extends OffsetStore {
  /** Takes the lease of polling `key` for `ttl` ms: the lease, or `undefined` while another replica holds it. */
  acquire(key: string, ttl: number): Promise<RedisPollLease | undefined>
  /** Ends the connection the store opened from `url`; a `client` you gave stays open. */
  close(): Promise<void>
}

/** Raises the offset KEYS[1] to ARGV[1]; never lowers it. Answers 1 when it moved. */
const raiseOffset: Script = script(
  'offset_raise',
  `local current = tonumber(redis.call('GET', KEYS[1]))
local offset = tonumber(ARGV[1])
if current == nil or offset > current then
  redis.call('SET', KEYS[1], ARGV[1])
  return 1
end
return 0`,
  1,
)

/**
 * An {@link OffsetStore} in Redis: every polling replica given one (with the same `prefix`) resumes from the same offset
 * of each bot, kept under `${prefix}offset:{${key}}`, and only one of them polls a bot at a time. Give it to
 * `startPolling(bot, { offsets })`.
 *
 * `set` never moves an offset back (a Lua max): a replica that lost its lease and saves late cannot undo a newer
 * commit. `acquire(key, ttl)` takes the bot's lease (`SET NX PX ttl` with a random holder token, under
 * `${prefix}offset:{${key}}:lease`), or answers `undefined` while another replica holds it; the lease's `renew` extends
 * it only while it is still this holder's (compare and `PEXPIRE`, in Lua) and answers whether it was, and `release`
 * deletes it only while it is (compare and delete). A replica that dies frees the lease after `ttl`.
 *
 * See the package README, "Running several replicas", and docs/decisions/039-redis-shared-state.md.
 *
 * @example
 * ```ts
 * import { startPolling } from '@b24bot/bot'
 * import { redisOffsetStore } from '@b24bot/redis'
 *
 * // Run this in every replica: one polls, the others wait for its lease
 * await startPolling(bot, { client, botId: 42, offsets: redisOffsetStore({ url: process.env.REDIS_URL! }) })
 * ```
 */
export function redisOffsetStore(options: RedisOffsetStoreOptions): RedisOffsetStore {
  const connection = openConnection(options, 'redisOffsetStore')
  const offsetKey = (key: string): string => connection.key('offset', key)
  const leaseKey = (key: string): string => connection.key('offset', key, 'lease')

  return {
    async get(key) {
      const raw = await connection.run('offsets.get', (redis) => redis.get(offsetKey(key)))
      if (raw === null) return undefined
      const offset = Number(raw)
      return Number.isFinite(offset) ? offset : undefined
    },
    async set(key, offset) {
      if (!Number.isFinite(offset)) throw new RangeError(`redisOffsetStore: an offset is a number; got ${String(offset)}`)
      await connection.eval('offsets.set', raiseOffset, [offsetKey(key)], [offset])
    },
    async acquire(key, ttl) {
      const ms = checkTtl("A lease's ttl", ttl)
      const holder = newHolder()
      if (!(await tryLock(connection, 'offsets.acquire', leaseKey(key), holder, ms))) return undefined
      return {
        renew: () => extendLock(connection, 'offsets.renew', leaseKey(key), holder, ms),
        release: () => unlock(connection, 'offsets.release', leaseKey(key), holder),
      }
    },
    close: () => connection.close(),
  }
}
