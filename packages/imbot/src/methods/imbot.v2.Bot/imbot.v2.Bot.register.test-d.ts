import type { CallOptions } from '@b24bot/core'
import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotV2BotRegister } from './imbot.v2.Bot.register.ts'

declare const register: Binding<typeof imbotV2BotRegister>

describe('api.v2.Bot.register types', () => {
  it('takes nested fields and resolves to { bot, users } with numeric ids', () => {
    expectTypeOf(register).parameter(0).toHaveProperty('fields').toHaveProperty('code').toEqualTypeOf<string>()
    expectTypeOf(register)
      .parameter(0)
      .toHaveProperty('fields')
      .toHaveProperty('eventMode')
      .toEqualTypeOf<'fetch' | 'webhook' | undefined>()
    expectTypeOf(register).parameter(1).toEqualTypeOf<CallOptions | undefined>()
    expectTypeOf(register).returns.resolves.toHaveProperty('bot').toHaveProperty('id').toEqualTypeOf<number>()
    expectTypeOf(register).returns.resolves.toHaveProperty('users').items.toHaveProperty('id').toEqualTypeOf<number>()
  })

  it('refuses a registration without a code or a name', () => {
    // @ts-expect-error fields.code is required
    void register({ fields: { properties: { name: 'Bot' } } })
    // @ts-expect-error fields.properties.name is required
    void register({ fields: { code: 'bot', properties: {} } })
  })
})
