import type { EventName, ImbotEvent } from '@b24bot/imbot'
import type { Context } from './context.ts'
import type { CommandFact, EventFacts } from './facts.ts'

/** Calls the rest of the chain; resolves when it is done. */
export type Next = () => Promise<void>

/**
 * One link of the chain: do something with `ctx`, and call `next()` to go on (or not, to stop there).
 *
 * @example
 * ```ts
 * import type { Middleware } from '@b24bot/bot'
 *
 * const timing: Middleware = async (ctx, next) => {
 *   const started = Date.now()
 *   await next()
 *   console.log(ctx.event.event, Date.now() - started, 'ms')
 * }
 * ```
 */
export type Middleware<C extends Context = Context> = (ctx: C, next: Next) => unknown

/**
 * Which events a handler takes: an event name, several, or a predicate. `on` narrows the context of
 * its handlers by the names, or by a type-guard predicate; this type is the filter as a value, which
 * `on` takes too, without narrowing.
 *
 * @example
 * ```ts
 * import type { EventFilter } from '@b24bot/bot'
 *
 * const messages: EventFilter = ['ONIMBOTMESSAGEADD', 'ONIMBOTV2MESSAGEADD']
 * const v2: EventFilter = (ctx) => ctx.facts.generation === 'v2'
 * ```
 */
export type EventFilter<C extends Context = Context> = EventName | readonly EventName[] | ((ctx: C) => boolean)

/**
 * The decoded event of any of the names `N`: a union of their `EventOf` types, discriminated by
 * `event` (where `EventOf<'A' | 'B'>` would be one event with either name and either data).
 *
 * @example
 * ```ts
 * import type { NamedEvent } from '@b24bot/bot'
 *
 * function textOf(event: NamedEvent<'ONIMBOTMESSAGEADD' | 'ONIMBOTV2MESSAGEADD'>): string {
 *   return event.event === 'ONIMBOTMESSAGEADD' ? event.data.PARAMS.MESSAGE : event.data.message.text
 * }
 * ```
 */
export type NamedEvent<N extends EventName> = Extract<ImbotEvent, { readonly event: N }>

/**
 * The context `C` of a handler of the events named `N` (grammY's filter queries are the model):
 * `C` with `ctx.event` narrowed to {@link NamedEvent}, so its `data` is typed. What `on('NAME')`,
 * `on([...names])` give their handlers; a custom context keeps its own fields.
 *
 * @example
 * ```ts
 * import type { Context, Filter } from '@b24bot/bot'
 *
 * const echo = (ctx: Filter<Context, 'ONIMBOTV2MESSAGEADD'>) => ctx.reply(ctx.event.data.message.text)
 * bot.on('ONIMBOTV2MESSAGEADD', echo)
 * ```
 */
export type Filter<C extends Context, N extends EventName> = C & { readonly event: NamedEvent<N> }

/**
 * The command events: classic `ONIMCOMMANDADD` and v2 `ONIMBOTV2COMMANDADD`, what `command` routes.
 *
 * @example
 * ```ts
 * import type { CommandEventName } from '@b24bot/bot'
 *
 * const commandEvents: CommandEventName[] = ['ONIMCOMMANDADD', 'ONIMBOTV2COMMANDADD']
 * bot.on(commandEvents, (ctx) => console.log(ctx.command))
 * ```
 */
export type CommandEventName = 'ONIMCOMMANDADD' | 'ONIMBOTV2COMMANDADD'

/**
 * The new-message events for a bot: classic `ONIMBOTMESSAGEADD` and v2 `ONIMBOTV2MESSAGEADD`, what
 * `hears` looks at.
 *
 * @example
 * ```ts
 * import type { MessageEventName } from '@b24bot/bot'
 *
 * const messageEvents: MessageEventName[] = ['ONIMBOTMESSAGEADD', 'ONIMBOTV2MESSAGEADD']
 * bot.on(messageEvents, (ctx) => console.log(ctx.text))
 * ```
 */
export type MessageEventName = 'ONIMBOTMESSAGEADD' | 'ONIMBOTV2MESSAGEADD'

/**
 * The context of a `command` handler: a command event of either generation, with `ctx.command` (and
 * `ctx.facts.command`) always there.
 *
 * @example
 * ```ts
 * import type { CommandContext, Context } from '@b24bot/bot'
 *
 * const help = (ctx: CommandContext<Context>) => ctx.answerCommand(`No help on ${ctx.command.params || 'that'} yet`)
 * bot.command('help', help)
 * ```
 */
export type CommandContext<C extends Context> = Filter<C, CommandEventName> & {
  readonly command: CommandFact
  readonly facts: EventFacts & { readonly command: CommandFact }
}

/**
 * The context of a `hears` handler: a new message of either generation, with `ctx.text` (and
 * `ctx.facts.text`) a string; for a regular expression (`Trigger` a `RegExp`), `ctx.match` its match.
 *
 * @example
 * ```ts
 * import type { Context, HearsContext } from '@b24bot/bot'
 *
 * const order = (ctx: HearsContext<Context, RegExp>) => ctx.reply(`Looking up order ${ctx.match[1] ?? ''}`)
 * bot.hears(/^order (\d+)$/i, order)
 * ```
 */
