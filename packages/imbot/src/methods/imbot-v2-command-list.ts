import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { v2BotIdentity } from '../schemas/common.ts'
import { v2CommandSchema } from '../schemas/v2-messages.ts'

/**
 * `imbot.v2.Command.list`: the bot's commands, with `title` and `params` as strings in the portal
 * language (empty before revision 34 for commands registered over REST), `category` (the bot's name)
 * and `context`. Resolves to `{ commands }`.
 */
export const imbotV2CommandList = defineMethod({
  method: 'imbot.v2.Command.list',
  idempotent: true,
  params: v.strictObject({ ...v2BotIdentity }),
  result: v.looseObject({ commands: v.array(v2CommandSchema) }),
})
