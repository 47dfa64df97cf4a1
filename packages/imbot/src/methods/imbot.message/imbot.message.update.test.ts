import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { paramsOf, resultOf } from '../../../test/descriptors.ts'
import { imbotMessageUpdate } from './imbot.message.update.ts'

describe('imbot.message.update', () => {
  it('accepts a lone MESSAGE_ID, and "N" or "" to remove ATTACH, KEYBOARD and MENU', () => {
    expect(paramsOf(imbotMessageUpdate, { MESSAGE_ID: 1 }).success).toBe(true)
    for (const removal of ['N', '']) {
      expect(paramsOf(imbotMessageUpdate, { MESSAGE_ID: 1, ATTACH: removal, KEYBOARD: removal, MENU: removal })).toMatchObject({
        success: true,
        output: { ATTACH: removal, KEYBOARD: removal, MENU: removal },
      })
    }
  })

  it('names the nested field of a bad keyboard, attachment or menu', async () => {
    await expectInvalid(imbotMessageUpdate, { MESSAGE_ID: 1, KEYBOARD: [{ TEXT: 'Open', LINK: 'ftp://x' }] }, 'KEYBOARD[0].LINK')
    await expectInvalid(imbotMessageUpdate, { MESSAGE_ID: 1, MENU: { ITEMS: [{ LINK: 'https://example.com' }] } }, 'MENU.ITEMS[0].TEXT')
    await expectInvalid(imbotMessageUpdate, { MESSAGE_ID: 1, MENU: { ITEMS: [{ TEXT: 'Go' }] } }, 'MENU.ITEMS[0]')
  })

  it('refuses an empty MESSAGE, which would delete the message', async () => {
    await expectInvalid(imbotMessageUpdate, { MESSAGE_ID: 1, MESSAGE: '' }, 'MESSAGE')
    await expectInvalid(imbotMessageUpdate, { MESSAGE_ID: 1, MESSAGE: '  ' }, 'MESSAGE')
    expect(paramsOf(imbotMessageUpdate, { MESSAGE_ID: 1, MESSAGE: '' }).issues?.[0]?.message).toMatch(/delete/)
  })

  it('refuses a MESSAGE over 20,000 characters', async () => {
    await expectInvalid(imbotMessageUpdate, { MESSAGE_ID: 1, MESSAGE: 'x'.repeat(20_001) }, 'MESSAGE')
  })

  it.each([
    [{}, 'MESSAGE_ID'],
    [{ MESSAGE_ID: 0 }, 'MESSAGE_ID'],
    [{ MESSAGE_ID: '5x' }, 'MESSAGE_ID'],
    [{ MESSAGE_ID: '0' }, 'MESSAGE_ID'],
    [{ MESSAGE_ID: 1, URL_PREVIEW: 'no' }, 'URL_PREVIEW'],
    [{ MESSAGE_ID: 1, SYSTEM: 'Y' }, 'SYSTEM'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotMessageUpdate, input, field)
  })

  it('resolves to true', () => {
    expect(resultOf(imbotMessageUpdate, true)).toMatchObject({ success: true, output: true })
    expect(resultOf(imbotMessageUpdate, false).success).toBe(false)
  })

  it('takes ids as decimal strings, as webhook-delivered events carry them, and sends numbers (the server intval()s them)', () => {
    expect(paramsOf(imbotMessageUpdate, { BOT_ID: '39', MESSAGE_ID: '19880117', MESSAGE: 'hi' })).toMatchObject({
      success: true,
      output: { BOT_ID: 39, MESSAGE_ID: 19880117 },
    })
  })
})
