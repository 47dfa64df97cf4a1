import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { restCaller } from '../../test/rest-call.ts'
import { startEmulator, type Emulator } from '../start-emulator.ts'

let emulator: Emulator
let botId: number
beforeEach(async () => {
  emulator = await startEmulator()
  botId = emulator.portal.createBot({ appId: 'customshop', code: 'desk' }).id
})
afterEach(async () => {
  await emulator.close()
})

const call = restCaller(() => emulator, { CLIENT_ID: 'shop' })

const lang = [{ LANGUAGE_ID: 'en', TITLE: 'Echo', PARAMS: 'text' }]
const register = (extra: Record<string, unknown> = {}) =>
  call('imbot.command.register', { BOT_ID: botId, COMMAND: '/echo', COMMON: 'Y', LANG: lang, EVENT_COMMAND_ADD: 'https://bot.example.com/cmd', ...extra })

describe('classic commands', () => {
  it('registers a command (leading / stripped), binds ONIMCOMMANDADD for the app, and resolves to its id', async () => {
    const { status, body } = await register()
    expect(status).toBe(200)
    expect(emulator.portal.commands.get(body.result as number)).toMatchObject({ botId, appId: 'customshop', command: 'echo', common: true, hidden: false, lang })
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
    expect((await call('imbot.command.update', { COMMAND_ID: id, FIELDS: { HIDDEN: 'Y', LANG: [{ LANGUAGE_ID: 'de', TITLE: 'Echo' }] } })).body.result).toBe(true)
    expect(emulator.portal.commands.get(id)).toMatchObject({ hidden: true, lang: [{ LANGUAGE_ID: 'de', TITLE: 'Echo' }] })
    expect(await call('imbot.command.update', { COMMAND_ID: id, FIELDS: {} })).toMatchObject({ status: 400, body: { error: 'WRONG_REQUEST' } })
    expect(await call('imbot.command.update', { CLIENT_ID: 'other', COMMAND_ID: id, FIELDS: { HIDDEN: 'N' } })).toMatchObject({ status: 400, body: { error: 'APP_ID_ERROR' } })
    expect(await call('imbot.command.unregister', { COMMAND_ID: 999 })).toMatchObject({ status: 400, body: { error: 'COMMAND_ID_ERROR' } })
    expect((await call('imbot.command.unregister', { COMMAND_ID: id })).body.result).toBe(true)
    expect(emulator.portal.commands.size).toBe(0)
  })

  it('removes a bot commands when the bot is unregistered', async () => {
    await register()
    expect((await call('imbot.unregister', { BOT_ID: botId })).body.result).toBe(true)
    expect(emulator.portal.commands.size).toBe(0)
  })
})
