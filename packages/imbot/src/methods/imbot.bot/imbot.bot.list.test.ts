import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { resultOf, roundTrip } from '../../../test/descriptors.ts'
import { imbotBotList } from './imbot.bot.list.ts'

describe('imbot.bot.list', () => {
  it('takes no params', async () => {
    await expectInvalid(imbotBotList, { CLIENT_ID: 'x' }, 'CLIENT_ID')
  })

  it('normalizes the record: numeric-string ids become numbers, unknown fields stay', () => {
    const raw = {
      '39': { ID: '39', NAME: 'NewBot', CODE: 'newbot', OPENLINE: 'N' },
      '41': { ID: 41, NAME: 'Lines', CODE: 'lines', OPENLINE: 'Y', TYPE: 'O' },
    }
    const parsed = resultOf(imbotBotList, raw)
    expect(parsed.success).toBe(true)
    expect(parsed.output).toEqual({
      39: { ID: 39, NAME: 'NewBot', CODE: 'newbot', OPENLINE: 'N' },
      41: { ID: 41, NAME: 'Lines', CODE: 'lines', OPENLINE: 'Y', TYPE: 'O' },
    })
  })

  it('reads the PHP empty array as an empty record', async () => {
    await expect(roundTrip(imbotBotList, undefined, [])).resolves.toEqual({ sent: {}, resolved: {} })
  })

  it.each([[{ abc: { ID: 1, NAME: 'a', CODE: 'a', OPENLINE: 'N' } }], [{ 39: { ID: 39, NAME: 'a' } }], [[1]], [null], [true]])(
    'refuses %j',
    (raw) => {
      expect(resultOf(imbotBotList, raw).success).toBe(false)
    },
  )
})