export type HearsContext<C extends Context, Trigger extends string | RegExp = string | RegExp> = Filter<C, MessageEventName> & {
  readonly text: string
  readonly facts: EventFacts & { readonly text: string }
} & ([Trigger] extends [RegExp] ? { match: RegExpExecArray } : unknown)

const commandEvents: ReadonlySet<string> = new Set<CommandEventName>(['ONIMCOMMANDADD', 'ONIMBOTV2COMMANDADD'])
const messageEvents: ReadonlySet<string> = new Set<MessageEventName>(['ONIMBOTMESSAGEADD', 'ONIMBOTV2MESSAGEADD'])

/**
 * Runs `middleware` in order; each decides whether the next runs.
 *
 * @example
 * ```ts
 * import { compose, type Middleware } from '@b24bot/bot'
 *
 * const logRequests: Middleware = async (ctx, next) => {
 *   console.log(ctx.event.event)
 *   await next()
 * }
 * const countMessages: Middleware = async (ctx, next) => {
 *   ctx.session.messages = Number(ctx.session.messages ?? 0) + 1
 *   await next()
 * }
 * bot.use(compose([logRequests, countMessages]))
 * ```
 */
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
 * import { Composer } from '@b24bot/bot'
 *
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
   * Handles the events a filter takes: an event name, several, or a predicate on the context. Other
   * events go past. With names, the handlers get the context narrowed to those events (a
   * {@link Filter}): `ctx.event` is `EventOf<'NAME'>`, or the union of the named ones. A type-guard
   * predicate narrows to its type; any other predicate keeps the context as it is.
   *
   * @example
   * ```ts
   * bot.on('ONIMBOTV2JOINCHAT', (ctx) => ctx.reply(`Hello, ${ctx.event.data.user?.name ?? 'there'}! Type /help.`))
   * bot.on(['ONIMBOTMESSAGEADD', 'ONIMBOTV2MESSAGEADD'], (ctx) =>
   *   ctx.reply(`You said: ${ctx.event.event === 'ONIMBOTMESSAGEADD' ? ctx.event.data.PARAMS.MESSAGE : ctx.event.data.message.text}`),
   * )
   * bot.on((ctx) => ctx.facts.generation === 'user', (ctx) => console.log(ctx.event))
   * ```
   */
  on<const N extends EventName>(filter: N | readonly N[], ...handlers: Middleware<Filter<C, N>>[]): this
  on<D extends C>(filter: (ctx: C) => ctx is D, ...handlers: Middleware<D>[]): this
  on(filter: EventFilter<C>, ...handlers: Middleware<C>[]): this
  on(filter: EventFilter<C>, ...handlers: Middleware<C>[]): this {
    const chain = compose(handlers)
    return this.use((ctx, next) => (matches(filter, ctx) ? chain(ctx, next) : next()))
  }

  /**
   * Handles a command, classic or v2 alike, typed or from a keyboard button: `/help topic` runs the
   * `help` handlers with `ctx.command.params === 'topic'`. Names are compared without case. The
   * handlers get a {@link CommandContext}: `ctx.event` a command event, `ctx.command` always there.
   *
   * @example
   * ```ts
   * bot.command('help', (ctx) => ctx.answerCommand('Commands: /help, /order <id>'))
   * bot.command('order', (ctx) => ctx.answerCommand(`Looking up order ${ctx.command.params}`))
   * ```
   */
  command(names: string | readonly string[], ...handlers: Middleware<CommandContext<C>>[]): this {
    const wanted = new Set((typeof names === 'string' ? [names] : names).map((name) => name.replace(/^\//, '').toLowerCase()))
    // The check below is what makes the narrowing true.
    const chain = compose(handlers as readonly Middleware<C>[])
    return this.use((ctx, next) => {
      const command = ctx.command
      return commandEvents.has(ctx.event.event) && command && wanted.has(command.name.toLowerCase()) ? chain(ctx, next) : next()
    })
  }

  /**
   * Handles new messages whose text matches: equals a string (trimmed, without case), or matches a
   * regular expression. The handlers get a {@link HearsContext}: `ctx.event` a new-message event,
   * `ctx.text` a string, and for a regular expression `ctx.match` its match.
   *
   * @example
   * ```ts
   * bot.hears(/^order (\d+)$/i, (ctx) => ctx.reply(`Looking up order ${ctx.match[1] ?? ''}`))
   * bot.hears('hi', (ctx) => ctx.reply('Hi!'))
   * ```
   */
  hears<Trigger extends string | RegExp>(trigger: Trigger, ...handlers: Middleware<HearsContext<C, Trigger>>[]): this {
    // The checks below are what make the narrowing true.
    const chain = compose(handlers as readonly Middleware<C>[])
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
