import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EventOf, ImbotApi, ImbotEvent, OnImbotV2MessageAddData } from '@b24bot/imbot'
import type { BaseClient, Client } from '@b24bot/transport'
import { describe, expectTypeOf, it } from 'vitest'
import {
  ApiContext,
  compose,
  Composer,
  Context,
  createBot,
  factsOf,
  generationOf,
  memoryOffsetStore,
  memorySessionStore,
  oauthApp,
  startPolling,
  type Bot,
  type BotError,
  type CommandContext,
  type CommandEventName,
  type CommandFact,
  type EventFacts,
  type EventFilter,
  type Filter,
  type Generation,
  type HearsContext,
  type MessageEventName,
  type Middleware,
  type NamedEvent,
  type OAuthApp,
  type OffsetStore,
  type PollingErrorInfo,
  type PollingOptions,
  type PollingTarget,
  type PollLease,
  type SessionStore,
} from './index.ts'
import { fileOffsetStore, toNodeHandler } from './node.ts'

type V2Message = EventOf<'ONIMBOTV2MESSAGEADD'>
type ClassicMessage = EventOf<'ONIMBOTMESSAGEADD'>
type CommandEvent = EventOf<'ONIMCOMMANDADD'> | EventOf<'ONIMBOTV2COMMANDADD'>

/** Reads a value: what the `@ts-expect-error` lines fail on is reading it. */
const read = (value: unknown): unknown => value

describe('the public types of @b24bot/bot', () => {
  it('createBot gives a Bot, which is a Composer', () => {
    const bot = createBot({ applicationToken: 't', session: memorySessionStore() })
    expectTypeOf(bot).toEqualTypeOf<Bot>()
    expectTypeOf(bot).toExtend<Composer>()
    expectTypeOf<Bot['fetch']>().toEqualTypeOf<(request: Request) => Promise<Response>>()
    expectTypeOf<Bot['handle']>().returns.toEqualTypeOf<Promise<boolean>>()
    expectTypeOf(startPolling).parameters.toEqualTypeOf<[PollingTarget, PollingOptions]>()
    expectTypeOf(startPolling).returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf(bot).toExtend<PollingTarget>()
  })

  it('handlers get a typed context', () => {
    const bot = createBot()
    bot.use((ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<Context>()
      expectTypeOf(ctx.event).toEqualTypeOf<ImbotEvent>()
      expectTypeOf(ctx.client).toEqualTypeOf<Client | BaseClient>()
      // @ts-expect-error: every method as ctx.api is ApiContext's
      read(ctx.api)
      expectTypeOf(ctx.facts).toEqualTypeOf<EventFacts>()
      expectTypeOf(ctx.text).toEqualTypeOf<string | undefined>()
      expectTypeOf(ctx.command).toEqualTypeOf<CommandFact | undefined>()
      expectTypeOf(ctx.match).toEqualTypeOf<RegExpExecArray | undefined>()
      expectTypeOf(ctx.session).toEqualTypeOf<Record<string, unknown>>()
    })
    expectTypeOf<Context['reply']>().returns.toEqualTypeOf<Promise<number>>()
    expectTypeOf<Context['answerCommand']>().returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf<Middleware>().parameters.toEqualTypeOf<[Context, () => Promise<void>]>()
    // Context is generic over its event, ImbotEvent by default, and covariant in it.
    expectTypeOf<Context['event']>().toEqualTypeOf<ImbotEvent>()
    expectTypeOf<Context<V2Message>['event']>().toEqualTypeOf<V2Message>()
    expectTypeOf<Context<V2Message>>().toExtend<Context>()
    expectTypeOf<Context>().not.toExtend<Context<V2Message>>()
    expectTypeOf(new Context({ event: {} as V2Message, client: () => ({}) as Client, session: {} })).toEqualTypeOf<Context<V2Message>>()
  })
})

