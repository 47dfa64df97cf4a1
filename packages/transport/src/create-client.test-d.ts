import { defineMethod, idSchema, type CallOptions } from '@b24bot/core'
import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { createClient, type Client } from './index.ts'

const chatGet = defineMethod({
  method: 'imbot.chat.get',
  params: v.strictObject({ ENTITY_TYPE: v.string(), ENTITY_ID: v.union([v.string(), v.number()]) }),
  result: v.nullable(v.pipe(v.object({ ID: idSchema }), v.transform((chat) => chat.ID))),
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
