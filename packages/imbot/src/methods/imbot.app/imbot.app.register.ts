import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatAppFieldEntries, chatAppJsCommandCheck, chatAppLangSchema } from '../../schemas/classic-messages.ts'
import { clientIdSchema, idParamSchema, idResult } from '../../schemas/common.ts'

/**
 * `imbot.app.register`: adds a chat app owned by a bot: a JS command (`JS_METHOD` + `JS_PARAM`) or an iframe (`IFRAME` +
 * `HASH`). Resolves to the app id. Shown only by the old messenger UI.
 *
 * Deprecated, and shown only by the old messenger UI. The docs mark nothing as required; the server
 * requires `CODE` (`CODE_ERROR`), `BOT_ID` of one of the application's bots (`BOT_ID_ERROR`), a
 * non-empty `LANG` (`LANG_ERROR`), and a JS command or an iframe (`PARAMS_ERROR`):
 * - `JS_PARAM` must fit `JS_METHOD` (`/command` for `PUT`/`SEND`, a phone number for `CALL`, a
 *   32-hex-digit line code for `SUPPORT`), or the server drops the JS command.
 * - `IFRAME` must be `https://` (`IFRAME_HTTPS`) and needs `HASH` (`HASH_ERROR`). Given both a JS
 *   command and an iframe, the server keeps only the JS command.
 * - `CLIENT_ID` is read by the server (webhook calls), although the docs do not list it.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chats/outdated/create-app/imbot-app-register.html
 * @example
 * ```ts
 * const appId = await api.app.register({
 *   BOT_ID: 39,
 *   CODE: 'help',
 *   JS_METHOD: 'SEND',
 *   JS_PARAM: '/help',
 *   LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Help', DESCRIPTION: 'Send /help' }],
 * })
 * ```
 */
export const imbotAppRegister = defineMethod({
  method: 'imbot.app.register',
  params: v.pipe(
    v.strictObject({
      /** The bot that owns the app; one of the calling application's bots. */
      BOT_ID: idParamSchema,
      /** The app's code, unique within the application. */
      CODE: v.pipe(v.string(), v.nonEmpty('must not be empty')),
      ...chatAppFieldEntries,
      /** Titles and descriptions per language; at least one. */
      LANG: chatAppLangSchema,
      /** Incoming webhooks only: the `CLIENT_ID` given to `imbot.register`. */
      CLIENT_ID: v.optional(clientIdSchema),
    }),
    chatAppJsCommandCheck(),
    v.forward(
      v.partialCheck(
        [['JS_METHOD'], ['IFRAME']],
        (input) => input.JS_METHOD !== undefined || input.IFRAME !== undefined,
        'is required: give JS_METHOD and JS_PARAM (a JS command app) or IFRAME and HASH (an iframe app)',
      ),
      ['JS_METHOD'],
    ),
    v.forward(
      v.partialCheck(
        [['JS_METHOD'], ['IFRAME'], ['HASH']],
        (input) => input.JS_METHOD !== undefined || input.IFRAME === undefined || input.HASH !== undefined,
        'is required with IFRAME (the portal answers HASH_ERROR)',
      ),
      ['HASH'],
    ),
  ),
  result: idResult,
})
