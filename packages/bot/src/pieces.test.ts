import { decodeForm, encodeForm, type FormInput } from '@b24bot/core'
import { startEmulator, type Emulator, type PortalApp } from '@b24bot/emulator'
import { botIdentity, decodeEvent, imbotBotList, type ImbotEvent } from '@b24bot/imbot'
import { autoBatching, createClient, portalLimiter, unlimited, type Client, type Limiter } from '@b24bot/transport'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiContext } from './api-context.ts'
import { createBot, type BotOptions } from './bot.ts'
import { oauthApp } from './oauth-app.ts'

/*
 * What a bot is given as pieces (decision 040): `ApiContext` for `ctx.api`, `oauthApp` for install
 * checks and token renewal, `limiter` and `autoBatch` for the clients made from event tokens.
 */

const hour = 3_600_000
/** Where handlers point: nothing listens there; these tests take the events from the deliveries. */
const nowhere = 'http://127.0.0.1:9/events'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator({ clock: { frozen: true } })
})
afterEach(async () => {
  await emulator.close()
})

/** A bot that records what its error boundary got. */
function recordingBot(options: BotOptions = {}) {
  const errors: unknown[] = []
  const bot = createBot(options).catch((error) => {
    errors.push(error.cause)
  })
  return { bot, errors }
}

/** A classic message an OAuth app's bot got from Alice, as its handler decodes it: it carries the bot's tokens. */
async function appMessage(): Promise<{ readonly app: PortalApp; readonly botId: number; readonly event: ImbotEvent }> {
  const app = emulator.portal.addApp()
  const bot = emulator.portal.createBot({ appId: app.clientId, code: 'helper', name: 'Helper' })
  emulator.portal.handlers.set(app.clientId, { EVENT_MESSAGE_ADD: nowhere, EVENT_WELCOME_MESSAGE: nowhere })
  const alice = emulator.portal.createUser({ name: 'Alice' })
  await emulator.portal.events.settled()
  const since = emulator.portal.events.deliveries.length
  emulator.portal.as(alice.id).send(String(bot.id), 'hi')
  await emulator.portal.events.settled()
  const event = emulator.portal.events.deliveries
    .slice(since)
    .map((delivery) => decodeEvent(decodeForm(encodeForm(delivery.payload as Record<string, FormInput>))))
    .find((decoded) => decoded.event === 'ONIMBOTMESSAGEADD')
  if (!event) throw new Error('no ONIMBOTMESSAGEADD was delivered')
  return { app, botId: bot.id, event }
}

const botMessages = (botId: number): string[] =>
  [...emulator.portal.messages.values()].filter((message) => message.authorId === botId).map((message) => message.text)

describe('ApiContext', () => {
  it('gives ctx.api, every method through the context client, made once per event', async () => {
    const client: Client = createClient({
      webhookUrl: emulator.webhookUrl,
      use: [botIdentity({ clientId: 'api-context' })],
      limiter: unlimited,
    })
    const choose = vi.fn(() => client)
    const { event } = await appMessage()
    const seen: unknown[] = []
    const errors: unknown[] = []
    const bot = createBot({ client: choose, context: (init) => new ApiContext(init) }).catch((error) => void errors.push(error.cause))
    bot.use(async (ctx) => {
      seen.push(await ctx.api.bot.list(), ctx.api === ctx.api, ctx.client === client)
      await ctx.client.call(imbotBotList, {})
    })
    expect(await bot.handle(event)).toBe(true)
    expect(errors).toEqual([])
    expect(seen).toEqual([expect.any(Object), true, true])
    expect(choose).toHaveBeenCalledTimes(1)
    expect(emulator.portal.calls.slice(-2).map((call) => call.method)).toEqual(['imbot.bot.list', 'imbot.bot.list'])
  })
})