describe('the pieces a bot is given', () => {
  it('ApiContext adds ctx.api, kept through filters', () => {
    const bot = createBot({ context: (init) => new ApiContext(init) })
    expectTypeOf(bot).toEqualTypeOf<Bot<ApiContext>>()
    bot.use((ctx) => {
      expectTypeOf(ctx.api).toEqualTypeOf<ImbotApi>()
      expectTypeOf(ctx).toExtend<Context>()
    })
    bot.on('ONIMBOTV2MESSAGEADD', (ctx) => {
      expectTypeOf(ctx.api).toEqualTypeOf<ImbotApi>()
      expectTypeOf(ctx.event).toEqualTypeOf<V2Message>()
    })
  })

  it('app takes what oauthApp makes, not bare credentials', () => {
    const app = oauthApp({ clientId: 'c', clientSecret: 's' })
    expectTypeOf(app).toEqualTypeOf<OAuthApp>()
    createBot({
      app,
      onInstall: (install) => {
        expectTypeOf(install.tokens.refreshToken).toEqualTypeOf<string>()
      },
    })
    // @ts-expect-error: credentials go through oauthApp
    createBot({ app: { clientId: 'c', clientSecret: 's' } })
  })
})

describe('on: filters narrow the context', () => {
  it('an event name narrows ctx.event to EventOf that name', () => {
    const bot = createBot()
    bot.on('ONIMBOTV2MESSAGEADD', (ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<Filter<Context, 'ONIMBOTV2MESSAGEADD'>>()
      expectTypeOf(ctx).toExtend<Context<V2Message>>()
      expectTypeOf(ctx.event).toEqualTypeOf<V2Message>()
      expectTypeOf(ctx.event.event).toEqualTypeOf<'ONIMBOTV2MESSAGEADD'>()
      expectTypeOf(ctx.event.data).toEqualTypeOf<OnImbotV2MessageAddData>()
      expectTypeOf(ctx.event.data.message.text).toEqualTypeOf<string>()
      // The rest of the context is as it was.
      expectTypeOf(ctx.client).toEqualTypeOf<Client | BaseClient>()
      expectTypeOf(ctx.text).toEqualTypeOf<string | undefined>()
      expectTypeOf(ctx.command).toEqualTypeOf<CommandFact | undefined>()
      expectTypeOf<(typeof ctx)['reply']>().toEqualTypeOf<Context['reply']>()
      // @ts-expect-error: a classic field on a v2 event
      read(ctx.event.data.PARAMS.MESSAGE)
    })
    bot.on('ONIMBOTMESSAGEADD', (ctx) => {
      expectTypeOf(ctx.event).toEqualTypeOf<ClassicMessage>()
      expectTypeOf(ctx.event.data.PARAMS.MESSAGE).toEqualTypeOf<string>()
      // @ts-expect-error: a v2-only field on a classic event
      read(ctx.event.data.message.text)
      // @ts-expect-error: a classic handler never sees a v2 event
      if (ctx.event.event === 'ONIMBOTV2MESSAGEADD') return // eslint-disable-line @typescript-eslint/no-unnecessary-condition -- the comparison is the error
      // @ts-expect-error: not the v2 event
      const v2: V2Message = ctx.event
      return v2
    })
    bot.on('ONAPPUNINSTALL', (ctx) => {
      expectTypeOf(ctx.event.data.CLEAN).toEqualTypeOf<boolean>()
    })
  })

  it('a list of names narrows to the union of their events, discriminated by name', () => {
    const bot = createBot()
    bot.on(['ONIMBOTMESSAGEADD', 'ONIMBOTV2MESSAGEADD'], (ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<Filter<Context, 'ONIMBOTMESSAGEADD' | 'ONIMBOTV2MESSAGEADD'>>()
      expectTypeOf(ctx.event).toEqualTypeOf<ClassicMessage | V2Message>()
      expectTypeOf(ctx.event.event).toEqualTypeOf<'ONIMBOTMESSAGEADD' | 'ONIMBOTV2MESSAGEADD'>()
      // @ts-expect-error: v2-only until narrowed
      read(ctx.event.data.message.text)
      if (ctx.event.event === 'ONIMBOTV2MESSAGEADD') expectTypeOf(ctx.event.data.message.text).toEqualTypeOf<string>()
      else expectTypeOf(ctx.event.data.PARAMS.MESSAGE).toEqualTypeOf<string>()
    })
    const joins = ['ONIMBOTJOINCHAT', 'ONIMBOTV2JOINCHAT'] as const
    bot.on(joins, (ctx) => {
      expectTypeOf(ctx.event).toEqualTypeOf<EventOf<'ONIMBOTJOINCHAT'> | EventOf<'ONIMBOTV2JOINCHAT'>>()
    })
    expectTypeOf<NamedEvent<'ONIMBOTMESSAGEADD' | 'ONIMBOTV2MESSAGEADD'>>().toEqualTypeOf<ClassicMessage | V2Message>()
    expectTypeOf<NamedEvent<'ONIMBOTV2MESSAGEADD'>>().toEqualTypeOf<V2Message>()
  })

  it('a misspelt name is an error', () => {
    const bot = createBot()
    // @ts-expect-error: not an event
    bot.on('ONIMBOTMESAGEADD', () => undefined)
    // @ts-expect-error: one of them is not an event
    bot.on(['ONIMBOTMESSAGEADD', 'ONIMBOTV2MESAGEADD'], () => undefined)
  })

  it('a predicate keeps the context; a type-guard predicate narrows to its type', () => {
    const bot = createBot()
    bot.on(
      (ctx) => ctx.facts.generation === 'v2',
      (ctx) => {
        expectTypeOf(ctx).toEqualTypeOf<Context>()
      },
    )
    const isV2Join = (ctx: Context): ctx is Filter<Context, 'ONIMBOTV2JOINCHAT'> => ctx.event.event === 'ONIMBOTV2JOINCHAT'
    bot.on(isV2Join, (ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<Filter<Context, 'ONIMBOTV2JOINCHAT'>>()
      expectTypeOf(ctx.event.data.dialogId).toEqualTypeOf<string>()
    })
    // A filter kept in a variable is taken as it is, without narrowing.
    const register = (filter: EventFilter) =>
      bot.on(filter, (ctx) => {
        expectTypeOf(ctx).toEqualTypeOf<Context>()
      })
    register(['ONIMBOTMESSAGEADD'])
  })

  it('handlers written on their own fit where their events are routed, and only there', () => {
    const bot = createBot()
    const any: Middleware = () => undefined
    const v2Only: Middleware<Filter<Context, 'ONIMBOTV2MESSAGEADD'>> = (ctx) => ctx.reply(ctx.event.data.message.text)
    const asContext = (ctx: Context<V2Message>): Promise<number> => ctx.reply(ctx.event.data.message.text)
    bot.on('ONIMBOTV2MESSAGEADD', any, v2Only, asContext)
    bot.command('help', any)
    bot.hears(/x/, any)
    // @ts-expect-error: a v2 handler on classic events
    bot.on('ONIMBOTMESSAGEADD', v2Only)
    // @ts-expect-error: a v2 handler on both generations
    bot.on(['ONIMBOTMESSAGEADD', 'ONIMBOTV2MESSAGEADD'], asContext)
    // @ts-expect-error: a v2 handler on every event
    bot.use(v2Only)
  })
})

