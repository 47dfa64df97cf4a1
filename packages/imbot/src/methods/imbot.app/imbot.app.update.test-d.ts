import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotAppUpdate } from './imbot.app.update.ts'

declare const update: Binding<typeof imbotAppUpdate>

describe('imbot.app.update: binding types', () => {
  it('api.app.update takes its changes in FIELDS and resolves to true', () => {
    type Fields = Parameters<typeof update>[0]['FIELDS']
    expectTypeOf<Fields['JS_METHOD']>().toEqualTypeOf<'PUT' | 'SEND' | 'CALL' | 'SUPPORT' | undefined>()
    expectTypeOf(update).returns.resolves.toEqualTypeOf<true>()
    // @ts-expect-error the changes go in FIELDS, not at the top level
    void update({ APP_ID: 13, IFRAME: 'https://bot.example.com/app' })
  })
})