describe('the clients made from event tokens', () => {
  it('by default: each call its own request, and an expired token is not renewed', async () => {
    const { botId, event } = await appMessage()
    const { bot, errors } = recordingBot()
    bot.use(async (ctx) => {
      await Promise.all([ctx.reply('one'), ctx.reply('two')])
    })
    const since = emulator.portal.requests.length
    await bot.handle(event)
    expect(errors).toEqual([])
    expect(botMessages(botId)).toEqual(['one', 'two'])
    expect(emulator.portal.requests.slice(since).map((request) => request.method)).toEqual(['imbot.message.add', 'imbot.message.add'])

    emulator.portal.clock.advance(hour)
    await bot.handle(event)
    expect(errors).toEqual([expect.objectContaining({ code: 'expired_token' })])
    expect(emulator.portal.tokenRequests).toEqual([])
  })

  it("keep the event's tokens out of errors, even when the portal echoes them", async () => {
    const { event } = await appMessage()
    const entry = Object.values((event.data as { BOT: Record<string, Record<string, string>> }).BOT)[0]!
    const secrets = [entry.access_token!, entry.refresh_token!, entry.application_token!]
    expect(secrets.every((secret) => secret.length > 8)).toBe(true)
    emulator.portal.inject({
      method: 'imbot.message.add',
      reply: { status: 400, error: 'ECHO', description: `got ${secrets.join(' and ')}` },
    })
    const { bot, errors } = recordingBot()
    bot.use((ctx) => ctx.reply('echoed'))
    await bot.handle(event)
    expect(errors).toEqual([expect.objectContaining({ code: 'ECHO' })])
    const rendered = [String(errors[0]), (errors[0] as Error).stack, JSON.stringify(errors[0]), (errors[0] as Error).message].join('\n')
    for (const secret of secrets) expect(rendered).not.toContain(secret)
  })

  it('with app: oauthApp(...), an expired token is renewed once with the app and the call replayed', async () => {
    const { app, botId, event } = await appMessage()
    const { bot, errors } = recordingBot({
      app: oauthApp({ clientId: app.clientId, clientSecret: app.clientSecret, tokenUrl: `${emulator.url}/oauth/token/` }),
    })
    bot.use((ctx) => ctx.reply('late, but there'))
    emulator.portal.clock.advance(hour)
    await bot.handle(event)
    expect(errors).toEqual([])
    expect(botMessages(botId)).toEqual(['late, but there'])
    expect(emulator.portal.tokenRequests).toEqual([expect.objectContaining({ status: 200 })])
  })

  it('with autoBatch: the calls a handler issues together go as one batch request', async () => {
    const { botId, event } = await appMessage()
    const { bot, errors } = recordingBot({ autoBatch: autoBatching() })
    bot.use(async (ctx) => {
      await Promise.all([ctx.reply('one'), ctx.reply('two')])
    })
    const since = emulator.portal.requests.length
    await bot.handle(event)
    expect(errors).toEqual([])
    expect(botMessages(botId)).toEqual(['one', 'two'])
    expect(emulator.portal.requests.slice(since).map((request) => request.method)).toEqual(['batch'])
  })

  it('with limiter: every event client is paced by that one limiter, for its portal', async () => {
    const { event } = await appMessage()
    const paced = portalLimiter()
    const portals: string[] = []
    const acquired: string[][] = []
    const limiter: Limiter = {
      ...paced,
      forPortal: (portal) => {
        portals.push(portal)
        const own = paced.forPortal!(portal)
        return { ...own, acquire: (methods, signal) => (acquired.push([...methods]), own.acquire(methods, signal)) }
      },
    }
    const { bot, errors } = recordingBot({ limiter })
    bot.use((ctx) => ctx.reply('paced'))
    await bot.handle(event)
    await bot.handle(event)
    expect(errors).toEqual([])
    expect(portals).toEqual([emulator.url, emulator.url])
    expect(acquired).toEqual([['imbot.message.add'], ['imbot.message.add']])
  })
})
