import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotMessageUpdate } from './imbot.message.update.ts'

declare const update: Binding<typeof imbotMessageUpdate>

describe('imbot.message.update: binding types', () => {
  it('api.message.update resolves to true', () => {
    expectTypeOf(update).returns.resolves.toEqualTypeOf<true>()
    expectTypeOf<Parameters<typeof update>[0]['MESSAGE']>().toEqualTypeOf<string | undefined>()
    // @ts-expect-error MESSAGE_ID is required
    void update({ MESSAGE: 'edited' })
  })
})
