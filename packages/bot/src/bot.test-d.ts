import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ImbotApi, ImbotEvent } from '@b24bot/imbot'
import type { Client } from '@b24bot/transport'
import { describe, expectTypeOf, it } from 'vitest'
import {
  createBot,
  fileOffsetStore,
  memoryOffsetStore,
  memorySessionStore,
  toNodeHandler,
  type Bot,
  type CommandFact,
  type Composer,
  type Context,
  type Middleware,
  type OffsetStore,
  type PollingOptions,
  type SessionStore,
} from './index.ts'

describe('the public types of @b24bot/bot', () => {
  it('createBot gives a Bot, which is a Composer', () => {
    const bot = createBot({ applicationToken: 't', session: memorySessionStore() })
    expectTypeOf(bot).toEqualTypeOf<Bot>()
    expectTypeOf(bot).toExtend<Composer>()
    expectTypeOf<Bot['fetch']>().toEqualTypeOf<(request: Request) => Promise<Response>>()
    expectTypeOf<Bot['handle']>().returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf<Bot['start']>().parameter(0).toEqualTypeOf<PollingOptions>()
    expectTypeOf<Bot['start']>().returns.toEqualTypeOf<Promise<void>>()
  })

  it('handlers get a typed context', () => {
    const bot = createBot()
    bot.on('ONIMBOTV2MESSAGEADD', (ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<Context>()
      expectTypeOf(ctx.event).toEqualTypeOf<ImbotEvent>()
      expectTypeOf(ctx.api).toEqualTypeOf<ImbotApi>()
      expectTypeOf(ctx.command).toEqualTypeOf<CommandFact | undefined>()
      expectTypeOf<Context['reply']>().returns.toEqualTypeOf<Promise<number>>()
      expectTypeOf<Context['answerCommand']>().returns.toEqualTypeOf<Promise<void>>()
      expectTypeOf(ctx.session).toEqualTypeOf<Record<string, unknown>>()
    })
    // Filters are event names, lists of them, or predicates; a misspelt name is an error.
    bot.on(['ONIMBOTJOINCHAT', 'ONIMBOTV2JOINCHAT'], () => undefined)
    bot.on((ctx) => ctx.facts.generation === 'v2', () => undefined)
    // @ts-expect-error: not an event
    bot.on('ONIMBOTMESAGEADD', () => undefined)
    bot.hears(/order (\d+)/, (ctx) => {
      expectTypeOf(ctx.match).toEqualTypeOf<RegExpExecArray | undefined>()
    })
    expectTypeOf<Middleware>().parameters.toEqualTypeOf<[Context, () => Promise<void>]>()
  })

  it('stores and adapters have their shapes', () => {
    expectTypeOf(memoryOffsetStore()).toEqualTypeOf<OffsetStore>()
    expectTypeOf(fileOffsetStore('/tmp/offsets.json')).toEqualTypeOf<OffsetStore>()
    expectTypeOf(memorySessionStore()).toEqualTypeOf<SessionStore>()
    expectTypeOf(toNodeHandler(createBot())).toEqualTypeOf<(req: IncomingMessage, res: ServerResponse) => void>()
    expectTypeOf<PollingOptions['client']>().toEqualTypeOf<Client>()
  })
})
