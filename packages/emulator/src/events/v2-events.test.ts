import { describe, expect, it } from 'vitest'
import type { FormObject } from '@b24bot/core'
import { readEventsSpec } from '@b24bot/spec-fixtures'
import { startEmulator } from '../start-emulator.ts'
import type { PortalBot } from '../model/entities.ts'
import { useEventPortal } from '../../test/event-receiver.ts'
import { sdkCaller } from '../../test/sdk-call.ts'
import type { QueueRead } from './delivery.ts'

interface SpecEvent {
  readonly event: string
  readonly examplePayloads: Readonly<Record<string, Record<string, unknown>>>
}
const specEvents = readEventsSpec() as SpecEvent[]

/** The fetch-mode `data` example of a v2 event. */
function fetchExample(event: string): Record<string, unknown> {
  const data = specEvents.find((candidate) => candidate.event === event)?.examplePayloads.fetchModeData
  if (!data) throw new Error(`no fetch example for ${event}`)
  return data
}

const keys = (value: unknown): string[] => Object.keys(value as object).sort()

const env = useEventPortal()
const call = sdkCaller(() => env.emulator, { botToken: 'token-1' })

/** A v2 bot owned by the webhook with botToken `token-1`. */
function v2Bot(eventMode: 'webhook' | 'fetch', type: PortalBot['type'] = 'B', code = 'v2bot'): PortalBot {
  return env.emulator.portal.createBot({
    appId: 'customtoken-1',
    code,
    type,
    generation: 'v2',
    eventMode,
    webhookUrl: eventMode === 'webhook' ? env.receiver.url : '',
    applicationToken: 'synthetic-app-token',
    name: 'V2',
  })
}

async function poll(botId: number, params: Record<string, unknown> = {}): Promise<QueueRead> {
  const answer = await call('imbot.v2.Event.get', { botId, ...params })
  if (answer.error) throw answer.error
  return answer.result as QueueRead
}

describe('v2 webhook bots', () => {
  it('get one POST per bot: data[bot] is {id, code}, scalars are strings, null is empty', async () => {
    const bot = v2Bot('webhook')
    const alice = env.emulator.portal.createUser({ name: 'Alice' })
    const message = env.emulator.portal.as(alice.id).send(String(bot.id), 'Hello v2')
    await env.emulator.portal.events.settled()
    expect(env.receiver.events()).toEqual(['ONIMBOTV2JOINCHAT', 'ONIMBOTV2MESSAGEADD'])
    const body = env.receiver.received[1]!.body
    const data = body.data as FormObject
    expect(data.bot).toEqual({ id: String(bot.id), code: 'v2bot' })
    expect(keys(data)).toEqual(keys(fetchExample('ONIMBOTV2MESSAGEADD')))
    expect(data.message).toMatchObject({ id: String(message.id), text: 'Hello v2', isSystem: '0', forward: '' })
    expect(data.chat).toMatchObject({ dialogId: String(alice.id), type: 'private' })
    expect((body.auth as FormObject).application_token).toBe('synthetic-app-token')
    expect(body.event_handler_id).toMatch(/^\d+$/)
  })

  it('OAuth bots get their callback tokens in data[bot][auth]', async () => {
    const app = env.emulator.portal.addApp()
    const bot = env.emulator.portal.createBot({
      appId: app.clientId,
      code: 'oauth_v2',
      generation: 'v2',
      eventMode: 'webhook',
      webhookUrl: env.receiver.url,
    })
    env.emulator.portal.as(1).send(String(bot.id), 'hi')
    await env.emulator.portal.events.settled()
    const data = env.receiver.received.at(-1)?.body.data as FormObject
    const auth = (data.bot as FormObject).auth as FormObject
    expect(auth.user_id).toBe(String(bot.id))
    expect(auth.application_token).toBe(app.applicationToken)
    expect(keys(auth)).toEqual(
      [
        'access_token',
        'refresh_token',
        'expires',
        'expires_in',
        'scope',
        'domain',
        'server_endpoint',
        'status',
        'client_endpoint',
        'member_id',
        'user_id',
        'client_id',
        'application_token',
      ].sort(),
    )
  })

  it('a reaction on the bot’s message raises REACTIONCHANGE; a command raises COMMANDADD instead of MESSAGEADD', async () => {
    const bot = v2Bot('webhook')
    env.emulator.portal.addCommand({
      botId: bot.id,
      appId: bot.appId,
      command: 'help',
      common: false,
      hidden: false,
      extranetSupport: false,
      lang: [],
    })
    const sent = await call('imbot.message.add', { CLIENT_ID: 'token-1', BOT_ID: bot.id, DIALOG_ID: '1', MESSAGE: 'How can I help?' })
    expect(sent.error).toBeUndefined()
    await env.emulator.portal.events.settled()
    env.receiver.received.length = 0

    env.emulator.portal.as(1).react(sent.result as number, 'fire')
    env.emulator.portal.as(1).send(String(bot.id), '/help topic')
    await env.emulator.portal.events.settled()
    expect(env.receiver.events()).toEqual(['ONIMBOTV2REACTIONCHANGE', 'ONIMBOTV2COMMANDADD'])
    const [reaction, command] = env.receiver.received.map((received) => received.body.data as FormObject)
    expect(keys(reaction)).toEqual(keys(fetchExample('ONIMBOTV2REACTIONCHANGE')))
    expect(reaction).toMatchObject({ reaction: 'fire', action: 'add' })
    expect(keys(command)).toEqual(keys(fetchExample('ONIMBOTV2COMMANDADD')))
    expect(command?.command).toEqual({
      id: expect.stringMatching(/^\d+$/) as string,
      command: '/help',
      params: 'topic',
      context: 'textarea',
    })
  })
})

