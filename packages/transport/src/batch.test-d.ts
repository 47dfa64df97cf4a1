import { defineMethod, idSchema } from '@b24bot/core'
import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { ref, type BatchError, type BatchReference, type Client, type PageItem } from './index.ts'

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
const messageAdd = defineMethod({
  method: 'imbot.message.add',
  params: v.strictObject({ DIALOG_ID: v.string(), MESSAGE: v.string(), BOT_ID: v.optional(v.number()) }),
  result: idSchema,
})
const botList = defineMethod({
  method: 'imbot.bot.list',
  params: v.strictObject({}),
  result: v.record(v.string(), v.object({ ID: v.number() })),
})
const dealList = defineMethod({
  method: 'crm.deal.list',
  params: v.strictObject({ filter: v.optional(v.record(v.string(), v.string())) }),
  result: v.array(v.object({ ID: v.string() })),
})

declare const client: Client

describe('client.batch', () => {
  it('types each key: the descriptor result, or unknown for a method name, each or a BatchError', async () => {
    const results = await client.batch({
      chat: [chatGet, { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 }],
      hello: [messageAdd, { DIALOG_ID: 'chat5', MESSAGE: 'hi' }],
      raw: ['imbot.bot.list'],
      bots: [botList],
    })
    expectTypeOf(results.chat).toEqualTypeOf<number | null | BatchError>()
    expectTypeOf(results.hello).toEqualTypeOf<number | BatchError>()
    expectTypeOf(results.raw).toEqualTypeOf<unknown>()
    expectTypeOf(results.bots).toEqualTypeOf<Record<string, { ID: number }> | BatchError>()
    expectTypeOf(results).not.toHaveProperty('other')
  })

  it('checks params against the descriptor, references allowed wherever a value goes', () => {
    void client.batch({
      chat: [chatGet, { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 }],
      hello: [messageAdd, { DIALOG_ID: `chat${ref('chat')}`, MESSAGE: 'hi', BOT_ID: ref('bot', 'ID') }],
    })
    // @ts-expect-error MESSAGE is required
    void client.batch({ hello: [messageAdd, { DIALOG_ID: 'chat5' }] })
    // @ts-expect-error BOT_ID is a number or a reference, not any string
    void client.batch({ hello: [messageAdd, { DIALOG_ID: 'chat5', MESSAGE: 'hi', BOT_ID: 'five' }] })
    // @ts-expect-error params are required when some param is
    void client.batch({ chat: [chatGet] })
    void client.batch({ bots: [botList] }, { halt: true, signal: AbortSignal.timeout(1_000) })
  })

  it('ref builds a typed $result reference', () => {
    expectTypeOf(ref('chat', 'ID')).toEqualTypeOf<BatchReference<'chat'>>()
    expectTypeOf(ref('chat')).toExtend<string>()
  })
})

describe('client.paginate', () => {
  it('yields the items of a described list, or unknown by name', () => {
    expectTypeOf(client.paginate(dealList, { filter: { STAGE_ID: 'NEW' } }, { fast: true })).toEqualTypeOf<
      AsyncGenerator<{ ID: string }, void, undefined>
    >()
    expectTypeOf(client.paginate(botList)).toEqualTypeOf<AsyncGenerator<{ ID: number }, void, undefined>>()
    expectTypeOf(client.paginate('crm.lead.list', { select: ['ID'] })).toEqualTypeOf<AsyncGenerator<unknown, void, undefined>>()
    expectTypeOf<PageItem<{ items: { ID: number }[] }>>().toEqualTypeOf<{ ID: number }>()
    // @ts-expect-error the filter values are strings
    void client.paginate(dealList, { filter: { STAGE_ID: 1 } })
  })
})
