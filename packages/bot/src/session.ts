import type { Session } from './context.ts'

/**
 * Where sessions are kept between events, one per key (portal, bot and dialog). Async-capable, so a
 * shared store (Redis, a database) fits the same shape.
 *
 * @example
 * ```ts
 * const bot = createBot({ applicationToken, session: memorySessionStore() })
 * bot.on('ONIMBOTV2MESSAGEADD', async (ctx) => {
 *   ctx.session.count = Number(ctx.session.count ?? 0) + 1
 *   await ctx.reply(`Message number ${String(ctx.session.count)}`)
 * })
 * ```
 */
export interface SessionStore {
  get(key: string): Session | undefined | Promise<Session | undefined>
  set(key: string, session: Session): void | Promise<void>
  delete(key: string): void | Promise<void>
}

/**
 * A {@link SessionStore} in this process's memory (copies in and out, so a handler's later changes
 * to an object it kept do not leak into the store).
 *
 * @example
 * ```ts
 * const bot = createBot({ applicationToken, session: memorySessionStore() })
 * ```
 */
export function memorySessionStore(): SessionStore {
  const sessions: Map<string, string> = new Map()
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
  }
}