describe('v2 fetch bots: the Event.get queue', () => {
  it('queues events with native types and the extended bot; offset acknowledges, nextOffset continues', async () => {
    const bot = v2Bot('fetch')
    const alice = env.emulator.portal.createUser({ name: 'Alice' })
    env.emulator.portal.as(alice.id).send(String(bot.id), 'one')
    env.emulator.portal.as(alice.id).send(String(bot.id), 'two')
    await env.emulator.portal.events.settled()
    expect(env.receiver.received).toEqual([])

    const first = await poll(bot.id)
    expect(first.events.map((event) => event.type)).toEqual(['ONIMBOTV2JOINCHAT', 'ONIMBOTV2MESSAGEADD', 'ONIMBOTV2MESSAGEADD'])
    const add = first.events[1]
    expect(keys(add)).toEqual(['data', 'date', 'eventId', 'type'])
    expect(keys(add?.data)).toEqual(keys(fetchExample('ONIMBOTV2MESSAGEADD')))
    expect(keys(add?.data.bot)).toEqual(keys(fetchExample('ONIMBOTV2MESSAGEADD').bot))
    expect(add?.data.message).toMatchObject({ text: 'one', isSystem: false, forward: null })
    expect(first.nextOffset).toBe((first.events.at(-1)?.eventId ?? 0) + 1)
    expect(first.hasMore).toBe(false)

    // Without acknowledging, the same events come again (a crash before the next poll re-delivers).
    expect((await poll(bot.id)).events.map((event) => event.eventId)).toEqual(first.events.map((event) => event.eventId))
    // Acknowledging all: nothing left, and the cursor stays put.
    const second = await poll(bot.id, { offset: first.nextOffset })
    expect(second).toEqual({ events: [], nextOffset: first.nextOffset, hasMore: false })
    env.emulator.portal.as(alice.id).send(String(bot.id), 'three')
    const third = await poll(bot.id, { offset: second.nextOffset })
    expect(third.events.map((event) => (event.data.message as { text: string }).text)).toEqual(['three'])
  })

  it('limit pages with hasMore; offset acknowledges strictly below it', async () => {
    const bot = v2Bot('fetch')
    env.emulator.portal.as(1).openDialog(bot.id)
    const join = await poll(bot.id)
    for (const text of ['a', 'b', 'c', 'd']) env.emulator.portal.as(1).send(String(bot.id), text)
    const page = await poll(bot.id, { offset: join.nextOffset, limit: 2 })
    expect(page.events).toHaveLength(2)
    expect(page.hasMore).toBe(true)
    const last = page.events[1]?.eventId ?? 0
    // The misleading "pass eventId as offset" re-delivers that event: ids strictly below the offset go.
    const again = await poll(bot.id, { offset: last, limit: 1 })
    expect(again.events[0]?.eventId).toBe(last)
    const rest = await poll(bot.id, { offset: page.nextOffset, limit: 10 })
    expect(rest.events.map((event) => (event.data.message as { text: string }).text)).toEqual(['c', 'd'])
    expect(rest.hasMore).toBe(false)
  })

  it('the bot-level checks come first, then withUserEvents needs a subscription', async () => {
    const bot = v2Bot('fetch')
    const codes = async (params: Record<string, unknown>) => (await sdkCaller(() => env.emulator)('imbot.v2.Event.get', params)).error?.code
    expect(await codes({ botId: bot.id })).toBe('BOT_TOKEN_NOT_SPECIFIED')
    expect(await codes({ botToken: 'token-1' })).toBe('BOT_ID_REQUIRED')
    expect(await codes({ botToken: 'token-1', botId: 999 })).toBe('BOT_NOT_FOUND')
    expect(await codes({ botToken: 'wrong', botId: bot.id })).toBe('BOT_OWNERSHIP_ERROR')
    expect(await codes({ botToken: 'token-1', botId: bot.id, withUserEvents: true })).toBe('USER_NOT_SUBSCRIBED')
    const noIm = env.emulator.portal.addWebhook({ scopes: ['imbot'] })
    const answer = await call(
      'imbot.v2.Event.get',
      { botId: bot.id, withUserEvents: true },
      `${env.emulator.url}/rest/${String(noIm.userId)}/${noIm.secret}/`,
    )
    expect(answer.error?.code).toBe('SCOPE_ERROR')
    expect(answer.error?.status).toBe(400)
  })
})

