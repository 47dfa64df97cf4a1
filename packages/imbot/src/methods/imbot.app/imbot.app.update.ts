import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatAppFieldEntries, chatAppJsCommandCheck, chatAppLangSchema } from '../../schemas/classic-messages.ts'
import { clientIdSchema, idParamSchema, trueResult } from '../../schemas/common.ts'

/**
 * `imbot.app.update`: changes a chat app; the changes go in `FIELDS` (the portal reads nothing else). Resolves to `true`.
 *
 * - The docs' parameter table lists the fields at the top level, their example nests them in
 *   `FIELDS`: the server reads **only** `FIELDS[...]`, so top-level fields are refused here (they
 *   would be ignored).
 * - `FIELDS` must hold at least one field (an empty update would do nothing).
 * - A JS command (`JS_METHOD` + `JS_PARAM`) replaces the iframe, and an `IFRAME` replaces the JS
 *   command; given both, the server keeps only the JS command.
 * - Deprecated, and shown only by the old messenger UI.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chats/outdated/create-app/imbot-app-update.html
 * @example
 * ```ts
 * await api.app.update({ APP_ID: 13, FIELDS: { IFRAME: 'https://bot.example.com/app', HASH: 'd1ab17949a572b0979d8db0d5b349cd2' } })
 * ```
 */
export const imbotAppUpdate = defineMethod({
  method: 'imbot.app.update',
  params: v.strictObject({
    /** The chat app to change: the id `imbot.app.register` resolved to. */
    APP_ID: idParamSchema,
    /** The changes; at least one. */
    FIELDS: v.pipe(
      v.strictObject({
        ...chatAppFieldEntries,
        /** New titles and descriptions per language; at least one. */
        LANG: v.optional(chatAppLangSchema),
      }),
      v.check((fields) => Object.values(fields).some((value) => value !== undefined), 'must hold at least one field to change'),
      chatAppJsCommandCheck(),
    ),
    /** Incoming webhooks only: the `CLIENT_ID` given to `imbot.register`. */
    CLIENT_ID: v.optional(clientIdSchema),
  }),
  result: trueResult,
})
