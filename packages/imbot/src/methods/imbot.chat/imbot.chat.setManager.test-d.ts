import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotChatSetManager } from './imbot.chat.setManager.ts'

declare const setManager: Binding<typeof imbotChatSetManager>

describe('imbot.chat.setManager: binding types', () => {
  it('api.chat.setManager takes CHAT_ID or DIALOG_ID and a required USER_ID; resolves to true', () => {
    type Params = Parameters<typeof setManager>[0]
    expectTypeOf<Params['CHAT_ID']>().toEqualTypeOf<number | string | undefined>()
    expectTypeOf<Params['DIALOG_ID']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<Params['USER_ID']>().toEqualTypeOf<number | string>()
    expectTypeOf(setManager).returns.resolves.toEqualTypeOf<true>()
    // @ts-expect-error USER_ID is required
    void setManager({ CHAT_ID: 2725 })
  })
})
