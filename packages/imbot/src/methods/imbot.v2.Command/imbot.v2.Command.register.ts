import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { v2BotIdentity } from '../../schemas/common.ts'
import { commandFlags, commandWordSchema, localizedTextSchema, v2CommandSchema } from '../../schemas/v2-messages.ts'

/**
 * `imbot.v2.Command.register`: registers a slash command (idempotent); resolves to `{ command }`. A visible command needs a `title`.
 *
 * - `fields.command` is the word without `/` (`help`); the result spells it with the slash (`/help`).
 *   A word given as `/help` is sent as `help`.
 * - A visible command (`hidden` not true) needs a `title` (`COMMAND_TITLE_REQUIRED`): checked before sending.
 * - The legacy flat format (no `fields`, accepted until 30.09.2026) is not offered.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/commands/command-register.html
 * @example
 * ```ts
 * const { command } = await api.v2.Command.register({
 *   botId: 456,
 *   fields: { command: 'help', title: { en: 'Show help' }, params: { en: 'topic' } },
 * })
 * console.log(command.id, command.command) // 42 '/help'
 * ```
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
