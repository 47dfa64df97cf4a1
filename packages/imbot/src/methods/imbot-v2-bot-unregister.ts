import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { v2ActionResult, v2BotIdentity } from '../schemas/common.ts'

/**
 * `imbot.v2.Bot.unregister`: deletes a bot. Resolves to `true` (the server's `{ result: true }`,
 * unwrapped). The bot's ONIMBOTV2* subscriptions are removed by the server (for an OAuth application
 * with several bots, only once its last bot is gone).
 */
export const imbotV2BotUnregister = defineMethod({
  method: 'imbot.v2.Bot.unregister',
  params: v.strictObject({
    ...v2BotIdentity,
  }),
  result: v2ActionResult,
})
