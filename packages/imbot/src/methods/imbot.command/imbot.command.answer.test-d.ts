import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotCommandAnswer } from './imbot.command.answer.ts'

declare const answer: Binding<typeof imbotCommandAnswer>

describe('imbot.command.answer: binding types', () => {
  it('api.command.answer resolves to the message id or true', () => {
    expectTypeOf(answer).returns.resolves.toEqualTypeOf<number | true>()
    expectTypeOf<Parameters<typeof answer>[0]['COMMAND_ID']>().toEqualTypeOf<number | string | undefined>()
    // @ts-expect-error MESSAGE_ID is required
    void answer({ COMMAND_ID: 99, MESSAGE: 'ok' })
  })
})
