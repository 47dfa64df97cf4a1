import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readExample } from '@b24bot/spec-fixtures'
import { sdkCaller } from '../../test/sdk-call.ts'
import type { PortalBot, PortalChat, PortalUser } from '../model/entities.ts'
import { startEmulator, type Emulator } from '../start-emulator.ts'

/** A spec example (`examples-v2/<method>.json`): the request and the documented response. */
interface Example {
  readonly params: Record<string, unknown>
  readonly response: { readonly result: Record<string, unknown> }
  readonly extraRequests: readonly { readonly params: Record<string, unknown> }[]
}
const example = (method: string): Example => readExample(method) as Example

let emulator: Emulator
let bot: PortalBot
let user: PortalUser
let chat: PortalChat
beforeEach(async () => {
  emulator = await startEmulator({ clock: { frozen: true, start: Date.UTC(2026, 10, 24, 12) } })
  bot = emulator.portal.createBot({ appId: 'customtok', code: 'helper', generation: 'v2', name: 'My Bot' })
  user = emulator.portal.createUser({ name: 'John' })
  chat = emulator.portal.createChat({ title: 'Ops', userIds: [bot.id, user.id] })
})
afterEach(async () => {
  await emulator.close()
})

const call = sdkCaller(() => emulator, { botToken: 'tok' })
/** A raw JSON call on the webhook: the engine's binding error has a numeric code, which our SDK does not read as an envelope. */
const rest = async (method: string, params: Record<string, unknown>) => {
  const response = await fetch(`${emulator.webhookUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ botToken: 'tok', ...params }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}
const keys = (value: unknown) => Object.keys(value as object).sort()
const errorOf = async (method: string, params: Record<string, unknown>) => {
  const { error } = await call(method, params)
  return { code: error?.code, status: error?.status }
}
const help = { command: 'help', title: { en: 'Show help', de: 'Hilfe anzeigen' }, params: { en: 'query', DE: 'Anfrage' } }
const register = async (fields: Record<string, unknown> = help, botId = bot.id) => {
  const { result, error } = await call('imbot.v2.Command.register', { botId, fields })
  if (error) throw error
  return (result as { command: { id: number } }).command.id
}

describe('imbot.v2.Command.register', () => {
  it('registers the word with its titles and answers { command } with a leading / like the example', async () => {
    const spec = example('imbot.v2.Command.register')
    const { result } = await call('imbot.v2.Command.register', { ...spec.params, botToken: 'tok', botId: bot.id })
    expect(keys(result)).toEqual(keys(spec.response.result))
    const { command } = result as { command: { id: number } }
    expect(keys(command)).toEqual(keys(spec.response.result.command))
    expect(command).toEqual({ id: command.id, botId: bot.id, command: '/help', common: false, hidden: false, extranetSupport: false })
    expect(emulator.portal.commands.get(command.id)).toMatchObject({
      appId: 'customtok',
      command: 'help',
      lang: [
        { LANGUAGE_ID: 'en', TITLE: 'Show help', PARAMS: 'query' },
        { LANGUAGE_ID: 'de', TITLE: 'Hilfe anzeigen', PARAMS: 'Anfrage' },
      ],
    })
  })

  it('is idempotent per bot and word, strips one leading /, takes flags and the legacy flat form', async () => {
    const id = await register()
    expect(await register({ command: '/help', title: { en: 'Other' } })).toBe(id)
    const hiddenId = await register({ command: 'secret', hidden: 'Y', common: true, extranetSupport: 'true' })
    expect(emulator.portal.commands.get(hiddenId)).toMatchObject({ hidden: true, common: true, extranetSupport: true, lang: [] })
    const { result } = await call('imbot.v2.Command.register', { botId: bot.id, command: 'legacy', title: { en: 'Old style' } })
    expect(result).toMatchObject({ command: { command: '/legacy' } })
  })

  it.each([
    [{ botToken: undefined }, 'BOT_TOKEN_NOT_SPECIFIED'],
    [{ botId: undefined }, 'BOT_ID_REQUIRED'],
    [{ botId: 99_999 }, 'BOT_NOT_FOUND'],
    [{ botToken: 'other' }, 'BOT_OWNERSHIP_ERROR'],
    [{ fields: { command: 5, title: { en: 'x' } } }, 'COMMAND_NAME_INVALID'],
    [{ fields: { command: '/', title: { en: 'x' } } }, 'COMMAND_REQUIRED'],
    [{ fields: { title: { en: 'x' } } }, 'COMMAND_REQUIRED'],
    [{ fields: { command: 'help' } }, 'COMMAND_TITLE_REQUIRED'],
    [{ fields: { command: 'help', title: {} } }, 'COMMAND_TITLE_REQUIRED'],
  ])('refuses %j with %s', async (extra, code) => {
    expect(await errorOf('imbot.v2.Command.register', { botId: bot.id, fields: help, ...extra })).toEqual({ code, status: 400 })
    expect(emulator.portal.commands.size).toBe(0)
  })

  it('registers for an OAuth app', async () => {
    const app = emulator.portal.addApp()
    const oauthBot = emulator.portal.createBot({ appId: app.clientId, code: 'oauth', generation: 'v2' })
    const { access_token } = emulator.portal.tokens.issue(app, 1)
    const response = await fetch(`${emulator.url}/rest/imbot.v2.Command.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: access_token, botId: oauthBot.id, fields: help }),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ result: { command: { botId: oauthBot.id, command: '/help' } } })
  })
})

