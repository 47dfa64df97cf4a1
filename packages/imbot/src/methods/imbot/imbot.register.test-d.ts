import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { CLASSIC_COLORS } from '../../schemas/classic-bots.ts'
import type { imbotRegister } from './imbot.register.ts'

declare const register: Binding<typeof imbotRegister>

describe('imbot.register: binding types', () => {
  it('api.register takes the handlers and a nested PROPERTIES, and resolves to the bot id', () => {
    type Params = Parameters<typeof register>[0]
    expectTypeOf<Params['CODE']>().toEqualTypeOf<string>()
    expectTypeOf<Params['TYPE']>().toEqualTypeOf<'B' | 'O' | 'H' | 'S' | undefined>()
    expectTypeOf<Params['OPENLINE']>().toEqualTypeOf<'Y' | 'N' | boolean | undefined>()
    expectTypeOf<Params['PROPERTIES']['PERSONAL_GENDER']>().toEqualTypeOf<'M' | 'F' | undefined>()
    expectTypeOf<Params['PROPERTIES']['COLOR']>().toEqualTypeOf<(typeof CLASSIC_COLORS)[number] | undefined>()
    expectTypeOf(register).returns.resolves.toEqualTypeOf<number>()
    // @ts-expect-error PROPERTIES is required
    void register({ CODE: 'support', EVENT_HANDLER: 'https://bot.example.com/events' })
    // @ts-expect-error ORANGE is not a colour the portal accepts
    void register({ CODE: 'support', EVENT_HANDLER: 'https://bot.example.com/events', PROPERTIES: { NAME: 'A', COLOR: 'ORANGE' } })
  })
})
