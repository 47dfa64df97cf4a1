import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { commandLangSchema, commandNameSchema } from '../../schemas/classic-messages.ts'
import { clientIdSchema, handlerUrlSchema, idParamSchema, trueResult, ynFlag } from '../../schemas/common.ts'

/**
 * `imbot.command.update`: changes a command; the changes go in `FIELDS` (at least one). Resolves to `true`.
 *
 * - `FIELDS` must hold at least one field (the server answers `WRONG_REQUEST` "Update fields can't be
 *   empty" otherwise).
 * - `COMMON` cannot be changed: the server does not read it here, so it is refused.
 * - A new `EVENT_COMMAND_ADD` rebinds the application's one command handler, for all its commands.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/commands/imbot-command-update.html
 * @example
 * ```ts
 * await api.command.update({ COMMAND_ID: 99, FIELDS: { HIDDEN: 'Y' } })
 * ```
 */
export const imbotCommandUpdate = defineMethod({
  method: 'imbot.command.update',
  params: v.strictObject({
    /** The command to change. */
    COMMAND_ID: idParamSchema,
    /** The changes; at least one. */
    FIELDS: v.pipe(
      v.strictObject({
        /** The new command word (a leading `/` is dropped). */
        COMMAND: v.optional(commandNameSchema),
        /** The new URL for `ONIMCOMMANDADD`. */
        EVENT_COMMAND_ADD: v.optional(handlerUrlSchema),
        /** `Y`: left out of the command list. */
        HIDDEN: v.optional(ynFlag),
        /** `Y`: extranet users may run it. */
        EXTRANET_SUPPORT: v.optional(ynFlag),
        /** New titles and parameter hints per language; at least one. */
        LANG: v.optional(commandLangSchema),
      }),
      v.check((fields) => Object.values(fields).some((value) => value !== undefined), 'must hold at least one field to change'),
    ),
    /** Incoming webhooks only: the `CLIENT_ID` given to `imbot.register`. */
    CLIENT_ID: v.optional(clientIdSchema),
  }),
  result: trueResult,
})
