import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatAppFieldEntries, chatAppJsCommandCheck, chatAppLangSchema } from '../schemas/classic-messages.ts'
import { clientIdSchema, idParamSchema, trueResult } from '../schemas/common.ts'

/**
 * `imbot.app.update`: changes a chat app registered by `imbot.app.register`. The changes go inside
 * `FIELDS`. Resolves to `true`.
 *
 * - The docs' parameter table lists the fields at the top level, their example nests them in
 *   `FIELDS`: the server reads **only** `FIELDS[...]`, so top-level fields are refused here (they
 *   would be ignored).
 * - `FIELDS` must hold at least one field (an empty update would do nothing).
 * - A JS command (`JS_METHOD` + `JS_PARAM`) replaces the iframe, and an `IFRAME` replaces the JS
 *   command; given both, the server keeps only the JS command.
 * - Deprecated, and shown only by the old messenger UI.
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
