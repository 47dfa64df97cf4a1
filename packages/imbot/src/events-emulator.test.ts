import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeForm, encodeForm, type FormInput } from '@b24bot/core'
import { startEmulator, type Emulator, type QueuedEvent } from '@b24bot/emulator'
import { createClient, type Client } from '@b24bot/transport'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeEvent, events, type ImbotEvent } from './index.ts'

/*
 * Events decode what our emulator sends (it follows the server, decision 023): every one of the 23,
 * raised by the situation that triggers it, pushed bodies read back the way a handler reads them
 * (form-encoded, then `decodeForm`) and fetched items as JSON.
 */

let emulator: Emulator
let client: Client
let receiver: Server
let receiverUrl: string

beforeEach(async () => {
  emulator = await startEmulator()
  client = createClient({ webhookUrl: emulator.webhookUrl, timeout: false })
  receiver = createServer((request, response) => {
    request.resume()
    request.on('end', () => response.writeHead(200).end())
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/`
})

afterEach(async () => {
  await emulator.close()
  await new Promise<void>((resolve) => {
    receiver.close(() => {
      resolve()
    })
    receiver.closeAllConnections()
  })
})

/** Every delivery so far, decoded as its receiver would decode it. */
function decodedDeliveries(): ImbotEvent[] {
  return emulator.portal.events.deliveries.map((delivery) =>
    delivery.mode === 'webhook'
      ? decodeEvent(decodeForm(encodeForm(delivery.payload as Readonly<Record<string, FormInput>>)))
      : decodeEvent(JSON.parse(JSON.stringify(delivery.payload)) as QueuedEvent),
  )
}

describe('decoding what the emulator sends', () => {
  it('all 23 events, in every delivery the emulator makes', async () => {
    const { portal } = emulator
    // Classic bot of a webhook client, with a command.
    const classic = { CLIENT_ID: 'decode_events' }
    const classicId = (await client.call('imbot.register', {
      ...classic,
      CODE: 'watcher',
      TYPE: 'S',
      EVENT_HANDLER: receiverUrl,
      PROPERTIES: { NAME: 'Watcher' },
    })) as number
    await client.call('imbot.command.register', {
      ...classic,
      BOT_ID: classicId,
      COMMAND: 'ping',
      EVENT_COMMAND_ADD: receiverUrl,
      LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Ping' }],
    })
    const classicMessage = portal.as(1).send(String(classicId), 'hello')
    portal.as(1).edit(classicMessage.id, 'hello again')
    portal.as(1).delete(classicMessage.id)
    portal.as(1).send(String(classicId), '/ping now')
    await client.call('im.v2.Chat.Bot.sendContext', { dialogId: String(classicId), context: { source: 'link', taskId: 7 } })
    await client.call('imbot.unregister', { ...classic, BOT_ID: classicId })

    // v2 bots: one pushed to a webhook, one polled.
    for (const [code, eventMode] of [
      ['hooked', 'webhook'],
      ['polled', 'fetch'],
    ] as const) {
      const auth = { botToken: `${code}-token` }
      const registered = (await client.call('imbot.v2.Bot.register', {
        fields: { ...auth, code, eventMode, webhookUrl: receiverUrl, properties: { name: code } },
      })) as { bot: { id: number } }
      const botId = registered.bot.id
      await client.call('imbot.v2.Command.register', { ...auth, botId, fields: { command: 'ping', title: { en: 'Ping' } } })
      const message = portal.as(1).send(String(botId), 'hello')
      portal.as(1).edit(message.id, 'hello again')
      portal.as(1).delete(message.id)
      portal.as(1).send(String(botId), '/ping')
      const own = (await client.call('imbot.v2.Chat.Message.send', { ...auth, botId, dialogId: '1', fields: { message: 'mine' } })) as {
        id: number
      }
      portal.as(1).react(own.id, 'like')
      await client.call('im.v2.Chat.Bot.sendContext', { dialogId: String(botId), context: { source: 'link', taskId: 7 } })
      await client.call('imbot.v2.Bot.unregister', { ...auth, botId })
    }

    // The user's own stream.
    await client.call('im.v2.Event.subscribe')
    const bob = portal.createUser({ name: 'Bob' })
    const chat = portal.as(1).createChat({ title: 'Pair' })
    portal.as(1).addToChat(chat.id, [bob.id])
    const message = portal.as(bob.id).send(`chat${String(chat.id)}`, 'hey [USER=1]you[/USER]')
    portal.as(bob.id).edit(message.id, 'hey!')
    portal.as(1).react(message.id)
    portal.as(bob.id).delete(message.id)

    // App lifecycle.
    const app = portal.installApp({ handlerUrl: receiverUrl })
    portal.updateApp(app, '2')
    portal.uninstallApp(app)
    await portal.events.settled()

    const decoded = decodedDeliveries()
    expect(new Set(decoded.map((event) => event.event))).toEqual(new Set(Object.keys(events)))
    const pushedV2 = decoded.filter((event) => event.delivery === 'webhook' && event.event.startsWith('ONIMBOTV2'))
    const polledV2 = decoded.filter((event) => event.delivery === 'fetch' && event.event.startsWith('ONIMBOTV2'))
    expect(new Set(pushedV2.map((event) => event.event)).size).toBe(8)
    expect(new Set(polledV2.map((event) => event.event)).size).toBe(8)

    // The same situation decodes to the same data either way, but for the bot and the (opaque) context.
    const comparable = (event: ImbotEvent | undefined) =>
      Object.fromEntries(Object.entries(event?.data ?? {}).filter(([key]) => !['bot', 'context', 'chat', 'user'].includes(key)))
    const add = (list: ImbotEvent[]) => list.find((event) => event.event === 'ONIMBOTV2MESSAGEADD')
    expect(comparable(add(pushedV2))).toMatchObject({ message: { text: 'hello', params: {}, forward: null } })
    expect(Object.keys(comparable(add(pushedV2))).sort()).toEqual(Object.keys(comparable(add(polledV2))).sort())

    const command = decoded.find((event) => event.event === 'ONIMCOMMANDADD')
    if (command?.event !== 'ONIMCOMMANDADD') throw new Error('no command event')
    expect(Object.values(command.data.COMMAND)[0]).toMatchObject({
      COMMAND: 'ping',
      COMMAND_PARAMS: 'now',
      COMMAND_CONTEXT: 'TEXTAREA',
      BOT_ID: classicId,
    })
  })
})
