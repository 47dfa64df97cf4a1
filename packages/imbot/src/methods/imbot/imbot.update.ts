import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { handlerEntries, updatePropertiesSchema } from '../../schemas/classic-bots.ts'
import { clientIdSchema, idParamSchema, trueResult, ynFlag } from '../../schemas/common.ts'

/**
 * `imbot.update`: changes a bot's code, Open Channels support, profile or event handlers. `FIELDS` must change
 * something. Resolves to `true`.
 *
 * - `BOT_ID` is required (no fallback to the application's first bot). `FIELDS` must change
 *   something (`WRONG_REQUEST` "Update fields can't be empty" otherwise), and so must
 *   `FIELDS.PROPERTIES` when given.
 * - Handler URLs are checked as in `imbot.register`; `FIELDS.EVENT_HANDLER` replaces every `EVENT_*`.
 *   This is how a `TYPE: 'B'` bot gets `ONIMBOTMESSAGEUPDATE` / `ONIMBOTMESSAGEDELETE`.
 * - `FIELDS.PROPERTIES.NAME` and `LAST_NAME` cannot both be sent empty (`NAME_ERROR`).
 * - `TYPE` is not offered: the portal applies `FIELDS[TYPE]` only when a top-level `TYPE` is sent too
 *   (a server bug), and the docs say the type cannot change. `FIELDS.OPENLINE` is applied by the
 *   portal and is accepted.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/bots/imbot-update.html
 * @example
 * ```ts
 * await api.update({
 *   BOT_ID: 39,
 *   FIELDS: { EVENT_MESSAGE_UPDATE: 'https://bot.example.com/events', PROPERTIES: { WORK_POSITION: 'On duty' } },
 * })
 * ```
 */
export const imbotUpdate = defineMethod({
  method: 'imbot.update',
  params: v.strictObject({
    /** The bot to change. */
    BOT_ID: idParamSchema,
    /** What to change: at least one field. */
    FIELDS: v.pipe(
      v.strictObject({
        /** A new code, unique within the portal. */
        CODE: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'))),
        /** `Y`/`N`: Open Channels support. */
        OPENLINE: v.optional(ynFlag),
        ...handlerEntries,
        /** Profile fields to change (same as `imbot.register`'s `PROPERTIES`, all optional). */
        PROPERTIES: v.optional(updatePropertiesSchema),
      }),
      v.check((fields) => Object.values(fields).some((value) => value !== undefined), 'must change at least one field'),
    ),
    /** Incoming webhooks only: the `CLIENT_ID` the bot was registered with. */
    CLIENT_ID: v.optional(clientIdSchema),
  }),
  result: trueResult,
})
