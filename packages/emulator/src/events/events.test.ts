import { describe, expect, it, vi } from 'vitest'
import type { FormObject, FormValue } from '@b24bot/core'
import { readEventsSpec } from '@b24bot/spec-fixtures'
import type { PortalBot } from '../model/entities.ts'
import { startReceiver, useEventPortal } from '../../test/event-receiver.ts'
import { sdkCaller } from '../../test/sdk-call.ts'

interface SpecEvent {
  readonly event: string
  readonly examplePayloads: Readonly<Record<string, Record<string, unknown>>>
}
const specEvents = readEventsSpec() as SpecEvent[]

/** The example payload of an event from the spec (`events.json`). */
function example(event: string, variant?: string): Record<string, unknown> {
  const spec = specEvents.find((candidate) => candidate.event === event)
  const payloads = spec?.examplePayloads ?? {}
  const chosen = payloads[variant ?? Object.keys(payloads)[0] ?? '']
  if (!chosen) throw new Error(`no example for ${event} ${variant ?? ''}`)
  return chosen
}

/** Keys of an object, sorted. */
const keys = (value: unknown): string[] => Object.keys(value as object).sort()
/** Keys of the single entry of an id-keyed map (`BOT`, `COMMAND`). */
const entryKeys = (value: unknown): string[] => keys(Object.values(value as object)[0])

/** Every leaf of a decoded form body is a string (the wire has nothing else). */
function leaves(value: FormValue): string[] {
  if (typeof value === 'string') return [value]
  return Object.values(value).flatMap((item: FormValue) => leaves(item))
}

const env = useEventPortal()
const call = sdkCaller(() => env.emulator)

/** Registers a classic bot through a webhook with CLIENT_ID `clientId` (all handlers at the env.receiver). */
async function classicWebhookBot(
  options: { readonly code?: string; readonly type?: string; readonly clientId?: string } = {},
): Promise<PortalBot> {
  const answer = await call('imbot.register', {
    CLIENT_ID: options.clientId ?? 'app_secret_1',
    CODE: options.code ?? 'helper',
    TYPE: options.type ?? 'B',
    EVENT_HANDLER: env.receiver.url,
    PROPERTIES: { NAME: 'Helper' },
  })
  const bot = env.emulator.portal.bots.get(answer.result as number)
  if (!bot) throw new Error(`register failed: ${answer.error?.code ?? ''}`)
  return bot
}

/** A classic bot of an installed OAuth app, with its handlers at the env.receiver. */
function classicAppBot(type: PortalBot['type'] = 'B'): PortalBot {
  const app = env.emulator.portal.addApp()
  const bot = env.emulator.portal.createBot({ appId: app.clientId, code: 'app_bot', type, name: 'App bot' })
  const url = env.receiver.url
  env.emulator.portal.handlers.set(app.clientId, {
    EVENT_MESSAGE_ADD: url,
    EVENT_MESSAGE_UPDATE: url,
    EVENT_MESSAGE_DELETE: url,
    EVENT_WELCOME_MESSAGE: url,
    EVENT_BOT_DELETE: url,
    EVENT_CONTEXT_GET: url,
    EVENT_COMMAND_ADD: url,
  })
  return bot
}

function human(name = 'Alice', lastName = 'Smith') {
  return env.emulator.portal.createUser({ name, lastName, gender: 'F' })
}

