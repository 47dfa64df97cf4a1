import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotDialogGet } from './imbot.dialog.get.ts'

declare const get: Binding<typeof imbotDialogGet>

describe('imbot.dialog.get: binding types', () => {
  it('api.dialog.get resolves to a chat with a numeric id', () => {
    type Chat = Awaited<ReturnType<typeof get>>
    expectTypeOf<Chat['id']>().toEqualTypeOf<number>()
    expectTypeOf<Chat['manager_list']>().toEqualTypeOf<number[] | undefined>()
    // @ts-expect-error DIALOG_ID is required
    void get({})
  })
})
