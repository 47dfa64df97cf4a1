import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import { botIdentity, imbot, keyboard } from '@b24bot/imbot'
import { createClient, type Client } from '@b24bot/transport'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toNodeHandler } from './node.ts'
import { createBot, type Bot } from './bot.ts'

/*
 * End to end through the emulator: simulated users act, the portal POSTs the events to a bot served
 * by `toNodeHandler(bot)` on loopback, the handlers answer through `ctx`, and the portal holds the
 * answers. One bot object serves two portals and both API generations.
 */

let portals: Emulator[] = []
let server: Server
let handlerUrl: string

beforeEach(async () => {
  portals = [await startEmulator(), await startEmulator()]
})

afterEach(async () => {
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve()
    }),
  )
  await Promise.all(portals.map((portal) => portal.close()))
})

async function serve(bot: Bot): Promise<void> {
  server = createServer(toNodeHandler(bot))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  handlerUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/events`
}

/** The texts a bot wrote in a chat, in order. */
function written(emulator: Emulator, chatId: number, botId: number): string[] {
  return [...emulator.portal.messages.values()]
    .filter((message) => message.chatId === chatId && message.authorId === botId)
    .map((message) => message.text)
}

describe('one bot, two portals, both generations', () => {
  it('greets on join, answers a command with a keyboard, and handles the button press', async () => {
    // Each portal's classic bot is registered through that portal's webhook with its own CLIENT_ID,
    // which is the application_token its events carry; the v2 bot of the first portal has a botToken.
    const clients: Map<string, Client> = new Map()
    const tokens: Map<string, string> = new Map()
    const bot = createBot({
      verify: (token, sender) => tokens.get(sender.domain ?? '') === token || [...tokens.values()].includes(token),
      client: (event) => clients.get(event.auth?.domain ?? ''),
    })
    bot.on(['ONIMBOTJOINCHAT', 'ONIMBOTV2JOINCHAT'], (ctx) => ctx.reply(`Hello from ${ctx.facts.generation}!`))
    bot.command('menu', (ctx) =>
      ctx.answerCommand({ text: 'Pick one', keyboard: keyboard().command('Red', 'pick', 'red').command('Blue', 'pick', 'blue').build() }),
    )
    bot.command('pick', (ctx) => ctx.reply(`You picked ${ctx.command.params} (${ctx.command.context})`))
    bot.hears(/^ping$/i, (ctx) => ctx.reply('pong'))
    await serve(bot)

    const setups = await Promise.all(
      portals.map(async (emulator, index) => {
        const clientId = `app${String(index)}`
        const client = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ clientId })] })
        const domain = new URL(emulator.url).host
        clients.set(domain, client)
        tokens.set(domain, clientId)
        const api = imbot(client)
        const botId = await api.register({ CODE: 'shop', TYPE: 'B', EVENT_HANDLER: handlerUrl, PROPERTIES: { NAME: 'Shop' } })
        for (const command of ['menu', 'pick']) {
          await api.command.register({
            BOT_ID: botId,
            COMMAND: command,
            EVENT_COMMAND_ADD: handlerUrl,
            LANG: [{ LANGUAGE_ID: 'en', TITLE: command }],
          })
        }
        return { emulator, botId }
      }),
    )

    for (const { emulator, botId } of setups) {
      const { portal } = emulator
      const alice = portal.createUser({ name: 'Alice' })
      const chat = portal.as(alice.id).openDialog(botId)
      await portal.events.settled()
      portal.as(alice.id).send(String(botId), '/menu')
      await portal.events.settled()
      const menu = [...portal.messages.values()].find((message) => message.chatId === chat.id && Array.isArray(message.params.KEYBOARD))
      expect(menu).toBeDefined()
      portal.as(alice.id).press(menu!.id, 'Blue')
      await portal.events.settled()
      portal.as(alice.id).send(String(botId), 'PING')
      await portal.events.settled()
      expect(written(emulator, chat.id, botId)).toEqual(['Hello from classic!', 'Pick one', 'You picked blue (keyboard)', 'pong'])
      expect(portal.events.deliveries.every((delivery) => delivery.status === 200)).toBe(true)
    }

    // A v2 bot on the first portal, pushed to the same handler: its token is the synthetic one the
    // portal made for it, read back here as an app would store it from its registration context.
    const [first] = setups
    const { portal } = first!.emulator
    const v2client = createClient({ webhookUrl: first!.emulator.webhookUrl, use: [botIdentity({ botToken: 'v2-secret' })] })
    const registered = await imbot(v2client).v2.Bot.register({
      fields: { code: 'helper', eventMode: 'webhook', webhookUrl: handlerUrl, properties: { name: 'Helper' } },
    })
    const v2bot = portal.bots.get(registered.bot.id)!
    tokens.set(`v2:${String(v2bot.id)}`, v2bot.applicationToken)
    clients.set(new URL(first!.emulator.url).host, v2client)
    const bob = portal.createUser({ name: 'Bob' })
    const chat = portal.as(bob.id).openDialog(v2bot.id)
    await portal.events.settled()
    portal.as(bob.id).send(String(v2bot.id), 'ping')
    await portal.events.settled()
    expect(written(first!.emulator, chat.id, v2bot.id)).toEqual(['Hello from v2!', 'pong'])
  })

  it('refuses a portal it does not know: 401, and no handler runs', async () => {
    let calls = 0
    const bot = createBot({ applicationToken: 'known-app' })
    bot.use(() => {
      calls += 1
    })
    await serve(bot)
    const [emulator] = portals
    const api = imbot(createClient({ webhookUrl: emulator!.webhookUrl, use: [botIdentity({ clientId: 'stranger' })] }))
    const botId = await api.register({ CODE: 'x', TYPE: 'B', EVENT_HANDLER: handlerUrl, PROPERTIES: { NAME: 'X' } })
    emulator!.portal.as(1).send(String(botId), 'hello')
    await emulator!.portal.events.settled()
    expect(emulator!.portal.events.deliveries.map((delivery) => delivery.status)).toEqual([401, 401])
    expect(calls).toBe(0)
  })
})
