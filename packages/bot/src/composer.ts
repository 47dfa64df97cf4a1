import type { EventName } from '@b24bot/imbot'
import type { Context } from './context.ts'

/** Calls the rest of the chain; resolves when it is done. */
export type Next = () => Promise<void>

/** One link of the chain: do something with `ctx`, and call `next()` to go on (or not, to stop there). */
export type Middleware<C extends Context = Context> = (ctx: C, next: Next) => unknown

/** Which events a handler takes: an event name, several, or a predicate. */
export type EventFilter<C extends Context = Context> = EventName | readonly EventName[] | ((ctx: C) => boolean)

/** A command event of either generation (classic `ONIMCOMMANDADD`, v2 `ONIMBOTV2COMMANDADD`). */
const commandEvents: ReadonlySet<string> = new Set(['ONIMCOMMANDADD', 'ONIMBOTV2COMMANDADD'])
/** A new message for a bot (classic or v2): what `hears` looks at. */
const messageEvents: ReadonlySet<string> = new Set(['ONIMBOTMESSAGEADD', 'ONIMBOTV2MESSAGEADD'])

/** Runs `middleware` in order; each decides whether the next runs. */
export function compose<C extends Context>(middleware: readonly Middleware<C>[]): Middleware<C> {
  return async (ctx, next) => {
    let last = -1
    const run = async (index: number): Promise<void> => {
      if (index <= last) throw new Error('next() was called more than once in one middleware')
      last = index
      const handler = middleware[index]
      if (!handler) {
        await next()
        return
      }
      await handler(ctx, () => run(index + 1))
    }
    await run(0)
  }
}

function matches<C extends Context>(filter: EventFilter<C>, ctx: C): boolean {
  if (typeof filter === 'function') return filter(ctx)
  if (typeof filter === 'string') return ctx.event.event === filter
  return filter.includes(ctx.event.event)
}

/**
 * The router: a chain of middleware with shortcuts for the usual cases, composing like grammY's
 * Composer. A {@link Bot} is one; make more to group handlers and `use` them.
 *
 * @example
 * ```ts
 * const admin = new Composer()
 * admin.command('stats', (ctx) => ctx.reply('42 users'))
 * bot.use(admin)
 * ```
 */
export class Composer<C extends Context = Context> {
  readonly #chain: Middleware<C>[] = []

  /**
   * Adds middleware (or another composer) to the chain.
   *
   * @example
   * ```ts
   * bot.use(async (ctx, next) => {
   *   const started = Date.now()
   *   await next()
   *   console.log(ctx.event.event, Date.now() - started, 'ms')
   * })
   * ```
   */
  use(...middleware: (Middleware<C> | Composer<C>)[]): this {
    for (const item of middleware) this.#chain.push(item instanceof Composer ? item.middleware() : item)
    return this
  }

  /**
   * Handles the events a filter takes: an event name, several, or a predicate on the context.
   * Other events go past.
   *
   * @example
   * ```ts
   * bot.on('ONIMBOTV2JOINCHAT', (ctx) => ctx.reply('Hello! Type /help.'))
   * bot.on(['ONIMBOTMESSAGEADD', 'ONIMBOTV2MESSAGEADD'], (ctx) => ctx.reply(`You said: ${ctx.text ?? ''}`))
   * ```
   */
  on(filter: EventFilter<C>, ...handlers: Middleware<C>[]): this {
    const chain = compose(handlers)
    return this.use((ctx, next) => (matches(filter, ctx) ? chain(ctx, next) : next()))
  }

  /**
   * Handles a command, classic or v2 alike, typed or from a keyboard button: `/help topic` runs the
   * `help` handlers with `ctx.command.params === 'topic'`. Names are compared without case.
   *
   * @example
   * ```ts
   * bot.command('help', (ctx) => ctx.answerCommand('Commands: /help, /order <id>'))
   * ```
   */
  command(names: string | readonly string[], ...handlers: Middleware<C>[]): this {
    const wanted = new Set((typeof names === 'string' ? [names] : names).map((name) => name.replace(/^\//, '').toLowerCase()))
    const chain = compose(handlers)
    return this.use((ctx, next) => {
      const command = ctx.command
      return commandEvents.has(ctx.event.event) && command && wanted.has(command.name.toLowerCase()) ? chain(ctx, next) : next()
    })
  }

  /**
   * Handles new messages whose text matches: equals a string (trimmed, without case), or matches a
   * regular expression (the match in `ctx.match`).
   *
   * @example
   * ```ts
   * bot.hears(/^order (\d+)$/i, (ctx) => ctx.reply(`Looking up order ${ctx.match?.[1] ?? ''}`))
   * bot.hears('hi', (ctx) => ctx.reply('Hi!'))
   * ```
   */
  hears(trigger: string | RegExp, ...handlers: Middleware<C>[]): this {
    const chain = compose(handlers)
    return this.use((ctx, next) => {
      const text = ctx.text
      if (!messageEvents.has(ctx.event.event) || text === undefined) return next()
      if (typeof trigger === 'string') return text.trim().toLowerCase() === trigger.trim().toLowerCase() ? chain(ctx, next) : next()
      // A global or sticky pattern keeps `lastIndex` from the last message: every text is matched from its start.
      trigger.lastIndex = 0
      const match = trigger.exec(text)
      if (!match) return next()
      ctx.match = match
      return chain(ctx, next)
    })
  }

  /** The chain as one middleware. */
  middleware(): Middleware<C> {
    return compose(this.#chain)
  }
}
