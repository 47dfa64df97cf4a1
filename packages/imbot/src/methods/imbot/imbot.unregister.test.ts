import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { resultOf, roundTrip } from '../../../test/descriptors.ts'
import { imbotUnregister } from './imbot.unregister.ts'

describe('imbot.unregister', () => {
  it('requires a positive integer BOT_ID', async () => {
    await expectInvalid(imbotUnregister, {}, 'BOT_ID')
    await expectInvalid(imbotUnregister, { BOT_ID: '39abc' }, 'BOT_ID')
    await expectInvalid(imbotUnregister, { BOT_ID: '0' }, 'BOT_ID')
    await expectInvalid(imbotUnregister, { BOT_ID: 0 }, 'BOT_ID')
    await expectInvalid(imbotUnregister, { BOT_ID: 39, CLIENT_ID: '' }, 'CLIENT_ID')
  })

  it('resolves to true', async () => {
    await expect(roundTrip(imbotUnregister, { BOT_ID: 39 }, true)).resolves.toEqual({ sent: { BOT_ID: 39 }, resolved: true })
    expect(resultOf(imbotUnregister, false).success).toBe(false)
  })
})
