import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotBotList } from './imbot.bot.list.ts'

declare const list: Binding<typeof imbotBotList>

describe('imbot.bot.list: binding types', () => {
  it('api.bot.list needs no params and resolves to a record of bots keyed by id', () => {
    expectTypeOf(list).toBeCallableWith()
    type Bots = Awaited<ReturnType<typeof list>>
    expectTypeOf<keyof Bots>().toEqualTypeOf<number>()
    expectTypeOf<Bots[number]['ID']>().toEqualTypeOf<number>()
    expectTypeOf<Bots[number]['OPENLINE']>().toEqualTypeOf<'Y' | 'N'>()
  })
})
