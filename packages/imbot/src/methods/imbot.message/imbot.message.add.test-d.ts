import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotMessageAdd } from './imbot.message.add.ts'

declare const add: Binding<typeof imbotMessageAdd>

describe('imbot.message.add: binding types', () => {
  it('api.message.add takes the documented params and resolves to the message id', () => {
    type Params = Parameters<typeof add>[0]
    expectTypeOf<Params['MESSAGE']>().toEqualTypeOf<string>()
    expectTypeOf<Params['DIALOG_ID']>().toEqualTypeOf<string | number | undefined>()
    expectTypeOf<Params['SYSTEM']>().toEqualTypeOf<'Y' | 'N' | boolean | undefined>()
    expectTypeOf(add).returns.resolves.toEqualTypeOf<number>()
    // @ts-expect-error MESSAGE is required
    void add({ DIALOG_ID: 'chat1' })
    // @ts-expect-error MESSAGE_ID is not a param of message.add
    void add({ DIALOG_ID: 'chat1', MESSAGE: 'hi', MESSAGE_ID: 1 })
  })
})
