// The Worker that run.mjs bundles with esbuild and serves in workerd (through miniflare): the bot's
// Fetch intake as a Cloudflare Worker, calling back to the portal with a webhook client.
// Its settings are the Worker's bindings (env); the bot is made on the first request and kept.
import { createBot } from '@b24bot/bot'
import { botIdentity } from '@b24bot/imbot'
import { createClient } from '@b24bot/transport'

let bot

function botFor(env) {
  if (bot === undefined) {
    const client = createClient({ webhookUrl: env.B24_WEBHOOK_URL, use: [botIdentity({ botToken: env.B24_BOT_TOKEN })] })
    bot = createBot({ urlSecret: env.B24_URL_SECRET, client })
    bot.on('ONIMBOTV2MESSAGEADD', (ctx) => ctx.reply(`workerd: ${ctx.text ?? ''}`))
  }
  return bot
}

export default {
  fetch: (request, env) => botFor(env).fetch(request),
}
