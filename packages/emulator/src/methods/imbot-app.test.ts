import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sdkCaller } from '../../test/sdk-call.ts'
import { startEmulator, type Emulator } from '../start-emulator.ts'

let emulator: Emulator
let botId: number
beforeEach(async () => {
  emulator = await startEmulator()
  botId = emulator.portal.createBot({ appId: 'customshop', code: 'echo' }).id
})
afterEach(async () => {
  await emulator.close()
})

const call = sdkCaller(() => emulator, { CLIENT_ID: 'shop' })
const lang = [{ LANGUAGE_ID: 'en', TITLE: 'Echobot IFRAME', DESCRIPTION: 'Open Echobot IFRAME app' }]
const iframeApp = () => ({
  BOT_ID: botId,
  CODE: 'echo',
  IFRAME: 'https://marta.example.com/iframe/echo.php',
  HASH: 'd1ab17949a572b0979d8db0d5b349cd2f00',
  LANG: lang,
})
const register = async (params: Record<string, unknown> = iframeApp()) => (await call('imbot.app.register', params)).result as number

describe('imbot.app.register', () => {
  it('registers an iframe app with the server defaults and resolves to its id', async () => {
    const id = await register()
    expect(emulator.portal.chatApps.get(id)).toEqual({
      id,
      appId: 'customshop',
      botId,
      code: 'echo',
      context: 'ALL',
      js: '',
      iframe: 'https://marta.example.com/iframe/echo.php',
      iframeWidth: 320,
      iframeHeight: 250,
      iframePopup: false,
      hash: 'd1ab17949a572b0979d8db0d5b349cd2',
      hidden: false,
      extranetSupport: false,
      livechatSupport: false,
      lang,
    })
  })

  it('registers JS command apps, keeping the part of JS_PARAM the method takes', async () => {
    const cases = [
      ['SEND', 'say /help me', "BXIM.sendMessage('/help me');"],
      ['PUT', '/echo', "BXIM.putMessage('/echo');"],
      ['CALL', '+1 (555) 010-99', "BXIM.phoneTo('+1 (555) 010-99');"],
      ['SUPPORT', 'd1ab17949a572b0979d8db0d5b349cd2', "BXIM.openMessenger('networkLinesd1ab17949a572b0979d8db0d5b349cd2');"],
    ]
    for (const [method, param, js] of cases) {
      const id = await register({
        BOT_ID: botId,
        CODE: 'js',
        JS_METHOD: method,
        JS_PARAM: param,
        CONTEXT: 'BOT-admin',
        HIDDEN: 'Y',
        LANG: lang,
      })
      expect(emulator.portal.chatApps.get(id)).toMatchObject({ js, iframe: '', context: 'BOT-admin', hidden: true })
    }
  })

  it('clamps the iframe size to 250 x 50 at least', async () => {
    const id = await register({ ...iframeApp(), IFRAME_WIDTH: '100', IFRAME_HEIGHT: 400, IFRAME_POPUP: 'Y' })
    expect(emulator.portal.chatApps.get(id)).toMatchObject({ iframeWidth: 250, iframeHeight: 400, iframePopup: true })
  })

  it('registers for an OAuth app without CLIENT_ID', async () => {
    const app = emulator.portal.addApp()
    const appBot = emulator.portal.createBot({ appId: app.clientId, code: 'oauth' })
    const { access_token } = emulator.portal.tokens.issue(app, 1)
    const { result } = await call(
      'imbot.app.register',
      { ...iframeApp(), BOT_ID: appBot.id, CLIENT_ID: undefined, auth: access_token },
      `${emulator.url}/rest/`,
    )
    expect(emulator.portal.chatApps.get(result as number)?.appId).toBe(app.clientId)
  })

  it.each([
    ['no CLIENT_ID', 'ACCESS_DENIED', { CLIENT_ID: '' }, 403],
    ['no CODE', 'CODE_ERROR', { CODE: '' }],
    ['an http iframe', 'IFRAME_HTTPS', { IFRAME: 'http://marta.example.com/' }],
    ['an iframe without a scheme', 'IFRAME_HTTPS', { IFRAME: 'marta.example.com/echo.php' }],
    ['an iframe without HASH', 'HASH_ERROR', { HASH: '' }],
    ['neither iframe nor JS', 'PARAMS_ERROR', { IFRAME: '' }],
    ['a JS_PARAM its method cannot use (the iframe is then ignored)', 'PARAMS_ERROR', { JS_METHOD: 'SEND', JS_PARAM: 'help' }],
    ['no BOT_ID', 'BOT_ID_ERROR', { BOT_ID: undefined }],
    ['an unknown bot', 'BOT_ID_ERROR', { BOT_ID: 99_999 }],
    ['no LANG', 'LANG_ERROR', { LANG: [] }],
  ])('refuses %s with %s', async (_label, code, params, status = 400) => {
    const { error } = await call('imbot.app.register', { ...iframeApp(), ...params })
    expect([error?.status, error?.code]).toEqual([status, code])
  })

  it('refuses another application bot with APP_ID_ERROR', async () => {
    const other = emulator.portal.createBot({ appId: 'customother', code: 'other' })
    expect((await call('imbot.app.register', { ...iframeApp(), BOT_ID: other.id })).error?.code).toBe('APP_ID_ERROR')
    expect(emulator.portal.chatApps.size).toBe(0)
  })
})

