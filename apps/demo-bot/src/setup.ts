import { botIdentity, imbot } from '@b24bot/imbot'
import { createClient, type Client } from '@b24bot/transport'
import { BOT_CODE, BOT_NAME, COMMANDS } from './support-bot.ts'

/** How the portal delivers the bot's events: it polls them (`fetch`), or the portal POSTs them to `url`. */
export type Delivery = { readonly mode: 'fetch' } | { readonly mode: 'webhook'; readonly url: string }

/**
 * The client a webhook-registered v2 bot calls through: the webhook, with the bot's `botToken` added
 * to `imbot.v2.*` calls, and as `CLIENT_ID` to classic `imbot.*` calls (such as `imbot.chat.get`):
 * the portal files a webhook bot under the application `custom<token>` for both generations.
 *
 * @example
 * ```ts
 * const client = botClient(process.env.B24_WEBHOOK_URL!, botToken)
 * ```
 */
export function botClient(webhookUrl: string, botToken: string): Client {
  return createClient({ webhookUrl, use: [botIdentity({ botToken, clientId: botToken })] })
}

/**
 * Registers the support bot through `client` (see {@link botClient}) as a v2 bot (or finds it: registration by the same code and token answers
 * the existing bot), points its delivery where `delivery` says, and registers its commands. Safe to run
 * at every start.
 *
 * @example
 * ```ts
 * const botId = await setupSupportBot(botClient(webhookUrl, botToken), { mode: 'fetch' })
 * ```
 */
export async function setupSupportBot(client: Client, delivery: Delivery): Promise<number> {
  const api = imbot(client)
  const webhookUrl = delivery.mode === 'webhook' ? delivery.url : undefined
  const { bot } = await api.v2.Bot.register({
    fields: {
      code: BOT_CODE,
      properties: { name: BOT_NAME, workPosition: 'Opens support requests', color: 'aqua' },
      eventMode: delivery.mode,
      ...(webhookUrl === undefined ? {} : { webhookUrl }),
    },
  })
  // An existing bot is answered unchanged: move its delivery if this run wants another.
  if (bot.eventMode !== delivery.mode || (webhookUrl !== undefined && bot.webhookUrl !== webhookUrl)) {
    await api.v2.Bot.update({
      botId: bot.id,
      fields: { eventMode: delivery.mode, ...(webhookUrl === undefined ? {} : { webhookUrl }) },
    })
  }
  for (const command of COMMANDS) {
    await api.v2.Command.register({
      botId: bot.id,
      fields: {
        command: command.command,
        title: { en: command.title },
        ...(command.params === undefined ? {} : { params: { en: command.params } }),
        ...(command.hidden === true ? { hidden: true } : {}),
      },
    })
  }
  return bot.id
}

/**
 * Deletes the support bot from the portal (its commands and private chats go with it). Resolves to
 * `false` when there was none.
 *
 * @example
 * ```ts
 * await removeSupportBot(botClient(webhookUrl, botToken))
 * ```
 */
export async function removeSupportBot(client: Client): Promise<boolean> {
  const api = imbot(client)
  const { bots } = await api.v2.Bot.list()
  const bot = bots.find((candidate) => candidate.code === BOT_CODE)
  if (bot === undefined) return false
  await api.v2.Bot.unregister({ botId: bot.id })
  return true
}
