import type { PortalChatApp } from '../model/entities.ts'
import { isY, phpEmpty, phpIsset, phpObject, phpString } from '../rest/php.ts'
import { upperCaseKeys } from '../rest/read-params.ts'
import { RestError } from '../rest/rest-error.ts'
import { callingApp, intval } from './classic-identity.ts'
import type { MethodContext, MethodImplementation } from './method.ts'

/*
 * Classic chat applications (imbot.md "imbot.app.*"), as `CIMRestService::appRegister`,
 * `appUpdate` and `appUnRegister` do it (decision 022). Session auth, which they refuse with 403
 * `WRONG_AUTH_TYPE`, does not exist in the emulator.
 */

/** The JS commands an app may run, each with the part of `JS_PARAM` it takes and the call it makes. */
const jsMethods: Readonly<Record<string, readonly [RegExp, (match: string) => string]>> = {
  SEND: [/\/([a-zA-Z0-9\-_+]+)((\s)?([a-zA-Z0-9\-_+]+))+/im, (match) => `BXIM.sendMessage('${match}');`],
  PUT: [/\/([a-zA-Z0-9\-_+]+)((\s)?([a-zA-Z0-9\-_+]+))+/im, (match) => `BXIM.putMessage('${match}');`],
  CALL: [/\+?[ \-\d+()#]+$/im, (match) => `BXIM.phoneTo('${match}');`],
  SUPPORT: [/[a-f0-9]{32}$/im, (match) => `BXIM.openMessenger('networkLines${match}');`],
}

/**
 * The JS command of `JS_METHOD` + `JS_PARAM`: `undefined` when they are not given (a known method and
 * a non-empty param), `''` when the param does not match the method's pattern.
 */
function jsCommand(fields: Readonly<Record<string, unknown>>): string | undefined {
  const method = Object.hasOwn(jsMethods, phpString(fields.JS_METHOD)) ? jsMethods[phpString(fields.JS_METHOD)] : undefined
  if (!method || phpEmpty(fields.JS_PARAM)) return undefined
  const [pattern, call] = method
  const match = pattern.exec(phpString(fields.JS_PARAM))
  return match ? call(match[0]) : ''
}

/** An `IFRAME` must be an `https` URL with a host: else `IFRAME_HTTPS`. */
function checkedIframe(value: unknown): string {
  const url = phpString(value)
  let parsed: URL | undefined
  try {
    parsed = new URL(url)
  } catch {
    parsed = undefined
  }
  if (parsed?.protocol !== 'https:' || parsed.hostname === '') throw new RestError('IFRAME_HTTPS', 'Iframe params must be HTTPS site')
  return url
}

/**
 * The chat app `APP_ID` names, which the caller's application must own: `CHAT_APP_ID_ERROR` "App not
 * found", `APP_ID_ERROR`. The id is looked up as a PHP array key: an integer, or its decimal string.
 */
function ownedChatApp(context: MethodContext, params: Readonly<Record<string, unknown>>): PortalChatApp {
  const appId = callingApp(context, params)
  const key = params.APP_ID
  const id = typeof key === 'number' ? Math.trunc(key) : typeof key === 'string' && /^(0|-?[1-9]\d*)$/.test(key) ? Number(key) : Number.NaN
  const app = context.portal.chatApps.get(id)
  if (!app) throw new RestError('CHAT_APP_ID_ERROR', 'App not found')
  if (app.appId !== appId) throw new RestError('APP_ID_ERROR', 'App was installed by another rest application')
  return app
}

/**
 * `imbot.app.register` (`appRegister`): the client (`ACCESS_DENIED`), `CODE` (`CODE_ERROR`), then a JS
 * command (`JS_METHOD` + `JS_PARAM`) or else an iframe (`IFRAME_HTTPS`, `HASH` required: `HASH_ERROR`;
 * width at least 250, default 320; height at least 50, default 250), neither: `PARAMS_ERROR`; then
 * `BOT_ID` (`BOT_ID_ERROR`, `APP_ID_ERROR`) and `LANG` (`LANG_ERROR`). Resolves to the app id.
 */
const register: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const appId = callingApp(context, params)
    if (phpEmpty(params.CODE)) throw new RestError('CODE_ERROR', "App code isn't specified")
    const command = jsCommand(params)
    const js = command ?? ''
    let iframe = { iframe: '', iframeWidth: 0, iframeHeight: 0, iframePopup: false, hash: '' }
    if (command === undefined && !phpEmpty(params.IFRAME)) {
      const url = checkedIframe(params.IFRAME)
      if (phpEmpty(params.HASH)) throw new RestError('HASH_ERROR', "Hash can't be empty")
      iframe = {
        iframe: url,
        iframeWidth: phpIsset(params.IFRAME_WIDTH) ? Math.max(250, intval(params.IFRAME_WIDTH)) : 320,
        iframeHeight: phpIsset(params.IFRAME_HEIGHT) ? Math.max(50, intval(params.IFRAME_HEIGHT)) : 250,
        iframePopup: isY(params.IFRAME_POPUP),
        hash: Array.from(phpString(params.HASH)).slice(0, 32).join(''),
      }
    }
    if (iframe.iframe === '' && js === '') throw new RestError('PARAMS_ERROR', "Iframe or JS method isn't specified")
    const bot = context.portal.bots.get(intval(params.BOT_ID))
    if (!bot) throw new RestError('BOT_ID_ERROR', 'Bot not found')
    if (bot.appId !== appId) throw new RestError('APP_ID_ERROR', 'Bot was installed by another rest application')
    if (phpEmpty(params.LANG)) throw new RestError('LANG_ERROR', "Lang set can't be empty")
    return context.portal.addChatApp({
      appId,
      botId: bot.id,
      code: phpString(params.CODE),
      context: phpIsset(params.CONTEXT) ? phpString(params.CONTEXT) : 'ALL',
      js,
      ...iframe,
      hidden: isY(params.HIDDEN),
      extranetSupport: isY(params.EXTRANET_SUPPORT),
      livechatSupport: isY(params.LIVECHAT_SUPPORT),
      lang: params.LANG,
    }).id
  },
}

