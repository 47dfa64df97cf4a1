/*
 * One polling replica of a v2 fetch-mode bot, in its own process (see replica-process.ts): it runs
 * `startPolling` with `redisOffsetStore`, so it polls only while it holds the bot's lease, and reports each
 * message it handled (`handled`, with the message text and the queue's eventId) once its handler is
 * done. Prints `started` once the runner listens for SIGTERM, and `stopped` when SIGTERM stopped it.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { createBot, startPolling } from '@b24bot/bot'
import { botIdentity } from '@b24bot/imbot'
import { redisOffsetStore } from '@b24bot/redis'
import { createClient, unlimited } from '@b24bot/transport'
import { config, report } from './child-io.ts'

/** What the parent gives a polling replica. */
export interface PollerConfig {
  readonly webhookUrl: string
  readonly botToken: string
  readonly botId: number
  readonly leaseTtl: number
  /** How long the handler of each message works before it reports. */
  readonly handlerDelay: number
  readonly redis: { readonly url: string; readonly prefix: string }
}

const settings = config() as PollerConfig
const client = createClient({ webhookUrl: settings.webhookUrl, use: [botIdentity({ botToken: settings.botToken })], limiter: unlimited })

const bot = createBot()
bot.on('ONIMBOTV2MESSAGEADD', async (ctx) => {
  await sleep(settings.handlerDelay)
  report('handled', { text: ctx.text, eventId: ctx.event.eventId })
})

const running = startPolling(bot, {
  client,
  botId: settings.botId,
  offsets: redisOffsetStore({ url: settings.redis.url, prefix: settings.redis.prefix }),
  leaseTtl: settings.leaseTtl,
  busyDelay: 10,
  idleDelay: 50,
  retryDelay: 50,
  maxRetryDelay: 500,
})
// Only now: `startPolling` has taken over SIGTERM, so the parent may send it from here on.
report('started')
await running
report('stopped')
process.exit(0)