describe('imbot.app.update', () => {
  it('changes what FIELDS gives: a JS command replaces the iframe, flags, size without minimum, LANG', async () => {
    const id = await register()
    const fields = {
      JS_METHOD: 'SEND',
      JS_PARAM: '/help',
      CONTEXT: 'CHAT',
      HIDDEN: 'Y',
      IFRAME_WIDTH: 100,
      LANG: [{ LANGUAGE_ID: 'de', TITLE: 'Hilfe' }],
    }
    expect((await call('imbot.app.update', { APP_ID: id, FIELDS: fields })).result).toBe(true)
    expect(emulator.portal.chatApps.get(id)).toMatchObject({
      js: "BXIM.sendMessage('/help');",
      iframe: '',
      context: 'CHAT',
      hidden: true,
      iframeWidth: 100,
      lang: fields.LANG,
    })
    expect(
      (await call('imbot.app.update', { APP_ID: String(id), FIELDS: { IFRAME: 'https://new.example.com/', HASH: 'abc' } })).result,
    ).toBe(true)
    expect(emulator.portal.chatApps.get(id)).toMatchObject({ js: '', iframe: 'https://new.example.com/', hash: 'abc' })
  })

  it('reads FIELDS only, and answers true with nothing to change', async () => {
    const id = await register()
    expect((await call('imbot.app.update', { APP_ID: id, CONTEXT: 'CHAT' })).result).toBe(true)
    expect(emulator.portal.chatApps.get(id)?.context).toBe('ALL')
  })

  it('refuses an unknown app, another application app, and an http iframe', async () => {
    const id = await register()
    expect((await call('imbot.app.update', { APP_ID: 999, FIELDS: { HIDDEN: 'Y' } })).error?.code).toBe('CHAT_APP_ID_ERROR')
    expect((await call('imbot.app.update', { APP_ID: `${String(id)}x`, FIELDS: { HIDDEN: 'Y' } })).error?.code).toBe('CHAT_APP_ID_ERROR')
    expect((await call('imbot.app.update', { APP_ID: id, CLIENT_ID: 'other', FIELDS: { HIDDEN: 'Y' } })).error?.code).toBe('APP_ID_ERROR')
    expect((await call('imbot.app.update', { APP_ID: id, FIELDS: { IFRAME: 'http://x.example.com/' } })).error?.code).toBe('IFRAME_HTTPS')
  })
})

describe('imbot.app.unregister', () => {
  it('removes the app of its application only', async () => {
    const id = await register()
    expect((await call('imbot.app.unregister', { APP_ID: id, CLIENT_ID: 'other' })).error?.code).toBe('APP_ID_ERROR')
    expect((await call('imbot.app.unregister', { APP_ID: id })).result).toBe(true)
    expect(emulator.portal.chatApps.has(id)).toBe(false)
    expect((await call('imbot.app.unregister', { APP_ID: id })).error?.code).toBe('CHAT_APP_ID_ERROR')
    expect((await call('imbot.app.unregister', { APP_ID: id, CLIENT_ID: '' })).error).toMatchObject({ status: 403, code: 'ACCESS_DENIED' })
  })
})