/**
 * `imbot.app.update` (`appUpdate`): the client and the app (`CHAT_APP_ID_ERROR`, `APP_ID_ERROR`), then
 * the changes, read from `FIELDS` only: `CONTEXT`, `HASH`, a JS command (clears the iframe) or else an
 * `IFRAME` (`IFRAME_HTTPS`; clears the JS command), `IFRAME_WIDTH`/`IFRAME_HEIGHT` (no minimum here),
 * the Y/N flags, `LANG`. Nothing to change is still `true`.
 */
const update: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const app = ownedChatApp(context, params)
    const fields = phpObject(params.FIELDS)
    if (!phpEmpty(fields.CONTEXT)) app.context = phpString(fields.CONTEXT)
    if (!phpEmpty(fields.HASH)) app.hash = phpString(fields.HASH)
    const js = jsCommand(fields)
    if (js) {
      app.js = js
      app.iframe = ''
    } else if (js === undefined && !phpEmpty(fields.IFRAME)) {
      app.iframe = checkedIframe(fields.IFRAME)
      app.js = ''
    }
    if (phpIsset(fields.IFRAME_WIDTH)) app.iframeWidth = intval(fields.IFRAME_WIDTH)
    if (phpIsset(fields.IFRAME_HEIGHT)) app.iframeHeight = intval(fields.IFRAME_HEIGHT)
    if (!phpEmpty(fields.IFRAME_POPUP)) app.iframePopup = isY(fields.IFRAME_POPUP)
    if (!phpEmpty(fields.HIDDEN)) app.hidden = isY(fields.HIDDEN)
    if (!phpEmpty(fields.EXTRANET_SUPPORT)) app.extranetSupport = isY(fields.EXTRANET_SUPPORT)
    if (!phpEmpty(fields.LIVECHAT_SUPPORT)) app.livechatSupport = isY(fields.LIVECHAT_SUPPORT)
    if (!phpEmpty(fields.LANG)) app.lang = fields.LANG
    return true
  },
}

/** `imbot.app.unregister` (`appUnRegister`): the client and the app (`CHAT_APP_ID_ERROR`, `APP_ID_ERROR`); removes it. */
const unregister: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    context.portal.chatApps.delete(ownedChatApp(context, params).id)
    return true
  },
}

/** Classic `imbot.app.*`, keyed by lower-cased method name. */
export const imbotAppMethods: Readonly<Record<string, MethodImplementation>> = {
  'imbot.app.register': register,
  'imbot.app.update': update,
  'imbot.app.unregister': unregister,
}
