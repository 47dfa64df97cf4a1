/**
 * A replica's hold on polling one bot: while held, no other replica sharing the store polls it.
 *
 * @example
 * ```ts
 * import { memoryOffsetStore, startPolling } from '@b24bot/bot'
 *
 * const offsets = memoryOffsetStore()
 * const controller = new AbortController()
 * const lease = await offsets.acquire?.('|42', 15_000) // what the runner does
 * if (lease) {
 *   const timer = setInterval(() => void lease.renew().then((held) => held || controller.abort()), 5_000)
 *   // ... poll while held, then:
 *   clearInterval(timer)
 *   await lease.release()
 * }
 * ```
 */
export interface PollLease {
  /** Extends the hold by its ttl; `false` when it was lost (it lapsed and another replica holds it now). */
  renew(): Promise<boolean>
  /** Lets go at once, so another replica takes over without waiting for the ttl. */
  release(): Promise<void>
}

/**
 * Where the polling runner keeps each bot's offset (the `offset` its next `imbot.v2.Event.get` sends:
 * every event below it was handled), so a restarted process resumes where the last one stopped.
 * Keyed by bot (`portal|botId`, see `PollingOptions.portal`). Async-capable, so a shared store (Redis, a
 * database row) fits the same shape. A store shared by several replicas also gives out the lease of
 * polling each bot (`acquire`), so that one replica at a time polls it: `redisOffsetStore` of `@b24bot/redis`.
 *
 * @example
 * ```ts
 * import { startPolling, type OffsetStore } from '@b24bot/bot'
 *
 * // Any key-value store: here a Redis client (node-redis or ioredis).
 * declare const redis: { get(key: string): Promise<string | null>; set(key: string, value: string): Promise<unknown> }
 *
 * const redisOffsets: OffsetStore = {
 *   get: async (key) => {
 *     const value = await redis.get(`offset:${key}`)
 *     return value === null ? undefined : Number(value)
 *   },
 *   set: async (key, offset) => {
 *     await redis.set(`offset:${key}`, String(offset))
 *   },
 * }
 * await startPolling(bot, { client, botId: 42, offsets: redisOffsets }) // one process; redisOffsetStore() for several
 * ```
 */
export interface OffsetStore {
  /** The offset saved for `key`, or `undefined` when none was (the very first run). */
  get(key: string): number | undefined | Promise<number | undefined>
  /** Saves `offset` for `key`; resolves once it is durable enough to survive what you guard against. */
  set(key: string, offset: number): void | Promise<void>
  /**
   * Optional. Takes the lease of polling `key` for `ttl` ms: the lease, or `undefined` while another replica holds it.
   * A runner given a store with `acquire` polls only while it holds the lease.
   *
   * @example
   * ```ts
   * import { redisOffsetStore } from '@b24bot/redis'
   *
   * const offsets = redisOffsetStore({ url: process.env.REDIS_URL! })
   * const lease = await offsets.acquire('|42', 15_000)
   * if (lease === undefined) console.log('another replica polls bot 42')
   * ```
   */
  acquire?(key: string, ttl: number): Promise<PollLease | undefined>
}

/**
 * An {@link OffsetStore} in this process's memory: a restart of the process starts over (which with
 * `imbot.v2.Event.get` means re-delivery of the events not yet acknowledged, never loss). The default.
 * Its leases lapse `ttl` ms after they were taken or last renewed, so runners of this process that
 * share it take turns as replicas would; replicas in several processes need a shared store
 * (`redisOffsetStore` of `@b24bot/redis`).
 *
 * @example
 * ```ts
 * import { memoryOffsetStore, startPolling } from '@b24bot/bot'
 *
 * const offsets = memoryOffsetStore()
 * await startPolling(bot, { client, botId: 42, offsets })
 * ```
 */
export function memoryOffsetStore(): OffsetStore {
  const offsets: Map<string, number> = new Map()
  /** Per key, who holds its lease (an object only that lease knows) and until when (`Date.now()` ms). */
  const leases: Map<string, { readonly holder: object; expires: number }> = new Map()
  const held = (key: string, holder: object): { expires: number } | undefined => {
    const lease = leases.get(key)
    return lease?.holder === holder && lease.expires > Date.now() ? lease : undefined
  }
  return {
    get: (key) => offsets.get(key),
    set: (key, offset) => {
      offsets.set(key, offset)
    },
    acquire: (key, ttl) => {
      if (!Number.isFinite(ttl) || ttl <= 0)
        return Promise.reject(new RangeError(`A lease's ttl is a positive number of milliseconds, not ${String(ttl)}`))
      const current = leases.get(key)
      if (current && current.expires > Date.now()) return Promise.resolve(undefined)
      const holder = {}
      leases.set(key, { holder, expires: Date.now() + ttl })
      const lease: PollLease = {
        renew: () => {
          const mine = held(key, holder)
          if (mine) mine.expires = Date.now() + ttl
          return Promise.resolve(mine !== undefined)
        },
        release: () => {
          if (leases.get(key)?.holder === holder) leases.delete(key)
          return Promise.resolve()
        },
      }
      return Promise.resolve(lease)
    },
  }
}
