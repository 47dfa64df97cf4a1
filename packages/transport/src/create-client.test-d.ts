import { defineMethod, idSchema, type CallOptions, type SuccessEnvelope } from '@b24bot/core'
import { methods } from '@b24bot/imbot'
import ky from 'ky'
import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import {
  createClient,
  type CallNext,
  type CallRequest,
  type CallWrap,
  type Client,
  type MethodResult,
  type PageOf,
  type Params,
} from './index.ts'

const chatGet = defineMethod({
  method: 'imbot.chat.get',
  params: v.strictObject({ ENTITY_TYPE: v.string(), ENTITY_ID: v.union([v.string(), v.number()]) }),
  result: v.nullable(
    v.pipe(
      v.object({ ID: idSchema }),
      v.transform((chat) => chat.ID),
    ),
  ),
})
const ping = defineMethod({ method: 'app.ping', params: v.strictObject({ verbose: v.optional(v.boolean()) }), result: v.literal(true) })

declare const client: Client

describe('client.call', () => {
  it('by descriptor: typed params and result', () => {
    expectTypeOf(client.call(chatGet, { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })).toEqualTypeOf<Promise<number | null>>()
    expectTypeOf(client.call(chatGet, { ENTITY_TYPE: 'OPEN', ENTITY_ID: '13' }, { timeout: 1 })).toEqualTypeOf<Promise<number | null>>()
    // @ts-expect-error ENTITY_TYPE is required
    void client.call(chatGet, { ENTITY_ID: 13 })
    // @ts-expect-error params are required when some param is
    void client.call(chatGet)
  })

  it('by descriptor whose params are all optional: params may be left out', () => {
    expectTypeOf(client.call(ping)).toEqualTypeOf<Promise<true>>()
    expectTypeOf(client.call(ping, { verbose: true })).toEqualTypeOf<Promise<true>>()
  })

  it('by name: any params, an unknown result', () => {
    expectTypeOf(client.call('imbot.chat.get', { anything: [1, { deep: true }] })).toEqualTypeOf<Promise<unknown>>()
    expectTypeOf(client.call('imbot.bot.list')).toEqualTypeOf<Promise<unknown>>()
    expectTypeOf<Parameters<Client['extend']>[0]>().toHaveProperty('timeout')
  })

  it('createClient gives a Client, and options take a signal', () => {
    expectTypeOf(createClient).returns.toEqualTypeOf<Client>()
    expectTypeOf<CallOptions>().toHaveProperty('signal').toEqualTypeOf<AbortSignal | undefined>()
  })
})

describe('the wrap seam and the ky option', () => {
  it('a wrap takes the request and next, and resolves to an envelope; it may name secrets', () => {
    const wrap: CallWrap = async (request, next) => {
      expectTypeOf(request).toEqualTypeOf<CallRequest>()
      expectTypeOf(request.params).toEqualTypeOf<Params>()
      expectTypeOf(next).toEqualTypeOf<CallNext>()
      const envelope = await next({ ...request, params: { ...request.params, extra: 1 } })
      expectTypeOf(envelope).toEqualTypeOf<SuccessEnvelope>()
      return envelope
    }
    createClient({ webhookUrl: 'https://p.example/rest/1/s/', use: [wrap, Object.assign(wrap, { secrets: ['s'] })] })
    // @ts-expect-error a wrap returns a promise of an envelope
    createClient({ webhookUrl: 'https://p.example/rest/1/s/', use: [(request: CallRequest) => request] })
  })

  it('takes a ky instance, and no longer a bare fetch', () => {
    createClient({ webhookUrl: 'https://p.example/rest/1/s/', ky: ky.create({ fetch: globalThis.fetch }) })
    // @ts-expect-error give `ky: ky.create({ fetch })`
    createClient({ webhookUrl: 'https://p.example/rest/1/s/', fetch: globalThis.fetch })
  })
})

describe('client.paginate', () => {
  it("yields what the descriptor's paging names: the bots of imbot.v2.Bot.list, the values of imbot.bot.list", () => {
    expectTypeOf<PageOf<(typeof methods)['imbot.v2.Bot.list']>>().toEqualTypeOf<
      MethodResult<(typeof methods)['imbot.v2.Bot.list']>['bots'][number]
    >()
    expectTypeOf(client.paginate(methods['imbot.bot.list'])).toEqualTypeOf<
      AsyncGenerator<MethodResult<(typeof methods)['imbot.bot.list']>[number], void, undefined>
    >()
    expectTypeOf(client.paginate('crm.deal.list')).toEqualTypeOf<AsyncGenerator<unknown, void, undefined>>()
    // @ts-expect-error Event.get cannot be paged: its offset acknowledges events
    void client.paginate(methods['imbot.v2.Event.get'], { botId: 1 })
    // @ts-expect-error the fast mode is for the classic paging
    void client.paginate(methods['imbot.v2.Bot.list'], {}, { fast: true })
    void client.paginate(methods['imbot.v2.Bot.list'], {}, { fast: false })
  })
})