describe('im.v2 user events', () => {
  it('record a subscribed user’s chats, bot replies included; one offset acknowledges both streams', async () => {
    const bot = v2Bot('fetch')
    const user = sdkCaller(() => env.emulator)
    expect((await user('im.v2.Event.get')).result).toEqual({ events: [], nextOffset: 1, hasMore: false })
    expect((await user('im.v2.Event.subscribe')).result).toBe(true)

    env.emulator.portal.as(1).send(String(bot.id), 'question')
    await call('imbot.message.add', { CLIENT_ID: 'token-1', BOT_ID: bot.id, DIALOG_ID: '1', MESSAGE: 'answer' })
    const mine = (await user('im.v2.Event.get')).result as QueueRead
    expect(mine.events.map((event) => [event.type, (event.data.message as { text: string }).text])).toEqual([
      ['ONIMV2MESSAGEADD', 'question'],
      ['ONIMV2MESSAGEADD', 'answer'],
    ])
    expect(keys(mine.events[0]?.data)).toEqual(keys(fetchExample('ONIMV2MESSAGEADD')))

    const both = await poll(bot.id, { withUserEvents: true })
    expect(both.events.map((event) => event.type)).toEqual([
      'ONIMBOTV2JOINCHAT',
      'ONIMV2MESSAGEADD',
      'ONIMBOTV2MESSAGEADD',
      'ONIMV2MESSAGEADD',
    ])
    await poll(bot.id, { withUserEvents: true, offset: both.nextOffset })
    expect(((await user('im.v2.Event.get')).result as QueueRead).events).toEqual([])

    expect((await user('im.v2.Event.unsubscribe')).result).toBe(true)
    env.emulator.portal.as(1).send(String(bot.id), 'unrecorded')
    expect(((await user('im.v2.Event.get')).result as QueueRead).events).toEqual([])
  })

  it('edits, deletes, reactions and joins are recorded too', async () => {
    const user = sdkCaller(() => env.emulator)
    await user('im.v2.Event.subscribe')
    const bob = env.emulator.portal.createUser({ name: 'Bob' })
    const chat = env.emulator.portal.as(1).createChat({ title: 'Pair' })
    env.emulator.portal.as(1).addToChat(chat.id, [bob.id])
    const message = env.emulator.portal.as(bob.id).send(`chat${String(chat.id)}`, 'hey')
    env.emulator.portal.as(bob.id).edit(message.id, 'hey!')
    env.emulator.portal.as(1).react(message.id)
    env.emulator.portal.as(bob.id).delete(message.id)
    const read = (await user('im.v2.Event.get')).result as QueueRead
    expect(read.events.map((event) => event.type)).toEqual([
      'ONIMV2JOINCHAT',
      'ONIMV2MESSAGEADD',
      'ONIMV2MESSAGEUPDATE',
      'ONIMV2REACTIONCHANGE',
      'ONIMV2MESSAGEDELETE',
    ])
    const [join, , , reaction, deleted] = read.events
    expect(keys(join?.data)).toEqual(['chat', 'dialogId', 'language', 'user'])
    expect((join?.data.user as { id: number }).id).toBe(bob.id)
    expect(keys(reaction?.data)).toEqual(['action', 'chat', 'language', 'message', 'reaction', 'user'])
    expect(keys(deleted?.data)).toEqual(['chat', 'language', 'messageId', 'user'])
  })

  it('are kept 24 hours', async () => {
    await env.emulator.close()
    env.emulator = await startEmulator({ clock: { frozen: true } })
    const user = sdkCaller(() => env.emulator)
    await user('im.v2.Event.subscribe')
    env.emulator.portal.as(1).createChat({ userIds: [env.emulator.portal.createUser().id] })
    expect(((await user('im.v2.Event.get')).result as QueueRead).events).toHaveLength(1)
    env.emulator.portal.clock.advance(24 * 3600 * 1000 + 1000)
    expect(((await user('im.v2.Event.get')).result as QueueRead).events).toEqual([])
  })
})
