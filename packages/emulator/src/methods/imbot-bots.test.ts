import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { restCaller } from '../../test/rest-call.ts'
import { startEmulator, type Emulator } from '../start-emulator.ts'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

const call = restCaller(() => emulator)

const handlers = {
  EVENT_MESSAGE_ADD: 'https://bot.example.com/add',
  EVENT_WELCOME_MESSAGE: 'https://bot.example.com/welcome',
  EVENT_BOT_DELETE: 'https://bot.example.com/delete',
}
const register = (extra: Record<string, unknown> = {}) =>
  call('imbot.register', { CLIENT_ID: 'myapp', CODE: 'echo', PROPERTIES: { NAME: 'Echo', LAST_NAME: 'Bot' }, ...handlers, ...extra })

describe('imbot.register', () => {
  it('creates a bot owned by custom<CLIENT_ID>, binds the handlers with ?CLIENT_ID= appended, and resolves to its id', async () => {
    const { status, body } = await register()
    expect(status).toBe(200)
    const bot = emulator.portal.bots.get(body.result as number)
    expect(bot).toMatchObject({ code: 'echo', type: 'B', openline: false, appId: 'custommyapp', name: 'Echo', lastName: 'Bot' })
    expect(emulator.portal.handlers.get('custommyapp')).toEqual({
      EVENT_MESSAGE_ADD: 'https://bot.example.com/add?CLIENT_ID=myapp',
      EVENT_WELCOME_MESSAGE: 'https://bot.example.com/welcome?CLIENT_ID=myapp',
      EVENT_BOT_DELETE: 'https://bot.example.com/delete?CLIENT_ID=myapp',
    })
  })

  it('is idempotent by CODE: the existing id, nothing updated', async () => {
    const first = await register()
    const again = await register({ PROPERTIES: { NAME: 'Other' } })
    expect(again.body.result).toBe(first.body.result)
    expect(emulator.portal.bots.get(first.body.result as number)?.name).toBe('Echo')
  })

  it('fills every handler from EVENT_HANDLER, and binds update/delete only for supervisor or Open Channels bots', async () => {
    await call('imbot.register', { CLIENT_ID: 'a', CODE: 'plain', PROPERTIES: { NAME: 'P' }, EVENT_HANDLER: 'https://h.example.com/x?k=1' })
    expect(Object.keys(emulator.portal.handlers.get('customa') ?? {})).toEqual([
      'EVENT_MESSAGE_ADD',
      'EVENT_CONTEXT_GET',
      'EVENT_WELCOME_MESSAGE',
      'EVENT_BOT_DELETE',
    ])
    expect(emulator.portal.handlers.get('customa')?.EVENT_MESSAGE_ADD).toBe('https://h.example.com/x?k=1&CLIENT_ID=a')
    await call('imbot.register', {
      CLIENT_ID: 'b',
      CODE: 'sup',
      TYPE: 'S',
      PROPERTIES: { NAME: 'S' },
      EVENT_HANDLER: 'https://h.example.com/y',
    })
    expect(Object.keys(emulator.portal.handlers.get('customb') ?? {})).toContain('EVENT_MESSAGE_UPDATE')
  })

  it("rebinds only the handlers it is given: another bot of the app keeps the app's command and update bindings (§3.1)", async () => {
    const sup = (
      await call('imbot.register', {
        CLIENT_ID: 'a',
        CODE: 'sup',
        TYPE: 'S',
        PROPERTIES: { NAME: 'S' },
        EVENT_HANDLER: 'https://h.example.com/y',
      })
    ).body.result as number
    await call('imbot.command.register', {
      CLIENT_ID: 'a',
      BOT_ID: sup,
      COMMAND: 'go',
      EVENT_COMMAND_ADD: 'https://h.example.com/cmd',
      LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Go' }],
    })
    await call('imbot.register', { CLIENT_ID: 'a', CODE: 'plain', PROPERTIES: { NAME: 'P' }, EVENT_HANDLER: 'https://h.example.com/z' })
    expect(emulator.portal.handlers.get('customa')).toMatchObject({
      EVENT_MESSAGE_ADD: 'https://h.example.com/z?CLIENT_ID=a',
      EVENT_MESSAGE_UPDATE: 'https://h.example.com/y?CLIENT_ID=a',
      EVENT_COMMAND_ADD: 'https://h.example.com/cmd?CLIENT_ID=a',
    })
  })

  it('rebinds the handlers also when the CODE already exists (steps 8-9: the id comes back, then bindEvent)', async () => {
    const first = await register()
    const again = await register({ EVENT_MESSAGE_ADD: 'https://moved.example.com/add' })
    expect(again.body.result).toBe(first.body.result)
    expect(emulator.portal.handlers.get('custommyapp')?.EVENT_MESSAGE_ADD).toBe('https://moved.example.com/add?CLIENT_ID=myapp')
  })

  it('reads TYPE strictly and OPENLINE loosely; type O forces Open Channels', async () => {
    const odd = await register({ CODE: 'odd', TYPE: 'X', OPENLINE: true })
    expect(emulator.portal.bots.get(odd.body.result as number)).toMatchObject({ type: 'B', openline: true })
    const lines = await register({ CODE: 'lines', TYPE: 'O' })
    expect(emulator.portal.bots.get(lines.body.result as number)).toMatchObject({ type: 'O', openline: true })
  })

  it.each([
    [{ CLIENT_ID: '' }, 403, 'ACCESS_DENIED'],
    [{ EVENT_MESSAGE_ADD: '' }, 400, 'EVENT_MESSAGE_ADD_ERROR'],
    [{ EVENT_WELCOME_MESSAGE: 'http://localhost:3000/welcome' }, 400, 'EVENT_WELCOME_MESSAGE_ERROR'],
    [{ EVENT_BOT_DELETE: 'ftp://bot.example.com/x' }, 400, 'EVENT_BOT_DELETE_ERROR'],
    [{ CODE: '' }, 400, 'CODE_ERROR'],
    [{ CODE: '0' }, 400, 'CODE_ERROR'],
    [{ PROPERTIES: { COLOR: 'RED' } }, 400, 'NAME_ERROR'],
  ])('refuses %j with %i %s, in the server order', async (extra, status, error) => {
    expect(await register(extra)).toMatchObject({ status, body: { error } })
  })

  it('explains handler errors like the server', async () => {
    expect((await register({ EVENT_MESSAGE_ADD: '' })).body.error_description).toBe('Handler for "Message add" event isn\'t specified')
    expect((await register({ EVENT_MESSAGE_ADD: 'http://localhost/x' })).body.error_description).toBe('Wrong handler URL')
    expect((await register({ EVENT_MESSAGE_ADD: 'ftp://a.example/x' })).body.error_description).toBe('Unsupported handler protocol')
    expect((await register({ EVENT_MESSAGE_ADD: 'http://127.0.0.1:3000/x' })).status).toBe(200)
  })

  it('takes the OAuth app as owner, without CLIENT_ID', async () => {
    const app = emulator.portal.addApp({ clientId: 'local.abc.1' })
    const { access_token } = emulator.portal.tokens.issue(app, 1)
    const { status, body } = await call(
      'imbot.register',
      { auth: access_token, CODE: 'oauthbot', PROPERTIES: { NAME: 'O' }, ...handlers },
      `${emulator.url}/rest/`,
    )
    expect(status).toBe(200)
    expect(emulator.portal.bots.get(body.result as number)?.appId).toBe('local.abc.1')
    expect(emulator.portal.handlers.get('local.abc.1')?.EVENT_MESSAGE_ADD).toBe('https://bot.example.com/add')
  })

  it("names the bot's user by PROPERTIES.NAME and LAST_NAME, not by CODE, and renames it on imbot.update", async () => {
    const app = emulator.portal.addApp({ clientId: 'local.named.1' })
    const { access_token } = emulator.portal.tokens.issue(app, 1)
    const oauth = (method: string, params: Record<string, unknown>) =>
      call(method, { auth: access_token, ...params }, `${emulator.url}/rest/`)
    const id = (await oauth('imbot.register', { CODE: 'echo', PROPERTIES: { NAME: 'Echo', LAST_NAME: 'Bot' }, ...handlers })).body
      .result as number
    const botUser = async () => ((await oauth('imbot.v2.Bot.list', {})).body.result as { users: Record<string, unknown>[] }).users[0]
    expect(await botUser()).toMatchObject({ id, name: 'Echo Bot', firstName: 'Echo', lastName: 'Bot' })
    await oauth('imbot.update', { BOT_ID: id, FIELDS: { PROPERTIES: { NAME: 'Parrot', LAST_NAME: '' } } })
    expect(await botUser()).toMatchObject({ id, name: 'Parrot', firstName: 'Parrot', lastName: '' })
  })
})

