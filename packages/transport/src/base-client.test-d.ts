import { defineMethod, idSchema } from '@b24bot/core'
import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import {
  autoBatching,
  batch,
  createBaseClient,
  createClient,
  formEncoding,
  jsonEncoding,
  paginate,
  type AutoBatching,
  type BodyEncoder,
  type BaseClient,
  type BatchError,
  type Client,
} from './index.ts'

const chatGet = defineMethod({
  method: 'imbot.chat.get',
  params: v.strictObject({ ENTITY_TYPE: v.string(), ENTITY_ID: v.union([v.string(), v.number()]) }),
  result: v.nullable(idSchema),
})
const dealList = defineMethod({
  method: 'crm.deal.list',
  params: v.strictObject({ filter: v.optional(v.record(v.string(), v.string())) }),
  result: v.array(v.object({ ID: v.string() })),
})

declare const base: BaseClient
declare const client: Client

describe('createBaseClient', () => {
  it('makes a client that calls and extends, and takes auto-batching as a piece', async () => {
    expectTypeOf(createBaseClient({ webhookUrl: 'https://x.bitrix24.com/rest/1/s/' })).toEqualTypeOf<BaseClient>()
    expectTypeOf(
      createBaseClient({ webhookUrl: 'u', autoBatch: autoBatching({ window: 5 }) }).extend({ timeout: 1 }),
    ).toEqualTypeOf<BaseClient>()
    expectTypeOf(autoBatching()).toEqualTypeOf<AutoBatching>()
    expectTypeOf(await base.call(chatGet, { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })).toEqualTypeOf<number | null>()
    expectTypeOf(await base.call('imbot.bot.list')).toEqualTypeOf<unknown>()
    // @ts-expect-error autoBatch takes the piece, not its options (those are createClient's)
    createBaseClient({ webhookUrl: 'u', autoBatch: { window: 5 } })
    expectTypeOf(base).not.toHaveProperty('batch')
  })
})

describe('batch(client, ...) and paginate(client, ...)', () => {
  it('type results as client.batch and client.paginate do, for either kind of client', async () => {
    const results = await batch(base, { chat: [chatGet, { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 }], raw: ['imbot.bot.list'] })
    expectTypeOf(results.chat).toEqualTypeOf<number | null | BatchError>()
    expectTypeOf(results.raw).toEqualTypeOf<unknown>()
    // @ts-expect-error ENTITY_ID is required
    void batch(client, { chat: [chatGet, { ENTITY_TYPE: 'OPEN' }] })
    expectTypeOf(paginate(base, dealList, { filter: { STAGE_ID: 'NEW' } }, { fast: true })).toEqualTypeOf<
      AsyncGenerator<{ ID: string }, void, undefined>
    >()
    expectTypeOf(paginate(client, 'crm.lead.list', { select: ['ID'] })).toEqualTypeOf<AsyncGenerator<unknown, void, undefined>>()
    expectTypeOf(createClient).returns.toEqualTypeOf<Client>()
  })
})

describe('encodings', () => {
  it('are encoders for a base client, and strings or encoders for createClient', () => {
    expectTypeOf(formEncoding()).toEqualTypeOf<BodyEncoder>()
    expectTypeOf(jsonEncoding).toEqualTypeOf<BodyEncoder>()
    void createBaseClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/secret/', encoding: formEncoding() })
    // @ts-expect-error a base client takes the encoder, so that the form encoder is bundled only when used
    void createBaseClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/secret/', encoding: 'form' })
    void createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/secret/', encoding: 'form' })
    void createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/secret/', encoding: formEncoding() })
  })
})
