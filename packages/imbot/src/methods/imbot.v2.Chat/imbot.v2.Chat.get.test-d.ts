import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotV2ChatGet } from './imbot.v2.Chat.get.ts'

declare const get: Binding<typeof imbotV2ChatGet>

describe('api.v2.Chat.get types', () => {
  it('resolves to { chat } with the quirks normalized', () => {
    expectTypeOf(get).parameter(0).toHaveProperty('botId').toEqualTypeOf<number | string>()
    expectTypeOf(get).returns.resolves.toHaveProperty('chat').toHaveProperty('id').toEqualTypeOf<number>()
    expectTypeOf(get).returns.resolves.toHaveProperty('chat').toHaveProperty('textFieldEnabled').toEqualTypeOf<boolean | undefined>()
    expectTypeOf(get).returns.resolves.toHaveProperty('chat').toHaveProperty('parentChatId').toEqualTypeOf<number | null | undefined>()
  })

  it('refuses a call without dialogId', () => {
    // @ts-expect-error dialogId is required
    void get({ botId: 456 })
  })
})
