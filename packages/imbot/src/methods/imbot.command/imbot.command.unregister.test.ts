import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { paramsOf, resultOf } from '../../../test/descriptors.ts'
import { imbotCommandUnregister } from './imbot.command.unregister.ts'

describe('imbot.command.unregister', () => {
  it('unregister needs COMMAND_ID and takes no BOT_ID', async () => {
    await expectInvalid(imbotCommandUnregister, {}, 'COMMAND_ID')
    await expectInvalid(imbotCommandUnregister, { COMMAND_ID: 99, BOT_ID: 39 }, 'BOT_ID')
    expect(resultOf(imbotCommandUnregister, true).output).toBe(true)
  })

  it('takes ids as decimal strings, as webhook-delivered events carry them, and sends numbers (the server intval()s them)', () => {
    expect(paramsOf(imbotCommandUnregister, { COMMAND_ID: '99' })).toMatchObject({ success: true, output: { COMMAND_ID: 99 } })
  })
})
