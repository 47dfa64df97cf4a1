import { describe, expectTypeOf, it } from 'vitest'
import type { ImbotApi } from '../../api.ts'
import type { ReactionCode } from '../../schemas/v2-messages.ts'

declare const api: ImbotApi

describe('api.v2.Chat.Message.send types', () => {
  it('takes botId, dialogId and fields, and resolves to { id, uuidMap }', () => {
    type Params = Parameters<typeof api.v2.Chat.Message.send>[0]
    expectTypeOf<Params['botId']>().toEqualTypeOf<number | string>()
    expectTypeOf<Params['dialogId']>().toEqualTypeOf<string | number>()
    expectTypeOf<Params['fields']['message']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<Params['fields']['system']>().toEqualTypeOf<boolean | 'Y' | 'N' | undefined>()
    expectTypeOf<Params['fields']['forwardIds']>().toEqualTypeOf<Record<string, number> | undefined>()
    expectTypeOf(api.v2.Chat.Message.send).returns.resolves.toExtend<{ id: number; uuidMap: Record<string, number> }>()
  })

  it('refuses calls that miss a required param', () => {
    // @ts-expect-error dialogId is required
    void api.v2.Chat.Message.send({ botId: 456, fields: { message: 'Hi' } })
    // @ts-expect-error fields is required (an empty message is refused by the server)
    void api.v2.Chat.Message.send({ botId: 456, dialogId: 'chat5' })
    // @ts-expect-error botId is an id, not a boolean
    void api.v2.Chat.Message.send({ botId: true, dialogId: 'chat5', fields: { message: 'Hi' } })
  })
})

describe('api.v2.Chat.Message.Reaction.add types', () => {
  it('suggests the documented codes and still takes any string', () => {
    type Reaction = Parameters<typeof api.v2.Chat.Message.Reaction.add>[0]['reaction']
    expectTypeOf<ReactionCode>().toExtend<Reaction>()
    expectTypeOf<'like'>().toExtend<Reaction>()
    expectTypeOf<string>().toExtend<Reaction>()
    expectTypeOf(api.v2.Chat.Message.Reaction.add).returns.resolves.toEqualTypeOf<boolean>()
    // @ts-expect-error reaction is required
    void api.v2.Chat.Message.Reaction.add({ botId: 456, messageId: 789 })
  })
})

describe('api.v2.Command types', () => {
  it('register resolves to { command } and answer to a boolean, not a message id', () => {
    expectTypeOf(api.v2.Command.register).returns.resolves.toExtend<{
      command: { id: number; botId: number; command: string; common: boolean; hidden: boolean; extranetSupport: boolean }
    }>()
    expectTypeOf(api.v2.Command.answer).returns.resolves.toEqualTypeOf<boolean>()
    // @ts-expect-error commandId is required
    void api.v2.Command.answer({ botId: 456, messageId: 789, dialogId: 'chat5', fields: { message: 'Hi' } })
  })
})

describe('api.v2.Event.get and api.im.v2.Event.get types', () => {
  it('take optional offset/limit and resolve to { events, nextOffset, hasMore }', () => {
    type Batch = Awaited<ReturnType<typeof api.im.v2.Event.get>>
    expectTypeOf<Batch['nextOffset']>().toEqualTypeOf<number>()
    expectTypeOf<Batch['hasMore']>().toEqualTypeOf<boolean>()
    expectTypeOf<Batch['events'][number]>().toExtend<{ eventId: number; type: string; date: string; data: Record<string, unknown> }>()
    expectTypeOf(api.v2.Event.get).returns.resolves.toEqualTypeOf<Batch>()
    void api.im.v2.Event.get()
    void api.im.v2.Event.subscribe()
    void api.v2.Revision.get()
    // @ts-expect-error botId is required on imbot.v2.Event.get
    void api.v2.Event.get({ offset: 1000 })
  })
})