describe('command and hears narrow the context', () => {
  it('command: a command event, with ctx.command always there', () => {
    const bot = createBot()
    bot.command('help', (ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<CommandContext<Context>>()
      expectTypeOf(ctx.event).toEqualTypeOf<CommandEvent>()
      expectTypeOf<NamedEvent<CommandEventName>>().toEqualTypeOf<CommandEvent>()
      expectTypeOf(ctx.command).toEqualTypeOf<CommandFact>()
      expectTypeOf(ctx.facts.command).toEqualTypeOf<CommandFact>()
      expectTypeOf(ctx.command.params).toEqualTypeOf<string>()
      expectTypeOf(ctx.text).toEqualTypeOf<string | undefined>()
      // @ts-expect-error: the v2 command until narrowed
      read(ctx.event.data.command.command)
      if (ctx.event.event === 'ONIMBOTV2COMMANDADD') expectTypeOf(ctx.event.data.command.command).toEqualTypeOf<string>()
      // @ts-expect-error: no command handler sees a message event
      if (ctx.event.event === 'ONIMBOTMESSAGEADD') return
    })
  })

  it('hears: a new message with ctx.text a string; for a regex, ctx.match its match', () => {
    const bot = createBot()
    bot.hears(/^order (\d+)$/, (ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<HearsContext<Context, RegExp>>()
      expectTypeOf(ctx.event).toEqualTypeOf<ClassicMessage | V2Message>()
      expectTypeOf<NamedEvent<MessageEventName>>().toEqualTypeOf<ClassicMessage | V2Message>()
      expectTypeOf(ctx.text).toEqualTypeOf<string>()
      expectTypeOf(ctx.facts.text).toEqualTypeOf<string>()
      expectTypeOf(ctx.match).toEqualTypeOf<RegExpExecArray>()
      expectTypeOf(ctx.match[1]).toEqualTypeOf<string | undefined>()
      expectTypeOf(ctx.command).toEqualTypeOf<CommandFact | undefined>()
    })
    bot.hears('hi', (ctx) => {
      expectTypeOf(ctx.text).toEqualTypeOf<string>()
      expectTypeOf(ctx.match).toEqualTypeOf<RegExpExecArray | undefined>()
      // @ts-expect-error: a string trigger sets no match
      read(ctx.match[0])
      // @ts-expect-error: hears handlers never see a command event
      if (ctx.event.event === 'ONIMBOTV2COMMANDADD') return
    })
    const trigger = Math.random() > 0.5 ? 'hi' : /hi/
    bot.hears(trigger, (ctx) => {
      expectTypeOf(ctx.text).toEqualTypeOf<string>()
      expectTypeOf(ctx.match).toEqualTypeOf<RegExpExecArray | undefined>()
    })
  })
})

