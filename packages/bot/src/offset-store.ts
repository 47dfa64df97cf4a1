/**
 * Where the polling runner keeps each bot's offset (the `offset` its next `imbot.v2.Event.get` sends:
 * every event below it was handled), so a restarted process resumes where the last one stopped.
 * Keyed by bot (`portal|botId`, see `PollingOptions.portal`). Async-capable, so a shared store (Redis, a
 * database row) fits the same shape.
 *
 * @example
 * ```ts
 * const redisOffsets: OffsetStore = {
 *   get: async (key) => {
 *     const value = await redis.get(`offset:${key}`)
 *     return value === null ? undefined : Number(value)
 *   },
 *   set: async (key, offset) => {
 *     await redis.set(`offset:${key}`, String(offset))
 *   },
 * }
 * await bot.start({ client, botId, offsets: redisOffsets })
 * ```
 */
export interface OffsetStore {
  /** The offset saved for `key`, or `undefined` when none was (the very first run). */
  get(key: string): number | undefined | Promise<number | undefined>
  /** Saves `offset` for `key`; resolves once it is durable enough to survive what you guard against. */
  set(key: string, offset: number): void | Promise<void>
}

/**
 * An {@link OffsetStore} in this process's memory: a restart of the process starts over (which with
 * `imbot.v2.Event.get` means re-delivery of the events not yet acknowledged, never loss). The default.
 *
 * @example
 * ```ts
 * const offsets = memoryOffsetStore()
 * await bot.start({ client, botId, offsets })
 * ```
 */
export function memoryOffsetStore(): OffsetStore {
  const offsets: Map<string, number> = new Map()
  return {
    get: (key) => offsets.get(key),
    set: (key, offset) => {
      offsets.set(key, offset)
    },
  }
}
