import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { idParamSchema, v2BotIdentity } from '../../schemas/common.ts'
import { commandFlags, commandWordSchema, localizedPatchSchema, v2CommandSchema } from '../../schemas/v2-messages.ts'

/**
 * `imbot.v2.Command.update`: changes a command, patching `title`/`params` per language (`null` deletes one); resolves to `{ command }`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/commands/command-update.html
 * @example
 * ```ts
 * await api.v2.Command.update({ botId: 456, commandId: 42, fields: { title: { de: 'Hilfe', en: null } } })
 * ```
 */
export const imbotV2CommandUpdate = defineMethod({
  method: 'imbot.v2.Command.update',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The command's id (`command.id` of `Command.register` or of `ONIMBOTV2COMMANDADD`). */
    commandId: idParamSchema,
    /** What to change. */
    fields: v.strictObject({
      /** A new command word, `help` (a leading slash is dropped before sending). */
      command: v.optional(commandWordSchema),
      /** Titles by language: a string sets, `null` deletes. */
      title: v.optional(localizedPatchSchema),
      /** Parameter hints by language: a string sets, `null` deletes. */
      params: v.optional(localizedPatchSchema),
      ...commandFlags,
    }),
  }),
  result: v.looseObject({ command: v2CommandSchema }),
})