describe('custom contexts and composers', () => {
  type MyContext = Context & { readonly requestId: string }
  class TimedContext extends Context {
    readonly started: number = Date.now()
  }

  it('a custom context keeps its fields through every narrowing', () => {
    const composer: Composer<MyContext> = new Composer()
    composer.use((ctx, next) => {
      expectTypeOf(ctx).toEqualTypeOf<MyContext>()
      return next()
    })
    composer.on('ONIMBOTV2MESSAGEADD', (ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<Filter<MyContext, 'ONIMBOTV2MESSAGEADD'>>()
      expectTypeOf(ctx.requestId).toEqualTypeOf<string>()
      expectTypeOf(ctx.event).toEqualTypeOf<V2Message>()
    })
    composer.command('help', (ctx) => {
      expectTypeOf(ctx.requestId).toEqualTypeOf<string>()
      expectTypeOf(ctx.command).toEqualTypeOf<CommandFact>()
    })
    composer.hears(/x/, (ctx) => {
      expectTypeOf(ctx.requestId).toEqualTypeOf<string>()
      expectTypeOf(ctx.match).toEqualTypeOf<RegExpExecArray>()
    })
    composer.on(
      (ctx) => ctx.requestId !== '',
      (ctx) => {
        expectTypeOf(ctx).toEqualTypeOf<MyContext>()
      },
    )

    const timed: Composer<TimedContext> = new Composer()
    timed.on(['ONIMBOTV2JOINCHAT'], (ctx) => {
      expectTypeOf(ctx.started).toEqualTypeOf<number>()
      expectTypeOf(ctx.event).toEqualTypeOf<EventOf<'ONIMBOTV2JOINCHAT'>>()
      expectTypeOf(ctx).toExtend<TimedContext>()
    })
  })

  it('composers compose: use, compose and middleware() keep the context type', () => {
    const bot = createBot()
    const admin = new Composer()
    admin.command('stats', (ctx) => ctx.answerCommand('42'))
    bot.use(admin, admin.middleware(), compose([admin.middleware()]))
    expectTypeOf(admin.middleware()).toEqualTypeOf<Middleware>()
    expectTypeOf(new Composer<MyContext>().middleware()).toEqualTypeOf<Middleware<MyContext>>()
    // A composer of a context the bot does not make does not fit the bot.
    // @ts-expect-error: the bot's context has no requestId
    bot.use(new Composer<MyContext>())
    // A bot that makes it does: its handlers and its error boundary get it.
    const mine = createBot({ applicationToken: 't', context: (init): MyContext => Object.assign(new Context(init), { requestId: 'r1' }) })
    expectTypeOf(mine).toEqualTypeOf<Bot<MyContext>>()
    mine.use(new Composer<MyContext>())
    mine.on('ONIMBOTV2MESSAGEADD', (ctx) => {
      expectTypeOf(ctx.requestId).toEqualTypeOf<string>()
    })
    mine.catch((error, ctx) => {
      expectTypeOf(error).toEqualTypeOf<BotError>()
      expectTypeOf(ctx).toEqualTypeOf<MyContext>()
    })
    const timedBot = createBot({ context: (init) => new TimedContext(init) })
    timedBot.command('x', (ctx) => {
      expectTypeOf(ctx.started).toEqualTypeOf<number>()
    })
    const outer: Composer<MyContext> = new Composer()
    outer.use(new Composer<MyContext>(), compose<MyContext>([(ctx) => ctx.requestId]))
  })
})

