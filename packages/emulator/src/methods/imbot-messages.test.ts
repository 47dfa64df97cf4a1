import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { restCaller } from '../../test/rest-call.ts'
import { startEmulator, type Emulator } from '../start-emulator.ts'

let emulator: Emulator
let botId: number
beforeEach(async () => {
  emulator = await startEmulator()
  botId = emulator.portal.createBot({ appId: 'customshop', code: 'orders', name: 'Order', lastName: 'Desk' }).id
})
afterEach(async () => {
  await emulator.close()
})

const call = restCaller(() => emulator, { CLIENT_ID: 'shop' })

describe('imbot.chat.add', () => {
  it('creates a chat the bot owns, bound to an entity, with members, and resolves to its id', async () => {
    const customer = emulator.portal.createUser({ name: 'Ann' })
    const { body } = await call('imbot.chat.add', {
      TYPE: 'OPEN',
      TITLE: 'Order 13',
      USERS: [customer.id],
      ENTITY_TYPE: 'ORDER',
      ENTITY_ID: 13,
      MESSAGE: 'Welcome',
    })
    const chat = emulator.portal.chats.get(body.result as number)
    expect(chat).toMatchObject({ type: 'O', title: 'Order 13', ownerId: botId, entityType: 'ORDER', entityId: '13' })
    expect([...(chat?.userIds ?? [])]).toEqual([botId, customer.id])
    expect([...emulator.portal.messages.values()].map((message) => message.text)).toEqual(['Welcome'])
    expect((await call('imbot.chat.get', { ENTITY_TYPE: 'ORDER', ENTITY_ID: '13' })).body.result).toEqual({ ID: chat?.id })
  })

  it('reads USERS from JSON, refuses members of the wrong type, and needs CLIENT_ID', async () => {
    expect((await call('imbot.chat.add', { USERS: '[1]' })).status).toBe(200)
    expect((await call('imbot.chat.add', { USERS: 'not json' })).status).toBe(200)
    expect(await call('imbot.chat.add', { USERS: [[1]] })).toMatchObject({ status: 400, body: { error: 'INVALID_FORMAT' } })
    expect(await call('imbot.chat.add', { CLIENT_ID: '' })).toMatchObject({ status: 403, body: { error: 'ACCESS_DENIED' } })
  })
})

