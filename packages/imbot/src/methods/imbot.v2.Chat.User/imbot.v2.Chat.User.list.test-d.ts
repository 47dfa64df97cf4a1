import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotV2ChatUserList } from './imbot.v2.Chat.User.list.ts'

declare const list: Binding<typeof imbotV2ChatUserList>

describe('api.v2.Chat.User.list types', () => {
  it('resolves to a bare array of users', () => {
    expectTypeOf(list).parameter(0).toHaveProperty('limit').toEqualTypeOf<number | undefined>()
    expectTypeOf(list).returns.resolves.toBeArray()
    expectTypeOf(list).returns.resolves.items.toHaveProperty('id').toEqualTypeOf<number>()
  })

  it('refuses a call without botId', () => {
    // @ts-expect-error botId is required
    void list({ dialogId: 'chat5' })
  })
})
