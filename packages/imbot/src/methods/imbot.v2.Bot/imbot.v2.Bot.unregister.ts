import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { v2ActionResult, v2BotIdentity } from '../../schemas/common.ts'

/**
 * `imbot.v2.Bot.unregister`: deletes a bot; resolves to `true`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/bots/bot-unregister.html
 * @example
 * ```ts
 * await api.v2.Bot.unregister({ botId: 456, botToken: 'my_bot_token' })
 * ```
 */
export const imbotV2BotUnregister = defineMethod({
  method: 'imbot.v2.Bot.unregister',
  params: v.strictObject({
    ...v2BotIdentity,
  }),
  result: v2ActionResult,
})
