import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { hash, paramsOf, pathsOf, resultOf } from '../../../test/descriptors.ts'
import { imbotAppUpdate } from './imbot.app.update.ts'

describe('imbot.app.update (no fixture: hand-written from the docs example)', () => {
  const docsExample = { APP_ID: 13, FIELDS: { IFRAME: 'https://marta.bitrix.com/iframe/echo.php', JS_METHOD: 'SEND', JS_PARAM: '/help' } }

  it('accepts the docs example, with its changes nested in FIELDS', () => {
    expect(paramsOf(imbotAppUpdate, docsExample)).toMatchObject({ success: true, output: docsExample })
    expect(paramsOf(imbotAppUpdate, { APP_ID: 13, FIELDS: { HIDDEN: true, HASH: hash }, CLIENT_ID: 'my-bot' }).output).toEqual({
      APP_ID: 13,
      FIELDS: { HIDDEN: 'Y', HASH: hash },
      CLIENT_ID: 'my-bot',
    })
  })

  it('refuses the fields at the top level, where the server does not read them', async () => {
    await expectInvalid(imbotAppUpdate, { APP_ID: 13, IFRAME: 'https://marta.bitrix.com/iframe/echo.php' }, 'IFRAME')
  })

  it.each([
    [{ FIELDS: { HIDDEN: 'Y' } }, 'APP_ID'],
    [{ APP_ID: 13 }, 'FIELDS'],
    [{ APP_ID: 13, FIELDS: {} }, 'FIELDS'],
    [{ APP_ID: 13, FIELDS: { JS_METHOD: 'SEND' } }, 'FIELDS.JS_PARAM'],
    [{ APP_ID: 13, FIELDS: { JS_PARAM: '/help' } }, 'FIELDS.JS_METHOD'],
    [{ APP_ID: 13, FIELDS: { JS_METHOD: 'PUT', JS_PARAM: 'help' } }, 'FIELDS.JS_PARAM'],
    [{ APP_ID: 13, FIELDS: { IFRAME: 'http://marta.bitrix.com/' } }, 'FIELDS.IFRAME'],
    [{ APP_ID: 13, FIELDS: { CONTEXT: 'EVERYWHERE' } }, 'FIELDS.CONTEXT'],
  ])('refuses %j, naming %s', (input, field) => {
    expect(pathsOf(imbotAppUpdate, input)).toContain(field)
  })

  it('resolves to true (hand-written response)', () => {
    expect(resultOf(imbotAppUpdate, true).output).toBe(true)
    expect(resultOf(imbotAppUpdate, 1).success).toBe(false)
  })

  it('takes ids as decimal strings, as webhook-delivered events carry them, and sends numbers (the server intval()s them)', () => {
    expect(paramsOf(imbotAppUpdate, { APP_ID: '13', FIELDS: { HIDDEN: 'Y' } })).toMatchObject({ success: true, output: { APP_ID: 13 } })
  })
})
