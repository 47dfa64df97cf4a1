import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { hash, paramsOf, pathsOf, resultOf } from '../../../test/descriptors.ts'
import { imbotAppRegister } from './imbot.app.register.ts'

const appLang = [{ LANGUAGE_ID: 'en', TITLE: 'Help', DESCRIPTION: 'Send /help' }]

describe('imbot.app.register (no fixture: hand-written from the docs and the server)', () => {
  const jsApp = { BOT_ID: 62, CODE: 'echo', JS_METHOD: 'SEND', JS_PARAM: '/help', LANG: appLang }
  const iframeApp = {
    BOT_ID: 62,
    CODE: 'echo',
    IFRAME: 'https://marta.bitrix.com/iframe/echo.php',
    IFRAME_WIDTH: '350',
    IFRAME_HEIGHT: 150,
    HASH: hash,
    ICON_FILE: 'iVBORw0KGgo=',
    CONTEXT: 'BOT',
    HIDDEN: 'N',
    EXTRANET_SUPPORT: false,
    LIVECHAT_SUPPORT: 'N',
    IFRAME_POPUP: 'N',
    LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Echobot IFRAME', DESCRIPTION: 'Open Echobot IFRAME app', COPYRIGHT: 'Bitrix24' }],
    CLIENT_ID: 'my-bot',
  }

  it('accepts the docs examples: a JS command app and an iframe app', () => {
    expect(paramsOf(imbotAppRegister, jsApp)).toMatchObject({ success: true, output: jsApp })
    expect(paramsOf(imbotAppRegister, iframeApp)).toMatchObject({ success: true, output: { ...iframeApp, EXTRANET_SUPPORT: 'N' } })
    expect(paramsOf(imbotAppRegister, { ...jsApp, JS_METHOD: 'CALL', JS_PARAM: '+1 555 0100' }).success).toBe(true)
    expect(paramsOf(imbotAppRegister, { ...jsApp, JS_METHOD: 'SUPPORT', JS_PARAM: hash }).success).toBe(true)
    expect(paramsOf(imbotAppRegister, { ...jsApp, ICON_FILE: ['icon.png', 'iVBORw0KGgo='] }).success).toBe(true)
  })

  it.each([
    [{ ...jsApp, BOT_ID: undefined }, 'BOT_ID'],
    [{ ...jsApp, CODE: '' }, 'CODE'],
    [{ ...jsApp, LANG: undefined }, 'LANG'],
    [{ ...jsApp, LANG: [] }, 'LANG'],
    [{ ...jsApp, JS_METHOD: undefined }, 'JS_METHOD'],
    [{ ...jsApp, JS_PARAM: undefined }, 'JS_PARAM'],
    [{ ...jsApp, JS_METHOD: 'OPEN' }, 'JS_METHOD'],
    [{ ...jsApp, JS_PARAM: 'help' }, 'JS_PARAM'],
    [{ ...jsApp, JS_PARAM: '/h' }, 'JS_PARAM'],
    [{ ...jsApp, JS_METHOD: 'SUPPORT', JS_PARAM: 'line-1' }, 'JS_PARAM'],
    [{ BOT_ID: 62, CODE: 'echo', LANG: appLang }, 'JS_METHOD'],
    [{ ...iframeApp, HASH: undefined }, 'HASH'],
    [{ ...iframeApp, HASH: `${hash}x` }, 'HASH'],
    [{ ...iframeApp, IFRAME: 'http://marta.bitrix.com/iframe' }, 'IFRAME'],
    [{ ...iframeApp, IFRAME: 'HTTPS://marta.bitrix.com/iframe' }, 'IFRAME'],
    [{ ...iframeApp, IFRAME_WIDTH: 0 }, 'IFRAME_WIDTH'],
    [{ ...iframeApp, IFRAME_HEIGHT: '50px' }, 'IFRAME_HEIGHT'],
    [{ ...iframeApp, CONTEXT: 'bot' }, 'CONTEXT'],
    [{ ...iframeApp, LANG: [{ LANGUAGE_ID: 'en' }] }, 'LANG.0.TITLE'],
  ])('refuses %j, naming %s', (input, field) => {
    expect(pathsOf(imbotAppRegister, input)).toContain(field)
  })

  it('reports through the client without a request', async () => {
    await expectInvalid(imbotAppRegister, { BOT_ID: 62, CODE: 'echo', LANG: appLang }, 'JS_METHOD')
  })

  it('resolves to the app id as a number (hand-written response)', () => {
    expect(resultOf(imbotAppRegister, 13).output).toBe(13)
    expect(resultOf(imbotAppRegister, '13').output).toBe(13)
    expect(resultOf(imbotAppRegister, true).success).toBe(false)
  })

  it('takes ids as decimal strings, as webhook-delivered events carry them, and sends numbers (the server intval()s them)', () => {
    expect(paramsOf(imbotAppRegister, { BOT_ID: '39', CODE: 'echo', JS_METHOD: 'SEND', JS_PARAM: '/help', LANG: appLang })).toMatchObject({
      success: true,
      output: { BOT_ID: 39 },
    })
  })
})
