import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotV2CommandAnswer } from './imbot.v2.Command.answer.ts'
import type { imbotV2CommandRegister } from './imbot.v2.Command.register.ts'

declare const register: Binding<typeof imbotV2CommandRegister>
declare const answer: Binding<typeof imbotV2CommandAnswer>

describe('api.v2.Command types', () => {
  it('register resolves to { command } and answer to a boolean, not a message id', () => {
    expectTypeOf(register).returns.resolves.toExtend<{
      command: { id: number; botId: number; command: string; common: boolean; hidden: boolean; extranetSupport: boolean }
    }>()
    expectTypeOf(answer).returns.resolves.toEqualTypeOf<boolean>()
    // @ts-expect-error commandId is required
    void answer({ botId: 456, messageId: 789, dialogId: 'chat5', fields: { message: 'Hi' } })
  })
})