describe('facts', () => {
  it('factsOf and generationOf', () => {
    expectTypeOf(factsOf).parameter(0).toEqualTypeOf<ImbotEvent>()
    expectTypeOf(factsOf).returns.toEqualTypeOf<EventFacts>()
    expectTypeOf<Generation>().toEqualTypeOf<'classic' | 'app' | 'v2' | 'user'>()
    expectTypeOf(generationOf('ONIMBOTV2MESSAGEADD')).toEqualTypeOf<Generation>()
    // Any other string may name no event.
    const fromString = (name: string) => generationOf(name)
    expectTypeOf(fromString).returns.toEqualTypeOf<Generation | undefined>()
  })
})

describe('stores and adapters', () => {
  it('have their shapes', () => {
    expectTypeOf(memoryOffsetStore()).toEqualTypeOf<OffsetStore>()
    expectTypeOf(fileOffsetStore('/tmp/offsets.json')).toEqualTypeOf<OffsetStore>()
    expectTypeOf(memorySessionStore()).toEqualTypeOf<SessionStore>()
    expectTypeOf(toNodeHandler(createBot())).toEqualTypeOf<(req: IncomingMessage, res: ServerResponse) => void>()
    expectTypeOf<PollingOptions['client']>().toEqualTypeOf<Client | BaseClient>()
  })

  it('lock and acquire are optional, so a store of get and set (and delete) still fits', () => {
    expectTypeOf<SessionStore['lock']>().toEqualTypeOf<((key: string) => Promise<() => Promise<void>>) | undefined>()
    expectTypeOf<OffsetStore['acquire']>().toEqualTypeOf<((key: string, ttl: number) => Promise<PollLease | undefined>) | undefined>()
    expectTypeOf<PollLease>().toEqualTypeOf<{ renew(): Promise<boolean>; release(): Promise<void> }>()
    expectTypeOf({ get: () => undefined, set: () => undefined }).toExtend<OffsetStore>()
    expectTypeOf({ get: () => undefined, set: () => undefined, delete: () => undefined }).toExtend<SessionStore>()
    expectTypeOf<PollingOptions['leaseTtl']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<PollingErrorInfo['stage']>().toEqualTypeOf<'poll' | 'store' | 'decode' | 'handle' | 'lease'>()
  })
})
