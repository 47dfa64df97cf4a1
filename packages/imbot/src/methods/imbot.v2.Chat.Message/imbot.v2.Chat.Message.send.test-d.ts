import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotV2ChatMessageSend } from './imbot.v2.Chat.Message.send.ts'

declare const send: Binding<typeof imbotV2ChatMessageSend>

describe('api.v2.Chat.Message.send types', () => {
  it('takes botId, dialogId and fields, and resolves to { id, uuidMap }', () => {
    type Params = Parameters<typeof send>[0]
    expectTypeOf<Params['botId']>().toEqualTypeOf<number | string>()
    expectTypeOf<Params['dialogId']>().toEqualTypeOf<string | number>()
    expectTypeOf<Params['fields']['message']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<Params['fields']['system']>().toEqualTypeOf<boolean | 'Y' | 'N' | undefined>()
    expectTypeOf<Params['fields']['forwardIds']>().toEqualTypeOf<Record<string, number> | undefined>()
    expectTypeOf(send).returns.resolves.toExtend<{ id: number; uuidMap: Record<string, number> }>()
  })

  it('refuses calls that miss a required param', () => {
    // @ts-expect-error dialogId is required
    void send({ botId: 456, fields: { message: 'Hi' } })
    // @ts-expect-error fields is required (an empty message is refused by the server)
    void send({ botId: 456, dialogId: 'chat5' })
    // @ts-expect-error botId is an id, not a boolean
    void send({ botId: true, dialogId: 'chat5', fields: { message: 'Hi' } })
  })
})
