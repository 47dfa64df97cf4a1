import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readExample } from '@b24bot/spec-fixtures'
import { sdkCaller } from '../../test/sdk-call.ts'
import type { PortalApp } from '../model/entities.ts'
import { startEmulator, type Emulator } from '../start-emulator.ts'

/** A spec example (`examples-v2/<method>.json`): the request and the documented response. */
interface Example {
  readonly params: Record<string, unknown>
  readonly response: { readonly result: Record<string, unknown> }
}
const example = (method: string): Example => readExample(method) as Example

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator({ clock: { frozen: true, start: Date.UTC(2026, 10, 24, 12) } })
})
afterEach(async () => {
  await emulator.close()
})

const call = sdkCaller(() => emulator)
const keys = (value: unknown) => Object.keys(value as object).sort()
const errorOf = async (method: string, params: Record<string, unknown>) => {
  const { error } = await call(method, params)
  return { code: error?.code, status: error?.status }
}

/** An OAuth call with an app's access token (the SDK caller speaks webhooks only). */
const oauth = async (app: PortalApp, method: string, params: Record<string, unknown> = {}) => {
  const { access_token } = emulator.portal.tokens.issue(app, 1)
  const response = await fetch(`${emulator.url}/rest/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...params, auth: access_token }),
  })
  return { status: response.status, body: (await response.json()) as { result?: Record<string, unknown>; error?: string } }
}

const fields = (extra: Record<string, unknown> = {}) => ({
  code: 'support_bot',
  botToken: 'tok',
  properties: { name: 'Support Bot' },
  ...extra,
})
const register = async (extra: Record<string, unknown> = {}) => {
  const { result, error } = await call('imbot.v2.Bot.register', { fields: fields(extra) })
  if (error) throw error
  return (result as { bot: { id: number } }).bot.id
}

describe('imbot.v2.Bot.register', () => {
  it('registers a fetch-mode bot owned by custom<botToken> and answers { bot, users } like the example', async () => {
    const spec = example('imbot.v2.Bot.register')
    const { result } = await call('imbot.v2.Bot.register', spec.params)
    const { bot, users } = result as { bot: Record<string, unknown>; users: Record<string, unknown>[] }
    expect(keys(result)).toEqual(keys(spec.response.result))
    expect(keys(bot)).toEqual(keys(spec.response.result.bot))
    const specUser = (spec.response.result.users as object[])[0]
    expect(keys(users[0])).toEqual(expect.arrayContaining(keys(specUser)))
    expect(bot).toMatchObject({
      code: 'support_bot',
      type: 'bot',
      eventMode: 'fetch',
      moduleId: 'rest',
      isHidden: false,
      isReactionsEnabled: true,
      backgroundId: null,
      language: 'en',
    })
    expect(users[0]).toMatchObject({ id: bot.id, name: 'Support Bot', workPosition: 'AI Assistant', bot: true, type: 'bot' })
    const stored = emulator.portal.bots.get(bot.id as number)
    expect(stored).toMatchObject({ appId: 'custommy_bot_token', generation: 'v2', eventMode: 'fetch' })
    // A webhook-authorized bot's events carry a synthetic token of its own, not its botToken.
    expect(stored?.applicationToken).toMatch(/^[a-z0-9]{32}$/)
  })

  it('is idempotent by code for the same caller (unchanged), and refuses the code to another one', async () => {
    const id = await register()
    const again = await call('imbot.v2.Bot.register', { fields: fields({ properties: { name: 'Renamed' }, isHidden: true }) })
    expect(again.result).toMatchObject({ bot: { id, isHidden: false }, users: [{ name: 'Support Bot' }] })
    expect(await errorOf('imbot.v2.Bot.register', { fields: fields({ botToken: 'other' }) })).toEqual({
      code: 'BOT_CODE_ALREADY_TAKEN',
      status: 400,
    })
  })

  it('takes a top-level botToken too (the quick-start form), and the rest of the fields', async () => {
    const { result } = await call('imbot.v2.Bot.register', {
      botToken: 'top',
      fields: {
        code: 'watcher',
        type: 'supervisor',
        eventMode: 'WEBHOOK',
        webhookUrl: 'https://bot.example.com/hook',
        isHidden: 'Y',
        isReactionsEnabled: false,
        isSupportOpenline: true,
        backgroundId: 'mint',
        properties: { name: 'Watch', lastName: 'Dog', gender: 'F', color: 'lightBlue' },
      },
    })
    const { bot } = result as { bot: { id: number } }
    expect(result).toMatchObject({
      bot: {
        type: 'supervisor',
        eventMode: 'webhook',
        isHidden: true,
        isReactionsEnabled: false,
        isSupportOpenline: true,
        backgroundId: 'mint',
      },
    })
    expect(emulator.portal.bots.get(bot.id)).toMatchObject({
      appId: 'customtop',
      webhookUrl: 'https://bot.example.com/hook',
      properties: { COLOR: 'LIGHT_BLUE' },
    })
    expect(emulator.portal.users.get(bot.id)).toMatchObject({ name: 'Watch', lastName: 'Dog', gender: 'F' })
    const unknownBackground = await call('imbot.v2.Bot.register', { fields: fields({ code: 'x', backgroundId: 'pink' }) })
    expect(unknownBackground.result).toMatchObject({ bot: { backgroundId: null } })
  })

  const png = (width: number, height: number) => {
    const bytes = Buffer.alloc(33)
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes)
    bytes.writeUInt32BE(width, 16)
    bytes.writeUInt32BE(height, 20)
    return bytes.toString('base64')
  }

  it.each([
    ['no botToken', { fields: { ...fields(), botToken: undefined } }, 'BOT_TOKEN_NOT_SPECIFIED'],
    ['a botToken of 41 characters, before anything else', { fields: { botToken: 'x'.repeat(41) } }, 'BOT_TOKEN_INVALID_LENGTH'],
    ['no code, before the properties', { fields: { botToken: 'tok' } }, 'BOT_CODE_REQUIRED'],
    ['no name', { fields: fields({ properties: { workPosition: 'x' } }) }, 'BOT_PROPERTIES_REQUIRED'],
    ['an unknown event mode, before the webhook URL', { fields: fields({ eventMode: 'push' }) }, 'BOT_INVALID_EVENT_MODE'],
    ['webhook mode without a URL', { fields: fields({ eventMode: 'webhook' }) }, 'BOT_WEBHOOK_URL_REQUIRED'],
    ['an unknown type', { fields: fields({ type: 'robot' }) }, 'BOT_INVALID_TYPE'],
    [
      'a URL without a dotted host',
      { fields: fields({ eventMode: 'webhook', webhookUrl: 'http://localhost:3000/hook' }) },
      'BOT_INVALID_CALLBACK',
    ],
    ['an ftp URL', { fields: fields({ eventMode: 'webhook', webhookUrl: 'ftp://bot.example.com/hook' }) }, 'BOT_INVALID_CALLBACK'],
    ['an avatar that is not an image', { fields: fields({ properties: { name: 'A', avatar: 'aGVsbG8=' } }) }, 'BOT_AVATAR_INCORRECT_TYPE'],
    ['an avatar wider than 5000', { fields: fields({ properties: { name: 'A', avatar: png(5001, 10) } }) }, 'BOT_AVATAR_INCORRECT_SIZE'],
  ])('refuses %s', async (_case, params, code) => {
    expect(await errorOf('imbot.v2.Bot.register', params)).toEqual({ code, status: 400 })
    expect(emulator.portal.bots.size).toBe(0)
  })

  it('accepts a small PNG avatar, and answers BOT_LIMIT_EXCEEDED at 100 bots of one app', async () => {
    await register({ properties: { name: 'A', avatar: png(64, 64) } })
    for (let index = 1; index < 100; index += 1) emulator.portal.createBot({ appId: 'customtok', code: `filler${String(index)}` })
    expect(await errorOf('imbot.v2.Bot.register', { fields: fields({ code: 'one_more' }) })).toEqual({
      code: 'BOT_LIMIT_EXCEEDED',
      status: 400,
    })
    // The limit counts per application: another token still registers.
    expect((await call('imbot.v2.Bot.register', { fields: fields({ code: 'one_more', botToken: 'other' }) })).result).toBeDefined()
  })

  it('registers for an OAuth app without a botToken; its events carry the app token', async () => {
    const app = emulator.portal.addApp()
    const { status, body } = await oauth(app, 'imbot.v2.Bot.register', { fields: { code: 'oauth_bot', properties: { name: 'O' } } })
    expect(status).toBe(200)
    const id = (body.result?.bot as { id: number }).id
    expect(emulator.portal.bots.get(id)).toMatchObject({ appId: app.clientId, applicationToken: app.applicationToken })
  })
})

describe('imbot.v2.Bot.update', () => {
  it('changes properties and flags and answers { bot, users } like the example; unnamed profile keys are cleared', async () => {
    const spec = example('imbot.v2.Bot.update')
    const id = await register({ properties: { name: 'Support Bot', lastName: 'Desk', workPosition: 'Helper' } })
    const { result } = await call('imbot.v2.Bot.update', { ...spec.params, botId: id, botToken: 'tok' })
    expect(keys(result)).toEqual(keys(spec.response.result))
    expect(keys((result as { bot: object }).bot)).toEqual(keys(spec.response.result.bot))
    expect(result).toMatchObject({ bot: { id, isHidden: true }, users: [{ id, name: 'Updated Bot', lastName: '', workPosition: '' }] })
    // A blank name is kept.
    await call('imbot.v2.Bot.update', { botId: id, botToken: 'tok', fields: { properties: { name: ' ', lastName: 'Two' } } })
    expect(emulator.portal.users.get(id)).toMatchObject({ name: 'Updated Bot', lastName: 'Two' })
  })

  it("shows the profile colour as the bot user's HEX colour (imbot-v2 §8.6, §10.2); an unknown code is ignored", async () => {
    const id = await register({ properties: { name: 'Support Bot', color: 'graphite' } })
    const colorOf = (result: unknown) => (result as { users: { color: string }[] }).users[0]?.color
    expect(colorOf((await call('imbot.v2.Bot.get', { botToken: 'tok', botId: id })).result)).toBe('#5e5f5e')
    const update = (color: string) =>
      call('imbot.v2.Bot.update', { botId: id, botToken: 'tok', fields: { properties: { name: 'Support Bot', color } } })
    expect(colorOf((await update('darkBlue')).result)).toBe('#3e99ce')
    expect(colorOf((await update('orange')).result)).toBe('#3e99ce')
    // COPILOT is safe too (`Color::isSafeColor`, the same list as imbot.chat.updateColor), though the v2 docs leave it out.
    await update('copilot')
    expect(emulator.portal.bots.get(id)?.properties.COLOR).toBe('COPILOT')
  })

  it('reads booleans as normalizeBooleanVariable does: TRUE/FALSE and Y/N in any case (imbot-v2 §3)', async () => {
    const id = await register()
    const update = (flags: Record<string, unknown>) => call('imbot.v2.Bot.update', { botId: id, botToken: 'tok', fields: flags })
    expect((await update({ isHidden: 'TRUE', isSupportOpenline: 'True', isReactionsEnabled: 'FALSE' })).result).toMatchObject({
      bot: { isHidden: true, isSupportOpenline: true, isReactionsEnabled: false },
    })
    expect((await update({ isHidden: 'n', isSupportOpenline: 'False', isReactionsEnabled: 'y' })).result).toMatchObject({
      bot: { isHidden: false, isSupportOpenline: false, isReactionsEnabled: true },
    })
  })

  it.each([
    [{ botToken: undefined }, 'BOT_TOKEN_NOT_SPECIFIED'],
    [{ botId: undefined }, 'BOT_ID_REQUIRED'],
    [{ botId: 99_999 }, 'BOT_NOT_FOUND'],
    [{ botToken: 'wrong' }, 'BOT_OWNERSHIP_ERROR'],
    [{ fields: { eventMode: 'poll' } }, 'BOT_INVALID_EVENT_MODE'],
    [{ fields: { properties: { avatar: 'bm90IGFuIGltYWdl' } } }, 'BOT_AVATAR_INCORRECT_TYPE'],
    [{ fields: { botToken: 'n'.repeat(41) } }, 'BOT_TOKEN_INVALID_LENGTH'],
  ])('refuses %j with %s, changing nothing', async (extra, code) => {
    const id = await register()
    expect(await errorOf('imbot.v2.Bot.update', { botId: id, botToken: 'tok', fields: { isHidden: true }, ...extra })).toEqual({
      code,
      status: 400,
    })
    expect(emulator.portal.bots.get(id)).toMatchObject({ isHidden: false, appId: 'customtok' })
  })

  it('rotates the botToken: the old one stops working at once, commands follow, collisions fail', async () => {
    const id = await register()
    const other = await register({ code: 'other_bot', botToken: 'taken' })
    const command = emulator.portal.addCommand({
      botId: id,
      appId: 'customtok',
      command: 'help',
      common: false,
      hidden: false,
      extranetSupport: false,
      lang: [],
    })
    const chatApp = emulator.portal.addChatApp({
      appId: 'customtok',
      botId: id,
      code: 'panel',
      context: 'ALL',
      js: "BXIM.sendMessage('/help');",
      iframe: '',
      iframeWidth: 0,
      iframeHeight: 0,
      iframePopup: false,
      hash: '',
      hidden: false,
      extranetSupport: false,
      livechatSupport: false,
      lang: [],
    })
    expect(await errorOf('imbot.v2.Bot.update', { botId: id, botToken: 'tok', fields: { botToken: 'taken' } })).toEqual({
      code: 'BOT_TOKEN_ROTATION_FAILED',
      status: 400,
    })
    expect((await call('imbot.v2.Bot.update', { botId: id, botToken: 'tok', fields: { botToken: '  fresh  ' } })).result).toBeDefined()
    expect(emulator.portal.bots.get(id)?.appId).toBe('customfresh')
    expect(emulator.portal.commands.get(command.id)?.appId).toBe('customfresh')
    expect(emulator.portal.chatApps.get(chatApp.id)?.appId).toBe('customfresh')
    // The old token is a stranger now: it reads the brief bot.
    expect((await call('imbot.v2.Bot.get', { botId: id, botToken: 'tok' })).result).not.toHaveProperty('bot.eventMode')
    expect(await errorOf('imbot.v2.Bot.update', { botId: id, botToken: 'tok', fields: {} })).toEqual({
      code: 'BOT_OWNERSHIP_ERROR',
      status: 400,
    })
    // A blank new token is ignored.
    expect((await call('imbot.v2.Bot.update', { botId: id, botToken: 'fresh', fields: { botToken: '   ' } })).result).toBeDefined()
    expect(emulator.portal.bots.get(other)?.appId).toBe('customtaken')
  })

  it('refuses to rotate an OAuth bot', async () => {
    const app = emulator.portal.addApp()
    const { body } = await oauth(app, 'imbot.v2.Bot.register', { fields: { code: 'oauth_bot', properties: { name: 'O' } } })
    const id = (body.result?.bot as { id: number }).id
    expect(await oauth(app, 'imbot.v2.Bot.update', { botId: id, fields: { botToken: 'mine' } })).toMatchObject({
      status: 400,
      body: { error: 'BOT_TOKEN_ROTATION_FAILED' },
    })
    expect(await oauth(app, 'imbot.v2.Bot.update', { botId: id, fields: { isHidden: 'Y' } })).toMatchObject({
      status: 200,
      body: { result: { bot: { isHidden: true } } },
    })
  })

  it('switches to webhook mode with a URL; a rejected URL is ignored, the old one stays', async () => {
    const id = await register()
    await call('imbot.v2.Bot.update', {
      botId: id,
      botToken: 'tok',
      fields: { eventMode: 'webhook', webhookUrl: 'https://bot.example.com/v2' },
    })
    expect(emulator.portal.bots.get(id)).toMatchObject({ eventMode: 'webhook', webhookUrl: 'https://bot.example.com/v2' })
    const { result } = await call('imbot.v2.Bot.update', { botId: id, botToken: 'tok', fields: { webhookUrl: 'http://localhost/hook' } })
    expect(result).toMatchObject({ bot: { eventMode: 'webhook' } })
    expect(emulator.portal.bots.get(id)?.webhookUrl).toBe('https://bot.example.com/v2')
  })
})

describe('imbot.v2.Bot.get', () => {
  it('answers the owner with the extended bot (by id or code) like the example, anyone else with the brief one', async () => {
    const spec = example('imbot.v2.Bot.get')
    const id = await register()
    const { result } = await call('imbot.v2.Bot.get', { ...spec.params, botToken: 'tok' })
    expect(keys(result)).toEqual(keys(spec.response.result))
    expect(keys((result as { bot: object }).bot)).toEqual(keys(spec.response.result.bot))
    expect(result).toMatchObject({ bot: { id }, users: [{ id }] })
    const foreign = await call('imbot.v2.Bot.get', { botId: id, botToken: 'stranger' })
    expect(keys((foreign.result as { bot: object }).bot)).toEqual([
      'backgroundId',
      'code',
      'id',
      'isHidden',
      'isReactionsEnabled',
      'isSupportOpenline',
      'language',
      'type',
    ])
  })

  it.each([
    [{ botToken: undefined, botId: 1 }, 'BOT_TOKEN_NOT_SPECIFIED'],
    [{}, 'PARAMS_REQUIRED'],
    [{ botId: 99_999 }, 'BOT_NOT_FOUND'],
    [{ code: 'nobody' }, 'BOT_NOT_FOUND'],
  ])('refuses %j with %s', async (params, code) => {
    expect(await errorOf('imbot.v2.Bot.get', { botToken: 'tok', ...params })).toEqual({ code, status: 400 })
  })
})

describe('imbot.v2.Bot.list', () => {
  it('lists the caller bots like the example, paged by limit/offset, filtered by type', async () => {
    const spec = example('imbot.v2.Bot.list')
    const first = await register()
    const second = await register({ code: 'second', type: 'supervisor' })
    await register({ code: 'foreign', botToken: 'someone-else' })
    const { result } = await call('imbot.v2.Bot.list', { ...spec.params, botToken: 'tok' })
    expect(keys(result)).toEqual(keys(spec.response.result))
    const page = result as { bots: { id: number }[]; users: { id: number }[]; hasNextPage: boolean }
    expect(keys(page.bots[0])).toEqual(keys((spec.response.result.bots as object[])[0]))
    expect(page).toMatchObject({ bots: [{ id: first }], users: [{ id: first }], hasNextPage: false })
    const paged = async (params: Record<string, unknown>) => (await call('imbot.v2.Bot.list', { botToken: 'tok', ...params })).result
    expect(await paged({ limit: 1 })).toMatchObject({ bots: [{ id: first }], hasNextPage: true })
    expect(await paged({ limit: 1, offset: 1 })).toMatchObject({ bots: [{ id: second }], hasNextPage: true })
    expect(await paged({ limit: 1, offset: 2 })).toMatchObject({ bots: [], users: [], hasNextPage: false })
    // An unknown type filters nothing, as the controller skips it.
    expect(await paged({ filter: { type: 'robot' } })).toMatchObject({ bots: [{ id: first }, { id: second }] })
    expect(await errorOf('imbot.v2.Bot.list', {})).toEqual({ code: 'BOT_TOKEN_NOT_SPECIFIED', status: 400 })
  })
})

describe('imbot.v2.Bot.unregister', () => {
  it('removes the bot and its commands, reports the deletion, and answers { result: true } like the example', async () => {
    const spec = example('imbot.v2.Bot.unregister')
    const id = await register()
    emulator.portal.addCommand({
      botId: id,
      appId: 'customtok',
      command: 'help',
      common: false,
      hidden: false,
      extranetSupport: false,
      lang: [],
    })
    expect(await errorOf('imbot.v2.Bot.unregister', { botId: id, botToken: 'wrong' })).toEqual({ code: 'BOT_OWNERSHIP_ERROR', status: 400 })
    const deleted = vi.spyOn(emulator.portal.events, 'botDeleted')
    const { result } = await call('imbot.v2.Bot.unregister', { botId: id, botToken: 'tok' })
    expect(result).toEqual(spec.response.result)
    // Caused by the calling user (1, the webhook's), whose tokens an OAuth app's DELETE event carries.
    expect(deleted).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ id }), 1)
    expect(emulator.portal.bots.has(id)).toBe(false)
    expect(emulator.portal.commands.size).toBe(0)
    expect(await errorOf('imbot.v2.Bot.unregister', { botId: id, botToken: 'tok' })).toEqual({ code: 'BOT_NOT_FOUND', status: 400 })
    expect(await errorOf('imbot.v2.Bot.unregister', { botToken: 'tok' })).toEqual({ code: 'BOT_ID_REQUIRED', status: 400 })
    expect(await errorOf('imbot.v2.Bot.unregister', { botId: id })).toEqual({ code: 'BOT_TOKEN_NOT_SPECIFIED', status: 400 })
  })
})

describe('imbot.v2.Revision.get', () => {
  it('answers the revisions like the example, without a botToken, for webhooks and OAuth', async () => {
    const spec = example('imbot.v2.Revision.get')
    const { result } = await call('imbot.v2.Revision.get')
    expect(keys(result)).toEqual(keys(spec.response.result))
    expect(result).toEqual({ rest: 36, web: 130, mobile: 23, desktop: 6 })
    expect(await oauth(emulator.portal.addApp(), 'imbot.v2.Revision.get')).toMatchObject({ status: 200, body: { result } })
  })
})
