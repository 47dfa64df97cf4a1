import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { clientIdSchema, idParamSchema, trueResult } from '../../schemas/common.ts'

/**
 * `imbot.app.unregister`: removes a chat app of the application. Resolves to `true`.
 *
 * - `APP_ID` is not starred in the docs but the server needs it (`CHAT_APP_ID_ERROR` otherwise).
 * - An app of another application fails with `APP_ID_ERROR`.
 * - `CLIENT_ID` is read by the server (webhook calls), although the docs do not list it.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chats/outdated/create-app/imbot-app-unregister.html
 * @example
 * ```ts
 * await api.app.unregister({ APP_ID: 13 })
 * ```
 */
export const imbotAppUnregister = defineMethod({
  method: 'imbot.app.unregister',
  params: v.strictObject({
    /** The chat app to remove: the id `imbot.app.register` resolved to. */
    APP_ID: idParamSchema,
    /** Incoming webhooks only: the `CLIENT_ID` given to `imbot.register`. */
    CLIENT_ID: v.optional(clientIdSchema),
  }),
  result: trueResult,
})
