import { describe, expect, it } from 'vitest'
import type { FormObject } from '@b24bot/core'
import { readEventsSpec } from '@b24bot/spec-fixtures'
import type { PortalBot } from '../model/entities.ts'
import { useEventPortal } from '../../test/event-receiver.ts'
import { sdkCaller } from '../../test/sdk-call.ts'
import type { QueueRead } from './delivery.ts'

/*
 * Every one of the 22 events of the spec, raised by the situation that triggers it, arrives with the
 * top-level `data` keys `events.json` documents for it.
 */

interface SpecEvent {
  readonly event: string
  readonly fields: readonly { readonly path: string }[]
}
const specEvents = readEventsSpec() as SpecEvent[]

/** The documented top-level keys of `data`, from the field paths (`data[PARAMS][MESSAGE]` → `PARAMS`). */
function documentedDataKeys(event: string): string[] {
  const spec = specEvents.find((candidate) => candidate.event === event)
  if (!spec) throw new Error(`${event} is not in the spec`)
  const keys = spec.fields.map((field) => /^data\[([^\]]+)\]/.exec(field.path)?.[1]).filter((key) => key !== undefined)
  return [...new Set(keys)].sort()
}

const env = useEventPortal()
const call = sdkCaller(() => env.emulator)

/** The `data` of every POST the receiver got, by event. */
function posted(): Map<string, FormObject> {
  return new Map(env.receiver.received.map((received) => [received.body.event as string, received.body.data as FormObject]))
}

async function classicBot(): Promise<PortalBot> {
  const auth = { CLIENT_ID: 'every_event' }
  const id = (
    await call('imbot.register', { ...auth, CODE: 'watcher', TYPE: 'S', EVENT_HANDLER: env.receiver.url, PROPERTIES: { NAME: 'Watcher' } })
  ).result as number
  await call('imbot.command.register', {
    ...auth,
    BOT_ID: id,
    COMMAND: 'ping',
    EVENT_COMMAND_ADD: env.receiver.url,
    LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Ping' }],
  })
  return env.emulator.portal.bots.get(id)!
}

describe('every event kind', () => {
  it('classic bot events: join, message add/update/delete, command, bot delete', async () => {
    const bot = await classicBot()
    const { portal } = env.emulator
    const message = portal.as(1).send(String(bot.id), 'hello')
    portal.as(1).edit(message.id, 'hello again')
    portal.as(1).delete(message.id)
    portal.as(1).send(String(bot.id), '/ping')
    await call('imbot.unregister', { CLIENT_ID: 'every_event', BOT_ID: bot.id })
    await portal.events.settled()

    const events = posted()
    for (const event of [
      'ONIMBOTJOINCHAT',
      'ONIMBOTMESSAGEADD',
      'ONIMBOTMESSAGEUPDATE',
      'ONIMBOTMESSAGEDELETE',
      'ONIMCOMMANDADD',
      'ONIMBOTDELETE',
    ]) {
      expect(Object.keys(events.get(event) ?? {}).sort(), event).toEqual(documentedDataKeys(event))
    }
  })

  it('app lifecycle events', async () => {
    const { portal } = env.emulator
    const app = portal.installApp({ handlerUrl: env.receiver.url })
    portal.updateApp(app, '2')
    portal.uninstallApp(app)
    await portal.events.settled()
    const events = posted()
    for (const event of ['ONAPPINSTALL', 'ONAPPUPDATE', 'ONAPPUNINSTALL']) {
      expect(Object.keys(events.get(event) ?? {}).sort(), event).toEqual(documentedDataKeys(event))
    }
  })

  it('v2 bot events, pushed to a webhook-mode bot', async () => {
    const { portal } = env.emulator
    const auth = { botToken: 'every-event' }
    const botId = (
      (
        await call('imbot.v2.Bot.register', {
          fields: { ...auth, code: 'v2watcher', eventMode: 'webhook', webhookUrl: env.receiver.url, properties: { name: 'W' } },
        })
      ).result as { bot: { id: number } }
    ).bot.id
    await call('imbot.v2.Command.register', { ...auth, botId, fields: { command: 'ping', title: { en: 'Ping' } } })
    const message = portal.as(1).send(String(botId), 'hello')
    portal.as(1).edit(message.id, 'hello again')
    portal.as(1).delete(message.id)
    portal.as(1).send(String(botId), '/ping')
    const own = (await call('imbot.v2.Chat.Message.send', { ...auth, botId, dialogId: '1', fields: { message: 'mine' } })).result as {
      id: number
    }
    portal.as(1).react(own.id, 'like')
    await call('im.v2.Chat.Bot.sendContext', { dialogId: String(botId), context: { source: 'link' } })
    await call('imbot.v2.Bot.unregister', { ...auth, botId })
    await portal.events.settled()

    const events = posted()
    for (const event of [
      'ONIMBOTV2JOINCHAT',
      'ONIMBOTV2MESSAGEADD',
      'ONIMBOTV2MESSAGEUPDATE',
      'ONIMBOTV2MESSAGEDELETE',
      'ONIMBOTV2COMMANDADD',
      'ONIMBOTV2REACTIONCHANGE',
      'ONIMBOTV2CONTEXTGET',
      'ONIMBOTV2DELETE',
    ]) {
      expect(Object.keys(events.get(event) ?? {}).sort(), event).toEqual(documentedDataKeys(event))
    }
  })

  it('im.v2 user events, polled', async () => {
    const { portal } = env.emulator
    await call('im.v2.Event.subscribe')
    const bob = portal.createUser({ name: 'Bob' })
    const chat = portal.as(1).createChat({ title: 'Pair' })
    portal.as(1).addToChat(chat.id, [bob.id])
    const message = portal.as(bob.id).send(`chat${String(chat.id)}`, 'hey')
    portal.as(bob.id).edit(message.id, 'hey!')
    portal.as(1).react(message.id)
    portal.as(bob.id).delete(message.id)
    const read = (await call('im.v2.Event.get')).result as QueueRead
    const events = new Map(read.events.map((event) => [event.type, event.data]))
    for (const event of ['ONIMV2JOINCHAT', 'ONIMV2MESSAGEADD', 'ONIMV2MESSAGEUPDATE', 'ONIMV2REACTIONCHANGE', 'ONIMV2MESSAGEDELETE']) {
      expect(Object.keys(events.get(event) ?? {}).sort(), event).toEqual(documentedDataKeys(event))
    }
  })
})
