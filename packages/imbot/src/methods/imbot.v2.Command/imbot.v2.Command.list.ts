import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { v2BotIdentity } from '../../schemas/common.ts'
import { v2CommandSchema } from '../../schemas/v2-messages.ts'

/**
 * `imbot.v2.Command.list`: the bot's commands with localized titles; resolves to `{ commands }`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/commands/command-list.html
 * @example
 * ```ts
 * const { commands } = await api.v2.Command.list({ botId: 456 })
 * for (const command of commands) console.log(command.command, command.title)
 * ```
 */
export const imbotV2CommandList = defineMethod({
  method: 'imbot.v2.Command.list',
  idempotent: true,
  params: v.strictObject({ ...v2BotIdentity }),
  result: v.looseObject({ commands: v.array(v2CommandSchema) }),
})