describe('classic delivery: the POST a handler gets', () => {
  it('a private chat: JOINCHAT when it is first opened, then MESSAGEADD, form-encoded with every scalar a string', async () => {
    const bot = await classicWebhookBot()
    const alice = human()
    const message = env.emulator.portal.as(alice.id).send(String(bot.id), 'Hello')
    await env.emulator.portal.events.settled()

    expect(env.receiver.events()).toEqual(['ONIMBOTJOINCHAT', 'ONIMBOTMESSAGEADD'])
    const [join, add] = env.receiver.received
    expect(add?.contentType).toBe('application/x-www-form-urlencoded')
    expect(add?.path).toBe('/?CLIENT_ID=app_secret_1')
    expect(add?.raw).toMatch(/(^|&)data\[PARAMS\]\[MESSAGE\]=Hello(&|$)/)
    for (const received of env.receiver.received) expect(leaves(received.body).every((leaf) => typeof leaf === 'string')).toBe(true)

    const body = add!.body
    const data = body.data as FormObject
    const params = data.PARAMS as FormObject
    const spec = example('ONIMBOTMESSAGEADD', 'Personal chat with the bot')
    expect(keys(params)).toEqual(keys((spec.data as FormObject).PARAMS))
    expect(keys(data.USER)).toEqual(keys((spec.data as FormObject).USER))
    expect(params).toMatchObject({
      MESSAGE: 'Hello',
      DIALOG_ID: String(alice.id),
      TO_USER_ID: String(bot.id),
      FROM_USER_ID: String(alice.id),
      MESSAGE_ID: String(message.id),
      CHAT_TYPE: 'P',
      CHAT_USER_COUNT: '2',
    })
    expect(data.USER).toMatchObject({ ID: String(alice.id), NAME: 'Alice Smith', FIRST_NAME: 'Alice', IS_BOT: 'N' })
    // A webhook client's bot gets no tokens: only BOT_ID and BOT_CODE; auth proves the origin with the raw CLIENT_ID.
    expect(data.BOT).toEqual({ [String(bot.id)]: { BOT_ID: String(bot.id), BOT_CODE: 'helper' } })
    expect(keys(body.auth)).toEqual(['application_token', 'client_endpoint', 'domain', 'member_id', 'server_endpoint'])
    expect((body.auth as FormObject).application_token).toBe('app_secret_1')
    expect(keys(body)).toEqual(['auth', 'data', 'event', 'event_handler_id', 'ts'])
    expect(env.emulator.portal.clock.seconds() - Number(body.ts)).toBeLessThanOrEqual(1)

    const joinParams = (join!.body.data as FormObject).PARAMS
    expect(keys(joinParams)).toEqual(
      [...keys((example('ONIMBOTJOINCHAT', 'Personal chat with the bot').data as FormObject).PARAMS), 'CHAT_ID'].sort(),
    )
    expect(joinParams).toMatchObject({ DIALOG_ID: String(alice.id), USER_ID: String(alice.id), BOT_ID: String(bot.id) })
  })

  it("an OAuth app's events carry the author's tokens and the bot's own, which work for calls back", async () => {
    const bot = classicAppBot()
    const alice = human()
    env.emulator.portal.as(alice.id).send(String(bot.id), 'Hi')
    await env.emulator.portal.events.settled()

    const add = env.receiver.received.find((received) => received.body.event === 'ONIMBOTMESSAGEADD')!.body
    const spec = example('ONIMBOTMESSAGEADD', 'Personal chat with the bot')
    expect(keys(add.auth)).toEqual(keys(spec.auth))
    expect(entryKeys((add.data as FormObject).BOT)).toEqual(entryKeys((spec.data as FormObject).BOT))
    const join = env.receiver.received.find((received) => received.body.event === 'ONIMBOTJOINCHAT')!.body
    expect(keys(join.auth)).toEqual(keys(example('ONIMBOTJOINCHAT', 'Personal chat with the bot').auth))

    const botAuth = ((add.data as FormObject).BOT as FormObject)[String(bot.id)] as FormObject
    expect(botAuth.user_id).toBe(String(bot.id))
    expect(botAuth.application_token).toBe(env.emulator.portal.apps[0]?.applicationToken)
    const response = await fetch(`${env.emulator.url}/rest/imbot.bot.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: botAuth.access_token }),
    })
    expect(response.status).toBe(200)
  })

  it("auth blocks say what a portal says: the app's status, as its token answers do, and the domain of client_endpoint", async () => {
    const bot = classicAppBot()
    const market = env.emulator.portal.installApp({ clientId: 'app.market.1', clientSecret: 'shh', handlerUrl: env.receiver.url })
    env.emulator.portal.as(human().id).send(String(bot.id), 'Hi')
    await env.emulator.portal.events.settled()
    const body = (event: string) => env.receiver.received.find((received) => received.body.event === event)!.body
    const add = body('ONIMBOTMESSAGEADD')
    const userAuth = add.auth as FormObject
    const botAuth = ((add.data as FormObject).BOT as FormObject)[String(bot.id)] as FormObject
    const installAuth = body('ONAPPINSTALL').auth as FormObject
    // On a portal `domain` is the host of `client_endpoint` (both `<portal>`); here that host has a port.
    for (const auth of [userAuth, botAuth, installAuth]) {
      expect(auth.client_endpoint).toBe(`${env.emulator.url}/rest/`)
      expect(auth.domain).toBe(new URL(env.emulator.url).host)
    }
    // A local app is L everywhere; a Marketplace app (here free) is F everywhere.
    expect([userAuth.status, botAuth.status]).toEqual(['L', 'L'])
    expect(installAuth.status).toBe('F')
    const refreshed = async (clientId: string, clientSecret: string, refreshToken: FormValue | undefined) => {
      const query = new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret })
      query.set('refresh_token', typeof refreshToken === 'string' ? refreshToken : '')
      return ((await (await fetch(`${env.emulator.url}/oauth/token/?${query.toString()}`)).json()) as { status: string }).status
    }
    const local = env.emulator.portal.apps[0]!
    expect(await refreshed(local.clientId, local.clientSecret, userAuth.refresh_token)).toBe(userAuth.status)
    expect(await refreshed(market.clientId, 'shh', installAuth.refresh_token)).toBe(installAuth.status)
  })

  it('a group chat: only mentioned member bots hear it, with mentions stripped; supervisors hear everything', async () => {
    const mentioned = await classicWebhookBot({ code: 'mentioned', clientId: 'one' })
    const quiet = await classicWebhookBot({ code: 'quiet', clientId: 'two' })
    const supervisor = await classicWebhookBot({ code: 'supervisor', type: 'S', clientId: 'three' })
    const alice = human()
    const chat = env.emulator.portal.as(alice.id).createChat({ title: 'Team', userIds: [mentioned.id, quiet.id, supervisor.id] })
    await env.emulator.portal.events.settled()
    expect(env.receiver.events()).toEqual(['ONIMBOTJOINCHAT', 'ONIMBOTJOINCHAT', 'ONIMBOTJOINCHAT'])
    env.receiver.received.length = 0

    env.emulator.portal.as(alice.id).send(`chat${String(chat.id)}`, `[USER=${String(mentioned.id)}]Mentioned[/USER], how are you?`)
    env.emulator.portal.as(alice.id).send(`chat${String(chat.id)}`, 'no one in particular')
    await env.emulator.portal.events.settled()

    const heard = env.receiver.received.map(
      (received) =>
        `${Object.keys((received.body.data as FormObject).BOT as FormObject).join()}:${((received.body.data as FormObject).PARAMS as FormObject).MESSAGE as string}`,
    )
    expect(heard.sort()).toEqual(
      [
        `${String(mentioned.id)}:how are you?`,
        `${String(supervisor.id)}:how are you?`,
        `${String(supervisor.id)}:no one in particular`,
      ].sort(),
    )
    const first = (env.receiver.received[0]?.body.data as FormObject).PARAMS as FormObject
    expect(keys(first)).toEqual(keys((example('ONIMBOTMESSAGEADD', 'Group chat').data as FormObject).PARAMS))
    expect(first).toMatchObject({
      DIALOG_ID: `chat${String(chat.id)}`,
      MESSAGE_ORIGINAL: `[USER=${String(mentioned.id)}]Mentioned[/USER], how are you?`,
      TO_USER_ID: String(mentioned.id),
    })
  })

  it('bots never hear bots: a bot message raises no bot event', async () => {
    const bot = await classicWebhookBot()
    const other = await classicWebhookBot({ code: 'other', type: 'S', clientId: 'other' })
    const alice = human()
    const chat = env.emulator.portal.as(alice.id).createChat({ userIds: [bot.id, other.id] })
    await env.emulator.portal.events.settled()
    env.receiver.received.length = 0
    const answer = await call('imbot.message.add', {
      CLIENT_ID: 'app_secret_1',
      BOT_ID: bot.id,
      DIALOG_ID: `chat${String(chat.id)}`,
      MESSAGE: `[USER=${String(other.id)}]x[/USER] hi`,
    })
    expect(answer.error).toBeUndefined()
    await env.emulator.portal.events.settled()
    expect(env.receiver.received).toEqual([])
  })

  it('a typed command raises only ONIMCOMMANDADD and opens the 10-minute answer window', async () => {
    const bot = await classicWebhookBot()
    const alice = human()
    const registered = await call('imbot.command.register', {
      CLIENT_ID: 'app_secret_1',
      BOT_ID: bot.id,
      COMMAND: 'echo',
      EVENT_COMMAND_ADD: env.receiver.url,
      LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Echo' }],
    })
    expect(registered.error).toBeUndefined()
    env.emulator.portal.as(alice.id).openDialog(bot.id)
    await env.emulator.portal.events.settled()
    env.receiver.received.length = 0

    const message = env.emulator.portal.as(alice.id).send(String(bot.id), '/echo test')
    await env.emulator.portal.events.settled()
    expect(env.receiver.events()).toEqual(['ONIMCOMMANDADD'])
    const body = env.receiver.received[0]!.body
    const data = body.data as FormObject
    const spec = example('ONIMCOMMANDADD', 'Personal chat with the bot')
    expect(keys(data)).toEqual(['COMMAND', 'PARAMS', 'USER'])
    // server-behavior §3.5: the docs example lacks WORK_POSITION, the server sends it.
    expect(keys(data.USER)).toEqual([...keys((spec.data as FormObject).USER), 'WORK_POSITION'].sort())
    expect(keys(data.PARAMS)).toEqual(keys((spec.data as FormObject).PARAMS))
    expect(data.COMMAND).toEqual({
      [String(registered.result)]: {
        BOT_ID: String(bot.id),
        BOT_CODE: 'helper',
        COMMAND: 'echo',
        COMMAND_ID: String(registered.result),
        COMMAND_PARAMS: 'test',
        COMMAND_CONTEXT: 'TEXTAREA',
        MESSAGE_ID: String(message.id),
      },
    })
    expect((data.PARAMS as FormObject).MESSAGE).toBe('/echo test')
    expect(env.emulator.portal.hasCommandToken(bot.id, String(alice.id))).toBe(true)
  })

  it('a keyboard COMMAND button raises the command with COMMAND_CONTEXT KEYBOARD and no new message', async () => {
    const bot = await classicWebhookBot()
    const alice = human()
    await call('imbot.command.register', {
      CLIENT_ID: 'app_secret_1',
      BOT_ID: bot.id,
      COMMAND: 'pick',
      EVENT_COMMAND_ADD: env.receiver.url,
      LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Pick' }],
    })
    const sent = await call('imbot.message.add', {
      CLIENT_ID: 'app_secret_1',
      BOT_ID: bot.id,
      DIALOG_ID: String(alice.id),
      MESSAGE: 'Choose',
      KEYBOARD: [
        { TEXT: 'Red', COMMAND: 'pick', COMMAND_PARAMS: 'red' },
        { TYPE: 'NEWLINE' },
        { TEXT: 'Blue', COMMAND: 'pick', COMMAND_PARAMS: 'blue' },
      ],
    })
    await env.emulator.portal.events.settled()
    env.receiver.received.length = 0
    const messages = env.emulator.portal.messages.size

    env.emulator.portal.as(alice.id).press(sent.result as number, 'Blue')
    await env.emulator.portal.events.settled()
    expect(env.emulator.portal.messages.size).toBe(messages)
    const command = Object.values((env.receiver.received[0]!.body.data as FormObject).COMMAND as FormObject)[0]
    expect(command).toMatchObject({ COMMAND: 'pick', COMMAND_PARAMS: 'blue', COMMAND_CONTEXT: 'KEYBOARD', MESSAGE_ID: String(sent.result) })
  })

  it('edits and deletes reach supervisor bots (update and delete handlers are bound only for S and O)', async () => {
    const bot = await classicWebhookBot({ type: 'S' })
    const alice = human()
    const message = env.emulator.portal.as(alice.id).send(String(bot.id), 'first')
    env.emulator.portal.as(alice.id).edit(message.id, 'second')
    env.emulator.portal.as(alice.id).delete(message.id)
    await env.emulator.portal.events.settled()
    expect(env.receiver.events()).toEqual(['ONIMBOTJOINCHAT', 'ONIMBOTMESSAGEADD', 'ONIMBOTMESSAGEUPDATE', 'ONIMBOTMESSAGEDELETE'])
    const update = (env.receiver.received[2]?.body.data as FormObject).PARAMS as FormObject
    expect(keys(update)).toEqual(keys((example('ONIMBOTMESSAGEUPDATE', 'Personal chat with the bot').data as FormObject).PARAMS))
    expect(update.MESSAGE).toBe('second')
    const deleted = (env.receiver.received[3]?.body.data as FormObject).PARAMS as FormObject
    expect(keys(deleted)).toEqual(keys((example('ONIMBOTMESSAGEDELETE', 'Personal chat with the bot').data as FormObject).PARAMS))

    const plain = await classicWebhookBot({ code: 'plain', clientId: 'plain' })
    env.receiver.received.length = 0
    const other = env.emulator.portal.as(alice.id).send(String(plain.id), 'hi')
    env.emulator.portal.as(alice.id).edit(other.id, 'changed')
    await env.emulator.portal.events.settled()
    expect(env.receiver.events()).toEqual(['ONIMBOTJOINCHAT', 'ONIMBOTMESSAGEADD'])
  })

  it('a deleted group message reaches the bots its add reached: a mentioned bot that bound DELETE with imbot.update', async () => {
    const bot = await classicWebhookBot()
    expect(
      (await call('imbot.update', { CLIENT_ID: 'app_secret_1', BOT_ID: bot.id, FIELDS: { EVENT_MESSAGE_DELETE: env.receiver.url } }))
        .result,
    ).toBe(true)
    const alice = human()
    const chat = env.emulator.portal.as(alice.id).createChat({ userIds: [bot.id] })
    const message = env.emulator.portal.as(alice.id).send(`chat${String(chat.id)}`, `[USER=${String(bot.id)}]Helper[/USER], bye`)
    await env.emulator.portal.events.settled()
    env.receiver.received.length = 0
    env.emulator.portal.as(alice.id).delete(message.id)
    await env.emulator.portal.events.settled()
    expect(env.receiver.events()).toEqual(['ONIMBOTMESSAGEDELETE'])
    const params = (env.receiver.received[0]?.body.data as FormObject).PARAMS as FormObject
    expect(keys(params)).toEqual(keys((example('ONIMBOTMESSAGEDELETE', 'Group chat').data as FormObject).PARAMS))
  })

  it('a command in a group chat keeps the fields message events strip: CHAT_PARENT_ID, CHAT_PARENT_MID, BOT_IN_CHAT', async () => {
    const bot = await classicWebhookBot()
    await call('imbot.command.register', {
      CLIENT_ID: 'app_secret_1',
      BOT_ID: bot.id,
      COMMAND: 'echo',
      EVENT_COMMAND_ADD: env.receiver.url,
      LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Echo' }],
    })
    const alice = human()
    const chat = env.emulator.portal.as(alice.id).createChat({ userIds: [bot.id] })
    await env.emulator.portal.events.settled()
    env.receiver.received.length = 0
    env.emulator.portal.as(alice.id).send(`chat${String(chat.id)}`, '/echo test')
    await env.emulator.portal.events.settled()
    expect(env.receiver.events()).toEqual(['ONIMCOMMANDADD'])
    const params = (env.receiver.received[0]?.body.data as FormObject).PARAMS as FormObject
    expect(keys(params)).toEqual(keys((example('ONIMCOMMANDADD', 'Group chat').data as FormObject).PARAMS))
    expect(params).toMatchObject({ CHAT_PARENT_ID: '0', CHAT_PARENT_MID: '0', BOT_IN_CHAT: { [String(bot.id)]: String(bot.id) } })
  })

  it("imbot.unregister by an OAuth app: ONIMBOTDELETE's auth is the calling user's, without refresh_token", async () => {
    const bot = classicAppBot()
    const app = env.emulator.portal.apps.find((candidate) => candidate.clientId === bot.appId)!
    const { access_token: token } = env.emulator.portal.tokens.issue(app, 1)
    expect((await call('imbot.unregister', { auth: token, BOT_ID: bot.id }, `${env.emulator.url}/rest/`)).result).toBe(true)
    await env.emulator.portal.events.settled()
    const deleted = env.receiver.received.find((received) => received.body.event === 'ONIMBOTDELETE')!.body
    expect(keys(deleted.auth)).toEqual(keys(example('ONIMBOTDELETE').auth))
    expect((deleted.auth as FormObject).user_id).toBe('1')
  })

  it('ONIMBOTDELETE carries BOT_ID and BOT_CODE only; ONIMBOTCONTEXTGET comes from im.v2.Chat.Bot.sendContext', async () => {
    const bot = classicAppBot()
    env.emulator.portal.bots.delete(bot.id)
    env.emulator.portal.events.botDeleted(bot, 1)
    await env.emulator.portal.events.settled()
    const deleted = env.receiver.received[0]!.body
    expect(deleted.event).toBe('ONIMBOTDELETE')
    expect(deleted.data).toEqual({ BOT_ID: String(bot.id), BOT_CODE: 'app_bot' })
    expect(keys(deleted.auth)).toEqual(keys(example('ONIMBOTDELETE').auth))

    const contextBot = classicAppBot()
    env.receiver.received.length = 0
    expect(
      (await call('im.v2.Chat.Bot.sendContext', { dialogId: String(contextBot.id), context: { entityType: 'task', entityId: 164 } }))
        .result,
    ).toBe(true)
    await env.emulator.portal.events.settled()
    expect(env.receiver.events()).toContain('ONIMBOTCONTEXTGET')
    const context = env.receiver.received.find((received) => received.body.event === 'ONIMBOTCONTEXTGET')?.body.data as FormObject
    expect(context.PARAMS).toMatchObject({ CONTEXT: { entityType: 'task', entityId: '164' }, DIALOG_ID: '1', USER_ID: '1' })
  })

  it('app lifecycle: ONAPPINSTALL with tokens, ONAPPUPDATE, ONAPPUNINSTALL with only the application token', async () => {
    const app = env.emulator.portal.installApp({ handlerUrl: env.receiver.url, version: '1.0.0' })
    env.emulator.portal.updateApp(app, '1.1.0')
    env.emulator.portal.uninstallApp(app, { clean: true })
    await env.emulator.portal.events.settled()
    expect(env.receiver.events()).toEqual(['ONAPPINSTALL', 'ONAPPUPDATE', 'ONAPPUNINSTALL'])
    const [install, update, uninstall] = env.receiver.received.map((received) => received.body)
    for (const [body, event] of [
      [install, 'ONAPPINSTALL'],
      [update, 'ONAPPUPDATE'],
      [uninstall, 'ONAPPUNINSTALL'],
    ] as const) {
      expect(keys(body?.data)).toEqual(keys(example(event).data))
      expect((body?.auth as FormObject).application_token).toBe(app.applicationToken)
    }
    expect(keys(uninstall?.auth)).toEqual(keys(example('ONAPPUNINSTALL').auth))
    expect(update?.data).toMatchObject({ VERSION: '1.1.0', PREVIOUS_VERSION: '1.0.0' })
  })
})

describe('delivery rules', () => {
  it('goes out after the triggering response, once, and is not retried when the handler fails', async () => {
    const bot = await classicWebhookBot()
    const alice = human()
    env.receiver.respondWith(500)
    const release = env.emulator.portal.events.hold()
    env.emulator.portal.as(alice.id).send(String(bot.id), 'held')
    expect(env.emulator.portal.events.deliveries.map((delivery) => delivery.state)).toEqual(['held', 'held'])
    // While held, the portal is not settled: nothing has been sent, and nothing will be until release.
    let settled = false
    const settling = env.emulator.portal.events.settled().then(() => {
      settled = true
    })
    await Promise.resolve()
    expect(settled).toBe(false)
    expect(env.emulator.portal.events.deliveries.map((delivery) => delivery.state)).toEqual(['held', 'held'])
    expect(env.receiver.received).toEqual([])
    release()
    await settling
    expect(env.receiver.events()).toEqual(['ONIMBOTJOINCHAT', 'ONIMBOTMESSAGEADD'])
    expect(env.emulator.portal.events.deliveries.map((delivery) => [delivery.state, delivery.status])).toEqual([
      ['failed', 500],
      ['failed', 500],
    ])
    // Settled means no delivery is held, delayed or in flight: no retry is pending.
    await env.emulator.portal.events.settled()
    expect(env.emulator.portal.events.deliveries).toHaveLength(2)
    expect(env.receiver.received).toHaveLength(2)
  })

  it('an unreachable handler is a failed delivery, nothing more', async () => {
    const bot = await classicWebhookBot()
    await env.receiver.close()
    env.emulator.portal.as(human().id).send(String(bot.id), 'anyone?')
    await env.emulator.portal.events.settled()
    expect(env.emulator.portal.events.deliveries.every((delivery) => delivery.state === 'failed' && delivery.error !== undefined)).toBe(
      true,
    )
    env.receiver = await startReceiver()
  })

  it('faults drop or delay deliveries', async () => {
    const bot = await classicWebhookBot()
    const alice = human()
    env.emulator.portal.as(alice.id).openDialog(bot.id)
    await env.emulator.portal.events.settled()
    env.receiver.received.length = 0

    env.emulator.portal.events.fault({ event: 'ONIMBOTMESSAGEADD', drop: true })
    env.emulator.portal.events.fault({ event: 'ONIMBOTMESSAGEADD', delayMs: 300 })
    env.emulator.portal.as(alice.id).send(String(bot.id), 'lost')
    env.emulator.portal.as(alice.id).send(String(bot.id), 'late')
    env.emulator.portal.as(alice.id).send(String(bot.id), 'on time')
    const [, late, onTime] = env.emulator.portal.events.deliveries.slice(-3)
    // Wait for the undelayed delivery to land (a signal, not a guessed sleep); the delayed one is still waiting.
    await vi.waitFor(() => {
      expect(onTime?.state).toBe('delivered')
    })
    expect(late?.state).toBe('delayed')
    const texts = () => env.receiver.received.map((received) => ((received.body.data as FormObject).PARAMS as FormObject).MESSAGE)
    expect(texts()).toEqual(['on time'])
    await env.emulator.portal.events.settled()
    expect(texts()).toEqual(['on time', 'late'])
    expect(env.emulator.portal.events.deliveries.filter((delivery) => delivery.state === 'dropped')).toHaveLength(1)
  })

  it('a call through the REST API delivers its events after its response', async () => {
    const bot = await classicWebhookBot()
    const alice = human()
    const chat = env.emulator.portal.as(alice.id).createChat({ userIds: [bot.id] })
    await env.emulator.portal.events.settled()
    env.receiver.received.length = 0
    const other = await classicWebhookBot({ code: 'second', clientId: 'second' })
    const added = await call('imbot.chat.user.add', { CLIENT_ID: 'app_secret_1', BOT_ID: bot.id, CHAT_ID: chat.id, USERS: [other.id] })
    expect(added.result).toBe(true)
    await env.emulator.portal.events.settled()
    expect(env.receiver.events()).toEqual(['ONIMBOTJOINCHAT'])
    expect(((env.receiver.received[0]?.body.data as FormObject).PARAMS as FormObject).USER_ID).toBe(String(bot.id))
  })
})
