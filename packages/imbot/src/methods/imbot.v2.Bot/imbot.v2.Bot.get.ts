import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { botTokenSchema, idParamSchema } from '../../schemas/common.ts'
import { v2BotWithUsersSchema } from '../../schemas/v2-entities.ts'

/**
 * `imbot.v2.Bot.get`: one bot, by `botId` or `code`; resolves to `{ bot, users }`.
 *
 * - One of `botId` and `code` is required (`PARAMS_REQUIRED`); the issue names `botId`. Both may be
 *   given.
 * - Any authorized user may call it; `botToken` is still required on webhook calls.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/bots/bot-get.html
 * @example
 * ```ts
 * const { bot } = await api.v2.Bot.get({ code: 'support_bot', botToken: 'my_bot_token' })
 * console.log(bot.id, bot.eventMode)
 * ```
 */
export const imbotV2BotGet = defineMethod({
  method: 'imbot.v2.Bot.get',
  idempotent: true,
  params: v.pipe(
    v.strictObject({
      /** The bot id; give it or `code`. */
      botId: v.optional(idParamSchema),
      /** The bot code; give it or `botId`. */
      code: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'))),
      /** The bot's token, on webhook calls. */
      botToken: v.optional(botTokenSchema),
    }),
    v.forward(
      v.partialCheck(
        [['botId'], ['code']],
        (input) => input.botId !== undefined || input.code !== undefined,
        'is required when code is not given (give botId or code)',
      ),
      ['botId'],
    ),
  ),
  result: v2BotWithUsersSchema,
})
