/*
 * A fetch-mode bot in its own process, for the crash test in src/polling.test.ts: it polls with a file
 * offset store and a slow handler that appends each eventId it starts to one file and each it
 * finished to another, until SIGTERM (or a SIGKILL from the test). Run with `node --import ./test/register-ts.mjs test/polling-child.ts`.
 */
import { appendFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { botIdentity } from '@b24bot/imbot'
import { createClient, unlimited } from '@b24bot/transport'
import { createBot, startPolling } from '../src/index.ts'
import { fileOffsetStore } from '../src/node.ts'

function setting(name: string): string {
  const value = process.env[name]
  if (value === undefined || value === '') throw new Error(`polling-child needs ${name}`)
  return value
}

const client = createClient({
  webhookUrl: setting('CHILD_WEBHOOK_URL'),
  use: [botIdentity({ botToken: setting('CHILD_BOT_TOKEN') })],
  retry: false,
  limiter: unlimited,
})
const handlerDelay = Number(setting('CHILD_HANDLER_DELAY_MS'))
const started = setting('CHILD_STARTED_FILE')
const handled = setting('CHILD_HANDLED_FILE')

const bot = createBot()
/** With `CHILD_HANG_AT=n`, the n-th event this process starts never finishes: the test kills it there. */
const hangAt = Number(process.env.CHILD_HANG_AT ?? Number.NaN)
let starts = 0
bot.use(async (ctx) => {
  appendFileSync(started, `${String(ctx.event.eventId)}\n`)
  starts += 1
  await sleep(starts === hangAt ? 600_000 : handlerDelay)
  appendFileSync(handled, `${String(ctx.event.eventId)}\n`)
})

await startPolling(bot, {
  client,
  botId: Number(setting('CHILD_BOT_ID')),
  offsets: fileOffsetStore(setting('CHILD_OFFSET_FILE')),
  limit: Number(setting('CHILD_LIMIT')),
  busyDelay: 10,
  idleDelay: 20,
  retryDelay: 20,
})
process.stdout.write('stopped\n')