describe('imbot.message.add', () => {
  it('posts into a chat the bot is in, as the app first bot when BOT_ID is omitted', async () => {
    const chatId = (await call('imbot.chat.add', { TITLE: 'Ops' })).body.result as number
    const { status, body } = await call('imbot.message.add', {
      DIALOG_ID: `chat${String(chatId)}`,
      MESSAGE: '  Hello[BR]there  ',
      URL_PREVIEW: 'N',
    })
    expect(status).toBe(200)
    expect(emulator.portal.messages.get(body.result as number)).toMatchObject({
      chatId,
      authorId: botId,
      text: 'Hello\nthere',
      params: { URL_PREVIEW: 'N' },
    })
  })

  it('opens the private chat with a user given by id', async () => {
    const user = emulator.portal.createUser({ name: 'Ann' })
    const { body } = await call('imbot.message.add', { BOT_ID: botId, DIALOG_ID: user.id, MESSAGE: 'Hi Ann' })
    const chat = emulator.portal.chats.get(emulator.portal.messages.get(body.result as number)?.chatId ?? 0)
    expect(chat?.type).toBe('P')
    expect([...(chat?.userIds ?? [])].sort()).toEqual([user.id, botId].sort())
  })

  it('keeps valid keyboard buttons, refuses a keyboard with none, and drops an oversized one silently', async () => {
    const user = emulator.portal.createUser()
    const keyboard = [
      { TEXT: 'Yes', COMMAND: 'answer' },
      { TYPE: 'NEWLINE' },
      { TEXT: '', LINK: 'https://x.example' },
      { TEXT: 'Docs', LINK: 'https://docs.example' },
    ]
    const ok = await call('imbot.message.add', { DIALOG_ID: user.id, MESSAGE: 'Pick', KEYBOARD: { BUTTONS: keyboard } })
    expect(emulator.portal.messages.get(ok.body.result as number)?.params.KEYBOARD).toEqual([keyboard[0], keyboard[1], keyboard[3]])
    expect(await call('imbot.message.add', { DIALOG_ID: user.id, MESSAGE: 'Pick', KEYBOARD: [{ TEXT: 'No action' }] })).toMatchObject({
      status: 400,
      body: { error: 'KEYBOARD_ERROR' },
    })
    const huge = Array.from({ length: 2_000 }, (_, i) => ({ TEXT: `Button ${String(i)} with a long caption`, COMMAND: 'pick' }))
    const dropped = await call('imbot.message.add', { DIALOG_ID: user.id, MESSAGE: 'Big', KEYBOARD: huge })
    expect(dropped.status).toBe(200)
    expect(emulator.portal.messages.get(dropped.body.result as number)?.params.KEYBOARD).toBeUndefined()
  })

  it('refuses an attach without blocks or of 60,000 characters, and accepts it as JSON', async () => {
    const user = emulator.portal.createUser()
    expect((await call('imbot.message.add', { DIALOG_ID: user.id, MESSAGE: 'A', ATTACH: '{"BLOCKS":[{"MESSAGE":"hi"}]}' })).status).toBe(
      200,
    )
    expect(await call('imbot.message.add', { DIALOG_ID: user.id, MESSAGE: 'A', ATTACH: { BLOCKS: [{ NOPE: 1 }] } })).toMatchObject({
      body: { error: 'ATTACH_ERROR' },
    })
    expect(await call('imbot.message.add', { DIALOG_ID: user.id, MESSAGE: 'A', ATTACH: [{ MESSAGE: 'x'.repeat(60_000) }] })).toMatchObject({
      body: { error: 'ATTACH_OVERSIZE' },
    })
  })

  it('truncates text over 20,006 characters to 20,000 plus " (...)", as the server does', async () => {
    const user = emulator.portal.createUser()
    const { body } = await call('imbot.message.add', { DIALOG_ID: user.id, MESSAGE: 'y'.repeat(25_000) })
    expect(emulator.portal.messages.get(body.result as number)?.text).toBe(`${'y'.repeat(20_000)} (...)`)
  })

  it('writes a system message between two users, prefixed with the bot mention', async () => {
    const [a, b] = [emulator.portal.createUser(), emulator.portal.createUser()]
    const { body } = await call('imbot.message.add', { FROM_USER_ID: a.id, TO_USER_ID: b.id, DIALOG_ID: 'ignored', MESSAGE: 'Reminder' })
    // The prefix is added before the core turns [BR] into a newline (server-behavior §2.4).
    expect(emulator.portal.messages.get(body.result as number)).toMatchObject({
      system: true,
      text: `[USER=${String(botId)}][/USER]\nReminder`,
    })
  })

  it('prefixes a SYSTEM message in a chat with the bot name and a newline, and converts only [BR], [br] and #BR#', async () => {
    const chatId = (await call('imbot.chat.add', { TITLE: 'Ops' })).body.result as number
    const { body } = await call('imbot.message.add', { DIALOG_ID: `chat${String(chatId)}`, MESSAGE: 'a[Br]b#br#c[br]d', SYSTEM: 'Y' })
    expect(emulator.portal.messages.get(body.result as number)?.text).toBe('Order Desk:\na[Br]b#br#c\nd')
  })

  it.each([
    [{ DIALOG_ID: 'nonsense', MESSAGE: 'x' }, 400, 'DIALOG_ID_EMPTY'],
    [{ DIALOG_ID: 'chat1', MESSAGE: '   ' }, 400, 'MESSAGE_EMPTY'],
    [{ DIALOG_ID: 'chat1', MESSAGE: 5 }, 400, 'MESSAGE_EMPTY'],
    [{ DIALOG_ID: 'chat999', MESSAGE: 'x' }, 400, 'CHAT_ID'],
    [{ DIALOG_ID: 'chat1', MESSAGE: 'x' }, 400, 'CANCELED'], // the general chat: employees only
    [{ DIALOG_ID: '99999', MESSAGE: 'x' }, 400, 'ERROR_NO_ACCESS'],
    [{ BOT_ID: 12345, DIALOG_ID: 'chat1', MESSAGE: 'x' }, 400, 'BOT_ID_ERROR'],
  ])('refuses %j with %i %s', async (params, status, error) => {
    expect(await call('imbot.message.add', params)).toMatchObject({ status, body: { error } })
  })
})
