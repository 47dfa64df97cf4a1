import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotV2ChatLeave } from './imbot.v2.Chat.leave.ts'

declare const leave: Binding<typeof imbotV2ChatLeave>

describe('api.v2.Chat.leave types', () => {
  it('resolves a v2 action to a boolean', () => {
    expectTypeOf(leave).returns.resolves.toEqualTypeOf<boolean>()
  })
})
