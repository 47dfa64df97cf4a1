import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { restCaller } from '../../test/rest-call.ts'
import { startEmulator, type Emulator } from '../start-emulator.ts'

let emulator: Emulator
let botId: number
beforeEach(async () => {
  emulator = await startEmulator({ clock: { frozen: true, start: Date.UTC(2026, 10, 24, 12) } })
  botId = emulator.portal.createBot({ appId: 'customshop', code: 'desk' }).id
})
afterEach(async () => {
  await emulator.close()
})

const call = restCaller(() => emulator, { CLIENT_ID: 'shop' })

const lang = [{ LANGUAGE_ID: 'en', TITLE: 'Echo', PARAMS: 'text' }]
const register = (extra: Record<string, unknown> = {}) =>
  call('imbot.command.register', {
    BOT_ID: botId,
    COMMAND: '/echo',
    COMMON: 'Y',
    LANG: lang,
    EVENT_COMMAND_ADD: 'https://bot.example.com/cmd',
    ...extra,
  })

describe('classic commands', () => {
  it('registers a command (leading / stripped), binds ONIMCOMMANDADD for the app, and resolves to its id', async () => {
    const { status, body } = await register()
    expect(status).toBe(200)
    expect(emulator.portal.commands.get(body.result as number)).toMatchObject({
      botId,
      appId: 'customshop',
      command: 'echo',
      common: true,
      hidden: false,
      lang,
    })
    expect(emulator.portal.handlers.get('customshop')?.EVENT_COMMAND_ADD).toBe('https://bot.example.com/cmd?CLIENT_ID=shop')
  })

  it.each([
    [{ BOT_ID: undefined }, 'BOT_ID_ERROR'],
    [{ EVENT_COMMAND_ADD: '' }, 'EVENT_COMMAND_ADD_ERROR'],
    [{ EVENT_COMMAND_ADD: 'http://localhost/cmd' }, 'EVENT_COMMAND_ADD_ERROR'],
    [{ COMMAND: '/' }, 'COMMAND_ERROR'],
    [{ LANG: [] }, 'LANG_ERROR'],
  ])('refuses %j with %s', async (extra, error) => {
    expect(await register(extra)).toMatchObject({ status: 400, body: { error } })
  })

  it('updates and unregisters only the app own commands', async () => {
    const id = (await register()).body.result as number
    expect(
      (await call('imbot.command.update', { COMMAND_ID: id, FIELDS: { HIDDEN: 'Y', LANG: [{ LANGUAGE_ID: 'de', TITLE: 'Echo' }] } })).body
        .result,
    ).toBe(true)
    expect(emulator.portal.commands.get(id)).toMatchObject({ hidden: true, lang: [{ LANGUAGE_ID: 'de', TITLE: 'Echo' }] })
    expect(await call('imbot.command.update', { COMMAND_ID: id, FIELDS: {} })).toMatchObject({
      status: 400,
      body: { error: 'WRONG_REQUEST' },
    })
    expect(await call('imbot.command.update', { CLIENT_ID: 'other', COMMAND_ID: id, FIELDS: { HIDDEN: 'N' } })).toMatchObject({
      status: 400,
      body: { error: 'APP_ID_ERROR' },
    })
    expect(await call('imbot.command.unregister', { COMMAND_ID: 999 })).toMatchObject({ status: 400, body: { error: 'COMMAND_ID_ERROR' } })
    expect((await call('imbot.command.unregister', { COMMAND_ID: id })).body.result).toBe(true)
    expect(emulator.portal.commands.size).toBe(0)
  })

  it('removes a bot commands when the bot is unregistered, and reports the deletion', async () => {
    await register()
    const deleted = vi.spyOn(emulator.portal.events, 'botDeleted')
    expect((await call('imbot.unregister', { BOT_ID: botId })).body.result).toBe(true)
    expect(emulator.portal.commands.size).toBe(0)
    // The webhook's user (1) did it: the event's top-level auth is that user's (server-behavior §3.4).
    expect(deleted).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ id: botId }), 1)
  })
})