describe('imbot.update, imbot.unregister, imbot.bot.list', () => {
  it('lists every bot of the portal keyed by id, [] when none', async () => {
    expect((await call('imbot.bot.list', {})).body.result).toEqual([])
    const echo = (await register()).body.result as number
    const other = (await call('imbot.register', { CLIENT_ID: 'other', CODE: 'x', OPENLINE: 'Y', PROPERTIES: { NAME: 'X' }, ...handlers }))
      .body.result as number
    expect((await call('imbot.bot.list', {})).body.result).toEqual({
      [echo]: { ID: echo, NAME: 'Echo Bot', CODE: 'echo', OPENLINE: 'N' },
      [other]: { ID: other, NAME: 'X', CODE: 'x', OPENLINE: 'Y' },
    })
    // Network bots (TYPE N) are left out.
    emulator.portal.createBot({ appId: 'customnet', code: 'network', type: 'N' })
    expect(Object.keys((await call('imbot.bot.list', {})).body.result as object)).toEqual([String(echo), String(other)])
  })

  it('updates fields and handlers of its own bot only', async () => {
    const id = (await register()).body.result as number
    expect(
      await call('imbot.update', {
        CLIENT_ID: 'myapp',
        BOT_ID: id,
        FIELDS: { CODE: 'echo2', PROPERTIES: { NAME: 'New' }, EVENT_MESSAGE_ADD: 'https://n.example.com/add' },
      }),
    ).toMatchObject({ body: { result: true } })
    expect(emulator.portal.bots.get(id)).toMatchObject({ code: 'echo2', name: 'New' })
    expect(emulator.portal.handlers.get('custommyapp')?.EVENT_MESSAGE_ADD).toBe('https://n.example.com/add?CLIENT_ID=myapp')
    expect(await call('imbot.update', { CLIENT_ID: 'thief', BOT_ID: id, FIELDS: { CODE: 'x' } })).toMatchObject({
      status: 400,
      body: { error: 'APP_ID_ERROR' },
    })
    expect(await call('imbot.update', { CLIENT_ID: 'myapp', FIELDS: { CODE: 'x' } })).toMatchObject({
      status: 400,
      body: { error: 'BOT_ID_ERROR' },
    })
    expect(await call('imbot.update', { CLIENT_ID: 'myapp', BOT_ID: id, FIELDS: {} })).toMatchObject({
      status: 400,
      body: { error: 'WRONG_REQUEST', error_description: "Update fields can't be empty" },
    })
    expect(
      await call('imbot.update', { CLIENT_ID: 'myapp', BOT_ID: id, FIELDS: { PROPERTIES: { NAME: '', LAST_NAME: '' } } }),
    ).toMatchObject({ body: { error: 'NAME_ERROR' } })
  })

  it('unregisters only with BOT_ID, of its own bot', async () => {
    const id = (await register()).body.result as number
    expect(await call('imbot.unregister', { CLIENT_ID: 'myapp' })).toMatchObject({ status: 400, body: { error: 'BOT_ID_ERROR' } })
    expect(await call('imbot.unregister', { CLIENT_ID: 'other', BOT_ID: id })).toMatchObject({
      status: 400,
      body: { error: 'APP_ID_ERROR' },
    })
    expect(await call('imbot.unregister', { CLIENT_ID: 'myapp', BOT_ID: String(id) })).toMatchObject({
      status: 200,
      body: { result: true },
    })
    expect(emulator.portal.bots.has(id)).toBe(false)
    expect(await call('imbot.unregister', { CLIENT_ID: 'myapp', BOT_ID: id })).toMatchObject({
      status: 400,
      body: { error: 'BOT_ID_ERROR' },
    })
  })
})
