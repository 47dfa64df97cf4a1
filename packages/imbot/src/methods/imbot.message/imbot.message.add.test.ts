import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import messageAddExample from '@b24bot/spec-fixtures/examples/imbot.message.add.json' with { type: 'json' }
import { paramsOf, resultOf } from '../../../test/descriptors.ts'
import { imbotMessageAdd } from './imbot.message.add.ts'

describe('imbot.message.add', () => {
  it('sends the documented example, with flags as Y/N', () => {
    expect(paramsOf(imbotMessageAdd, messageAddExample.params)).toMatchObject({
      success: true,
      output: { DIALOG_ID: 'chat123', SYSTEM: 'N' },
    })
    expect(
      paramsOf(imbotMessageAdd, { DIALOG_ID: 5, MESSAGE: 'hi', SYSTEM: true, URL_PREVIEW: false, SKIP_CONNECTOR: true }).output,
    ).toEqual({
      DIALOG_ID: 5,
      MESSAGE: 'hi',
      SYSTEM: 'Y',
      URL_PREVIEW: 'N',
      SKIP_CONNECTOR: 'Y',
    })
  })

  it('needs DIALOG_ID unless FROM_USER_ID and TO_USER_ID are both given', async () => {
    expect(paramsOf(imbotMessageAdd, { FROM_USER_ID: 1, TO_USER_ID: 2, MESSAGE: 'hi' }).success).toBe(true)
    await expectInvalid(imbotMessageAdd, { MESSAGE: 'hi' }, 'DIALOG_ID')
    await expectInvalid(imbotMessageAdd, { FROM_USER_ID: 1, MESSAGE: 'hi' }, 'TO_USER_ID')
    await expectInvalid(imbotMessageAdd, { TO_USER_ID: 2, DIALOG_ID: 'chat1', MESSAGE: 'hi' }, 'FROM_USER_ID')
    await expectInvalid(imbotMessageAdd, { FROM_USER_ID: 0, TO_USER_ID: 2, MESSAGE: 'hi' }, 'FROM_USER_ID')
  })

  it('refuses a missing, blank or over-long MESSAGE, but keeps exactly 20,000 characters', async () => {
    await expectInvalid(imbotMessageAdd, { DIALOG_ID: 'chat1' }, 'MESSAGE')
    await expectInvalid(imbotMessageAdd, { DIALOG_ID: 'chat1', MESSAGE: '' }, 'MESSAGE')
    await expectInvalid(imbotMessageAdd, { DIALOG_ID: 'chat1', MESSAGE: ' \n\t ' }, 'MESSAGE')
    await expectInvalid(imbotMessageAdd, { DIALOG_ID: 'chat1', MESSAGE: 7 }, 'MESSAGE')
    await expectInvalid(imbotMessageAdd, { DIALOG_ID: 'chat1', MESSAGE: 'x'.repeat(20_001) }, 'MESSAGE')
    expect(paramsOf(imbotMessageAdd, { DIALOG_ID: 'chat1', MESSAGE: 'x'.repeat(20_000) }).success).toBe(true)
  })

  it.each([
    [{ DIALOG_ID: 'chat0x', MESSAGE: 'hi' }, 'DIALOG_ID'],
    [{ DIALOG_ID: 0, MESSAGE: 'hi' }, 'DIALOG_ID'],
    [{ DIALOG_ID: 'chat1', MESSAGE: 'hi', BOT_ID: '39abc' }, 'BOT_ID'],
    [{ DIALOG_ID: 'chat1', MESSAGE: 'hi', SYSTEM: 'y' }, 'SYSTEM'],
    [{ DIALOG_ID: 'chat1', MESSAGE: 'hi', CLIENT_ID: '' }, 'CLIENT_ID'],
    [{ DIALOG_ID: 'chat1', MESSAGE: 'hi', CHAT_ID: 1 }, 'CHAT_ID'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotMessageAdd, input, field)
  })

  it('resolves to the message id as a number', () => {
    expect(resultOf(imbotMessageAdd, '19880117')).toMatchObject({ success: true, output: 19880117 })
    expect(resultOf(imbotMessageAdd, true).success).toBe(false)
  })

  it('refuses "N" for ATTACH, KEYBOARD and MENU, which only updates can remove', async () => {
    for (const field of ['ATTACH', 'KEYBOARD', 'MENU']) {
      await expectInvalid(imbotMessageAdd, { DIALOG_ID: 'chat1', MESSAGE: 'hi', [field]: 'N' }, field)
    }
  })

  it('takes ids as decimal strings, as webhook-delivered events carry them, and sends numbers (the server intval()s them)', () => {
    expect(paramsOf(imbotMessageAdd, { BOT_ID: '39', FROM_USER_ID: '1', TO_USER_ID: '1269', MESSAGE: 'hi' })).toMatchObject({
      success: true,
      output: { BOT_ID: 39, FROM_USER_ID: 1, TO_USER_ID: 1269 },
    })
  })
})
