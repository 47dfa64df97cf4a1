import type { Session } from './context.ts'
import { keyedLock } from './keyed-lock.ts'

/**
 * Where sessions are kept between events, one per key (portal, bot and dialog). Async-capable, so a
 * shared store (Redis, a database) fits the same shape. With `lock`, `Bot.handle` holds the key from
 * before `get` until after `set`, so that two events of one dialog take turns instead of one
 * overwriting the other's session (`@b24bot/redis`'s `redisSessionStore` locks across processes).
 *
 * @example
 * ```ts
 * import { createBot, memorySessionStore } from '@b24bot/bot'
 *
 * const bot = createBot({ applicationToken: process.env.B24_APPLICATION_TOKEN!, session: memorySessionStore() })
 * bot.on('ONIMBOTV2MESSAGEADD', async (ctx) => {
 *   ctx.session.count = Number(ctx.session.count ?? 0) + 1
 *   await ctx.reply(`Message number ${String(ctx.session.count)}`)
 * })
 * ```
 */
export interface SessionStore {
  /** The session stored under `key`, or `undefined`. */
  get(key: string): Session | undefined | Promise<Session | undefined>
  /** Stores `session` under `key`, replacing what was there. */
  set(key: string, session: Session): void | Promise<void>
  /** Forgets the session under `key`. */
  delete(key: string): void | Promise<void>
  /**
   * Optional. Holds `key` while one event is handled, so that two events of one dialog (in this process or another)
   * take turns and neither loses the other's write: resolves once held, with the function that lets go.
   *
   * @example
   * ```ts
   * import { redisSessionStore } from '@b24bot/redis'
   *
   * const store = redisSessionStore({ url: process.env.REDIS_URL! })
   * const release = await store.lock('portal|42|chat7') // what Bot.handle does when the store has lock
   * try {
   *   const session = (await store.get('portal|42|chat7')) ?? {}
   *   await store.set('portal|42|chat7', { ...session, count: Number(session.count ?? 0) + 1 })
   * } finally {
   *   await release()
   * }
   * ```
   */
  lock?(key: string): Promise<() => Promise<void>>
}

/**
 * A {@link SessionStore} in this process's memory (copies in and out, so a handler's later changes
 * to an object it kept do not leak into the store). Its `lock` queues the events of one dialog in this
 * process, in the order they came; a dialog nobody holds takes no memory. Several processes need a
 * shared store instead (`redisSessionStore` of `@b24bot/redis`).
 *
 * @example
 * ```ts
 * import { createBot, memorySessionStore } from '@b24bot/bot'
 *
 * const bot = createBot({ applicationToken: process.env.B24_APPLICATION_TOKEN!, session: memorySessionStore() })
 * ```
 */
export function memorySessionStore(): SessionStore {
  const sessions: Map<string, string> = new Map()
  const locks = keyedLock()
  return {
    get: (key) => {
      const stored = sessions.get(key)
      return stored === undefined ? undefined : (JSON.parse(stored) as Session)
    },
    set: (key, session) => {
      sessions.set(key, JSON.stringify(session))
    },
    delete: (key) => {
      sessions.delete(key)
    },
    lock: (key) => locks.lock(key),
  }
}
