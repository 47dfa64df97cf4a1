import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { paramsOf, resultOf } from '../../../test/descriptors.ts'
import { imbotAppUnregister } from './imbot.app.unregister.ts'

describe('imbot.app.unregister (no fixture: hand-written from the docs example)', () => {
  it('accepts the docs example and needs APP_ID', async () => {
    expect(paramsOf(imbotAppUnregister, { APP_ID: 13 })).toMatchObject({ success: true, output: { APP_ID: 13 } })
    await expectInvalid(imbotAppUnregister, {}, 'APP_ID')
    await expectInvalid(imbotAppUnregister, { APP_ID: '13abc' }, 'APP_ID')
    expect(paramsOf(imbotAppUnregister, { APP_ID: '13' })).toMatchObject({ success: true, output: { APP_ID: 13 } })
  })

  it('resolves to true (hand-written response)', () => {
    expect(resultOf(imbotAppUnregister, true).output).toBe(true)
  })
})
