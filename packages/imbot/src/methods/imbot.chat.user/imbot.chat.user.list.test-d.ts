import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotChatUserList } from './imbot.chat.user.list.ts'

declare const list: Binding<typeof imbotChatUserList>

describe('imbot.chat.user.list: binding types', () => {
  it('api.chat.user.list resolves to numbers', () => {
    expectTypeOf(list).returns.resolves.toEqualTypeOf<number[]>()
  })
})
