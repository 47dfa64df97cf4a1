import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotCommandRegister } from './imbot.command.register.ts'

declare const register: Binding<typeof imbotCommandRegister>

describe('imbot.command.register: binding types', () => {
  it('api.command.register needs BOT_ID and resolves to the command id', () => {
    type Params = Parameters<typeof register>[0]
    expectTypeOf<Params['BOT_ID']>().toEqualTypeOf<number | string>()
    expectTypeOf<Params['LANG']>().toEqualTypeOf<{ LANGUAGE_ID: string; TITLE: string; PARAMS?: string | undefined }[]>()
    expectTypeOf(register).returns.resolves.toEqualTypeOf<number>()
    // @ts-expect-error BOT_ID is required (no fallback to the application's first bot)
    void register({
      COMMAND: 'echo',
      EVENT_COMMAND_ADD: 'https://bot.example.com/c',
      LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Echo' }],
    })
  })
})
