import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { v2BotIdentity } from '../schemas/common.ts'
import { commandFlags, commandWordSchema, localizedTextSchema, v2CommandSchema } from '../schemas/v2-messages.ts'

/**
 * `imbot.v2.Command.register`: registers a slash command for the bot. Idempotent: the same command of
 * the same bot and application returns the existing one unchanged. Calls arrive as
 * `ONIMBOTV2COMMANDADD` through the bot's event mode. Resolves to `{ command }`.
 *
 * - `fields.command` is the word without `/` (`help`); the result spells it with the slash (`/help`).
 *   A word given as `/help` is sent as `help`.
 * - A visible command (`hidden` not true) needs a `title` (`COMMAND_TITLE_REQUIRED`): checked before sending.
 * - The legacy flat format (no `fields`, accepted until 30.09.2026) is not offered.
 */
export const imbotV2CommandRegister = defineMethod({
  method: 'imbot.v2.Command.register',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The command. */
    fields: v.pipe(
      v.strictObject({
        /** The command word, `help` (a leading slash is dropped before sending). */
        command: commandWordSchema,
        /** Titles by language, `{ en: 'Show help' }`; required unless `hidden` is true. */
        title: v.optional(localizedTextSchema),
        /** Parameter hints by language, `{ en: 'query' }`. */
        params: v.optional(localizedTextSchema),
        ...commandFlags,
      }),
      v.forward(
        v.partialCheck(
          [['title'], ['hidden']],
          (fields) => fields.hidden === true || (fields.title !== undefined && Object.keys(fields.title).length > 0),
          'is required, with at least one language, unless fields.hidden is true (the server answers COMMAND_TITLE_REQUIRED)',
        ),
        ['title'],
      ),
    ),
  }),
  result: v.looseObject({ command: v2CommandSchema }),
})