describe('imbot.command.answer', () => {
  let commandId: number
  let messageId: number
  let chatId: number
  beforeEach(async () => {
    commandId = (await register()).body.result as number
    const user = emulator.portal.createUser({ name: 'Ann' })
    chatId = emulator.portal.createChat({ title: 'Desk', userIds: [botId, user.id] }).id
    messageId = emulator.portal.addMessage({ chatId, authorId: user.id, text: '/echo hi' }).id
    // The command ran: the bot may answer in this dialog for 10 minutes.
    emulator.portal.grantCommandToken(botId, `chat${String(chatId)}`)
  })
  const answer = (extra: Record<string, unknown> = {}) =>
    call('imbot.command.answer', { COMMAND_ID: commandId, MESSAGE_ID: messageId, MESSAGE: 'Accepted. Executing command.', ...extra })

  it('posts in the command chat while the window is open and resolves to the message id, like the example', async () => {
    const added = vi.spyOn(emulator.portal.events, 'messageAdded')
    const { status, body } = await answer({
      KEYBOARD: { BUTTONS: [{ TEXT: 'Repeat', COMMAND: 'echo repeat' }] },
      MENU: [{ TEXT: 'bitrix24', LINK: 'https://bitrix24.com' }],
      ATTACH: { BLOCKS: [{ MESSAGE: 'Task details' }, { DELIMITER: true }] },
      URL_PREVIEW: 'N',
    })
    expect(status).toBe(200)
    const posted = emulator.portal.messages.get(body.result as number)
    expect(posted).toMatchObject({ chatId, authorId: botId, system: false, text: 'Accepted. Executing command.' })
    expect(Object.keys(posted?.params ?? {}).sort()).toEqual(['ATTACH', 'KEYBOARD', 'MENU', 'URL_PREVIEW'])
    expect(added).toHaveBeenCalledExactlyOnceWith(posted)
  })

  it('finds the command by the app COMMAND name, and answers true (posting nothing) after the 10 minutes', async () => {
    expect(typeof (await answer({ COMMAND_ID: undefined, COMMAND: 'echo' })).body.result).toBe('number')
    emulator.portal.clock.advance(10 * 60 * 1000 - 1)
    expect(typeof (await answer()).body.result).toBe('number')
    emulator.portal.clock.advance(1)
    const count = emulator.portal.messages.size
    expect(await answer()).toMatchObject({ status: 200, body: { result: true } })
    expect(emulator.portal.messages.size).toBe(count)
  })

  it('answers as a system message naming the bot where it is not a member, or when SYSTEM is Y', async () => {
    const result = (await answer({ SYSTEM: 'Y' })).body.result as number
    expect(emulator.portal.messages.get(result)).toMatchObject({
      authorId: botId,
      system: true,
      text: `[USER=${String(botId)}][/USER]:\n Accepted. Executing command.`,
    })
  })

  const bigButtons = Array.from({ length: 700 }, (_, index) => ({ TEXT: `Button ${String(index)} ${'x'.repeat(80)}`, COMMAND: 'echo' }))
  it.each([
    [{ COMMAND_ID: 999 }, 'COMMAND_ID_ERROR'],
    [{ COMMAND_ID: undefined, COMMAND: '/echo' }, 'COMMAND_ID_ERROR'],
    [{ CLIENT_ID: 'other' }, 'APP_ID_ERROR'],
    [{ MESSAGE_ID: 0, MESSAGE: '' }, 'MESSAGE_ID_EMPTY'],
    [{ MESSAGE: '  ' }, 'MESSAGE_EMPTY'],
    [{ ATTACH: { BLOCKS: [{ UNKNOWN: 1 }] } }, 'ATTACH_ERROR'],
    [{ ATTACH: [{ MESSAGE: 'x'.repeat(60_000) }] }, 'ATTACH_OVERSIZE'],
    [{ KEYBOARD: [{ TEXT: 'no action' }] }, 'KEYBOARD_ERROR'],
    [{ KEYBOARD: bigButtons }, 'KEYBOARD_OVERSIZE'],
    [{ MENU: [{ TEXT: '' }] }, 'MENU_ERROR'],
    [{ MESSAGE_ID: 99_999 }, 'WRONG_REQUEST'],
    [{ COMMAND_ID: undefined }, 'WRONG_REQUEST'],
  ])('refuses %# with %s, in the server order', async (extra, error) => {
    expect(await answer(extra)).toMatchObject({ status: 400, body: { error } })
  })

  it('refuses a webhook call without CLIENT_ID with 403 ACCESS_DENIED', async () => {
    expect(await answer({ CLIENT_ID: '' })).toMatchObject({ status: 403, body: { error: 'ACCESS_DENIED' } })
  })
})