describe('imbot.v2.Command.update', () => {
  it('patches titles per language (null deletes) and answers { command } like the example', async () => {
    const spec = example('imbot.v2.Command.update')
    const id = await register()
    const { result } = await call('imbot.v2.Command.update', { ...spec.params, botToken: 'tok', botId: bot.id, commandId: id })
    expect(keys(result)).toEqual(keys(spec.response.result))
    expect(keys((result as { command: object }).command)).toEqual(keys(spec.response.result.command))
    expect(emulator.portal.commands.get(id)?.lang).toEqual([
      { LANGUAGE_ID: 'en', TITLE: 'Updated help', PARAMS: 'query' },
      { LANGUAGE_ID: 'de', TITLE: 'Aktualisierte Hilfe', PARAMS: 'Anfrage' },
    ])
    const deleting = spec.extraRequests[1]?.params ?? {}
    await call('imbot.v2.Command.update', { ...deleting, botToken: 'tok', botId: bot.id, commandId: id })
    expect(emulator.portal.commands.get(id)?.lang).toEqual([{ LANGUAGE_ID: 'de', TITLE: 'Hilfe', PARAMS: 'Anfrage' }])
    const renamed = await call('imbot.v2.Command.update', {
      botId: bot.id,
      commandId: id,
      fields: { command: '/assist', hidden: true, title: { fr: 'Aide' }, params: { fr: 'texte', it: 'ignored' } },
    })
    expect(renamed.result).toEqual({
      command: { id, botId: bot.id, command: '/assist', common: false, hidden: true, extranetSupport: false },
    })
    expect(emulator.portal.commands.get(id)?.lang).toEqual([
      { LANGUAGE_ID: 'de', TITLE: 'Hilfe', PARAMS: 'Anfrage' },
      { LANGUAGE_ID: 'fr', TITLE: 'Aide', PARAMS: 'texte' },
    ])
  })

  it('refuses in the controller order', async () => {
    const id = await register()
    await register({ command: 'other', title: { en: 'Other' } })
    const foreignBot = emulator.portal.createBot({ appId: 'customtok', code: 'sibling', generation: 'v2' })
    const foreign = await register({ command: 'theirs', title: { en: 'T' } }, foreignBot.id)
    const update = (params: Record<string, unknown>) =>
      errorOf('imbot.v2.Command.update', { botId: bot.id, commandId: id, fields: {}, ...params })
    expect(await update({ botToken: 'other', commandId: 99_999 })).toEqual({ code: 'BOT_OWNERSHIP_ERROR', status: 400 })
    expect(await update({ commandId: 99_999 })).toEqual({ code: 'COMMAND_NOT_FOUND', status: 400 })
    expect(await update({ commandId: foreign })).toEqual({ code: 'COMMAND_NOT_FOUND', status: 400 })
    expect(await update({ fields: { command: ['help'] } })).toEqual({ code: 'COMMAND_NAME_INVALID', status: 400 })
    expect(await update({ fields: { command: '/' } })).toEqual({ code: 'COMMAND_NAME_EMPTY', status: 400 })
    expect(await update({ fields: { command: 'other' } })).toEqual({ code: 'COMMAND_ALREADY_EXISTS', status: 400 })
    expect(await update({ fields: { title: 'Help' } })).toEqual({ code: 'COMMAND_TITLE_INVALID', status: 400 })
    expect(emulator.portal.commands.get(id)?.command).toBe('help')
  })

  it('answers the engine binding error (code 100) for a missing or non-integer commandId', async () => {
    expect(await rest('imbot.v2.Command.update', { botId: bot.id, fields: {} })).toEqual({
      status: 400,
      body: { error: 100, error_description: 'Could not find value for parameter {commandId}' },
    })
    expect(await rest('imbot.v2.Command.update', { botId: bot.id, commandId: 'abc' })).toMatchObject({ status: 400, body: { error: 100 } })
  })
})

describe('imbot.v2.Command.list', () => {
  it('lists the bot commands with localised title and params, category and context, like the example', async () => {
    const spec = example('imbot.v2.Command.list')
    const id = await register()
    const german = await register({ command: 'hilfe', title: { de: 'Hilfe' }, params: { de: 'Text' } })
    const hidden = await register({ command: 'secret', hidden: true })
    const otherBot = emulator.portal.createBot({ appId: 'customtok', code: 'sibling', generation: 'v2' })
    await register(help, otherBot.id)
    const { result } = await call('imbot.v2.Command.list', { botId: bot.id })
    expect(keys(result)).toEqual(keys(spec.response.result))
    const commands = (result as { commands: Record<string, unknown>[] }).commands
    expect(keys(commands[0])).toEqual(keys((spec.response.result.commands as object[])[0]))
    expect(commands).toEqual([
      {
        id,
        botId: bot.id,
        command: '/help',
        title: 'Show help',
        params: 'query',
        common: false,
        hidden: false,
        extranetSupport: false,
        category: 'My Bot',
        context: '',
      },
      expect.objectContaining({ id: german, title: 'Hilfe', params: 'Text', hidden: false }),
      expect.objectContaining({ id: hidden, title: '', params: '', hidden: true }),
    ])
    expect(await errorOf('imbot.v2.Command.list', { botId: 99_999 })).toEqual({ code: 'BOT_NOT_FOUND', status: 400 })
  })
})

describe('imbot.v2.Command.unregister', () => {
  it('deletes the bot own command and answers { result: true } like the example', async () => {
    const spec = example('imbot.v2.Command.unregister')
    const id = await register()
    expect(await errorOf('imbot.v2.Command.unregister', { botId: bot.id, botToken: 'other', commandId: id })).toEqual({
      code: 'BOT_OWNERSHIP_ERROR',
      status: 400,
    })
    expect((await call('imbot.v2.Command.unregister', { botId: bot.id, commandId: id })).result).toEqual(spec.response.result)
    expect(emulator.portal.commands.size).toBe(0)
    expect(await errorOf('imbot.v2.Command.unregister', { botId: bot.id, commandId: id })).toEqual({
      code: 'COMMAND_NOT_FOUND',
      status: 400,
    })
    expect(await rest('imbot.v2.Command.unregister', { botId: bot.id })).toMatchObject({ status: 400, body: { error: 100 } })
  })
})

describe('imbot.v2.Command.answer', () => {
  const invoke = (target: PortalChat = chat) => {
    const message = emulator.portal.addMessage({ chatId: target.id, authorId: user.id, text: '/help me' })
    emulator.portal.grantCommandToken(bot.id, `chat${String(target.id)}`)
    return message
  }
  const answer = (
    commandId: number,
    messageId: number,
    fields: Record<string, unknown> = { message: 'Here is the help text...' },
    target: PortalChat = chat,
  ) => call('imbot.v2.Command.answer', { botId: bot.id, commandId, messageId, dialogId: `chat${String(target.id)}`, fields })

  it('posts the bot answer while the command window is open and answers { result: true } like the example', async () => {
    const spec = example('imbot.v2.Command.answer')
    const id = await register()
    const command = invoke()
    const added = vi.spyOn(emulator.portal.events, 'messageAdded')
    const { result } = await answer(id, command.id, {
      ...(spec.params.fields as object),
      keyboard: [{ TEXT: 'Again', COMMAND: 'help' }],
      urlPreview: false,
    })
    expect(result).toEqual(spec.response.result)
    const posted = [...emulator.portal.messages.values()].at(-1)
    expect(posted).toMatchObject({
      chatId: chat.id,
      authorId: bot.id,
      text: 'Here is the help text...',
      system: false,
      params: { KEYBOARD: [{ TEXT: 'Again' }], URL_PREVIEW: 'N' },
    })
    expect(added).toHaveBeenCalledExactlyOnceWith(posted)
  })

  it('posts nothing, and still answers true, once the 10 minutes are over', async () => {
    const id = await register()
    const command = invoke()
    emulator.portal.clock.advance(10 * 60 * 1000)
    const before = emulator.portal.messages.size
    expect((await answer(id, command.id)).result).toEqual({ result: true })
    expect(emulator.portal.messages.size).toBe(before)
  })

  it('answers where the bot is not a member, as a system message naming the bot', async () => {
    const id = await register()
    const lobby = emulator.portal.createChat({ title: 'Lobby', userIds: [user.id] })
    const command = invoke(lobby)
    expect((await answer(id, command.id, { message: 'Done' }, lobby)).result).toEqual({ result: true })
    expect([...emulator.portal.messages.values()].at(-1)).toMatchObject({
      chatId: lobby.id,
      authorId: bot.id,
      system: true,
      text: `[USER=${String(bot.id)}][/USER]:\n Done`,
    })
  })

  it('answers in the private chat of the user and the bot, keyed by the user id as the bot sees the dialog', async () => {
    const id = await register()
    const direct = emulator.portal.privateChat(user.id, bot.id)
    const command = emulator.portal.addMessage({ chatId: direct.id, authorId: user.id, text: '/help' })
    emulator.portal.grantCommandToken(bot.id, String(user.id))
    await call('imbot.v2.Command.answer', {
      botId: bot.id,
      commandId: id,
      messageId: command.id,
      dialogId: String(user.id),
      fields: { message: 'Hi' },
    })
    expect([...emulator.portal.messages.values()].at(-1)).toMatchObject({ chatId: direct.id, authorId: bot.id, system: false, text: 'Hi' })
  })

  it('fails with COMMAND_ANSWER_FAILED for an unknown message or an empty answer', async () => {
    const id = await register()
    const command = invoke()
    expect(
      await errorOf('imbot.v2.Command.answer', {
        botId: bot.id,
        commandId: id,
        messageId: 99_999,
        dialogId: 'chat1',
        fields: { message: 'x' },
      }),
    ).toEqual({ code: 'COMMAND_ANSWER_FAILED', status: 400 })
    const { error } = await answer(id, command.id, { message: '   ' })
    expect(error?.code).toBe('COMMAND_ANSWER_FAILED')
  })

  it.each([
    [{ attach: { BLOCKS: [{ NOPE: 1 }] } }, 'ATTACH_ERROR'],
    [{ attach: [{ MESSAGE: 'x'.repeat(60_000) }] }, 'ATTACH_OVERSIZE'],
    [{ keyboard: [{ TEXT: '' }] }, 'KEYBOARD_ERROR'],
  ])('refuses content %# with %s', async (fields, code) => {
    const id = await register()
    const command = invoke()
    const { error } = await answer(id, command.id, { message: 'x', ...fields })
    expect({ code: error?.code, status: error?.status }).toEqual({ code, status: 400 })
  })

  it('checks the bot, then the bound arguments, then the command', async () => {
    const id = await register()
    const command = invoke()
    expect(await errorOf('imbot.v2.Command.answer', { botId: bot.id, botToken: 'other', commandId: id })).toEqual({
      code: 'BOT_OWNERSHIP_ERROR',
      status: 400,
    })
    expect(await rest('imbot.v2.Command.answer', { botId: bot.id, commandId: id, messageId: command.id })).toEqual({
      status: 400,
      body: { error: 100, error_description: 'Could not find value for parameter {dialogId}' },
    })
    expect(
      await errorOf('imbot.v2.Command.answer', { botId: bot.id, commandId: 99_999, messageId: command.id, dialogId: 'chat1' }),
    ).toEqual({ code: 'COMMAND_NOT_FOUND', status: 400 })
  })
})
