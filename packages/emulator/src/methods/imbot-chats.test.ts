import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { restCaller } from '../../test/rest-call.ts'
import { startEmulator, type Emulator } from '../start-emulator.ts'

let emulator: Emulator
let botId: number
let chatId: number
let ann: number
let bob: number
beforeEach(async () => {
  emulator = await startEmulator()
  botId = emulator.portal.createBot({ appId: 'customshop', code: 'desk', name: 'Desk' }).id
  ann = emulator.portal.createUser({ name: 'Ann' }).id
  bob = emulator.portal.createUser({ name: 'Bob' }).id
  chatId = emulator.portal.createChat({ title: 'Ops', ownerId: botId, userIds: [ann] }).id
})
afterEach(async () => {
  await emulator.close()
})

const call = restCaller(() => emulator, { CLIENT_ID: 'shop' })
const chat = () => emulator.portal.chats.get(chatId)

describe('classic chat management, acting as the bot', () => {
  it('adds, lists and removes members; reads DIALOG_ID first', async () => {
    expect((await call('imbot.chat.user.add', { CHAT_ID: chatId, USERS: [bob] })).body.result).toBe(true)
    expect((await call('imbot.chat.user.list', { DIALOG_ID: `chat${String(chatId)}`, CHAT_ID: 999 })).body.result).toEqual([
      botId,
      ann,
      bob,
    ])
    expect((await call('imbot.chat.user.delete', { CHAT_ID: chatId, USER_ID: bob })).body.result).toBe(true)
    expect([...(chat()?.userIds ?? [])]).toEqual([botId, ann])
    expect(await call('imbot.chat.user.add', { CHAT_ID: chatId, USERS: [ann] })).toMatchObject({
      status: 400,
      body: { error: 'WRONG_REQUEST' },
    })
  })

  it('hands ownership over, manages managers, and lets a non-owner bot leave', async () => {
    expect((await call('imbot.chat.setManager', { CHAT_ID: chatId, USER_ID: ann })).body.result).toBe(true)
    expect(chat()?.managerIds.has(ann)).toBe(true)
    expect((await call('imbot.chat.setManager', { CHAT_ID: chatId, USER_ID: ann, IS_MANAGER: 'N' })).body.result).toBe(true)
    expect(chat()?.managerIds.has(ann)).toBe(false)
    expect(await call('imbot.chat.leave', { CHAT_ID: chatId })).toMatchObject({ status: 403, body: { error: 'ACCESS_ERROR' } })
    expect((await call('imbot.chat.setOwner', { CHAT_ID: chatId, USER_ID: ann })).body.result).toBe(true)
    expect(await call('imbot.chat.setOwner', { CHAT_ID: chatId, USER_ID: ann })).toMatchObject({
      status: 400,
      body: { error: 'WRONG_REQUEST' },
    })
    expect((await call('imbot.chat.leave', { CHAT_ID: chatId })).body.result).toBe(true)
    expect(chat()?.userIds.has(botId)).toBe(false)
  })

  it('renames, recolours and changes the avatar', async () => {
    expect((await call('imbot.chat.updateTitle', { CHAT_ID: chatId, TITLE: '  Night shift ' })).body.result).toBe(true)
    expect(chat()?.title).toBe('Night shift')
    expect(await call('imbot.chat.updateTitle', { CHAT_ID: chatId, TITLE: '  ' })).toMatchObject({
      status: 400,
      body: { error: 'TITLE_EMPTY' },
    })
    expect((await call('imbot.chat.updateColor', { CHAT_ID: chatId, COLOR: 'PINK' })).body.result).toBe(true)
    expect(await call('imbot.chat.updateColor', { CHAT_ID: chatId, COLOR: 'PINK' })).toMatchObject({ body: { error: 'WRONG_REQUEST' } })
    expect(await call('imbot.chat.updateColor', { CHAT_ID: chatId, COLOR: 'ORANGE' })).toMatchObject({ body: { error: 'WRONG_COLOR' } })
    expect((await call('imbot.chat.updateAvatar', { CHAT_ID: chatId, AVATAR: 'iVBORw0KGgoAAAANSUhEUg' })).body.result).toBe(true)
    expect(await call('imbot.chat.updateAvatar', { CHAT_ID: chatId, AVATAR: 'SGVsbG8=' })).toMatchObject({
      body: { error: 'AVATAR_ERROR' },
    })
  })

  it.each([
    ['imbot.chat.leave', {}, 400, 'CHAT_ID_EMPTY'],
    ['imbot.chat.leave', { DIALOG_ID: '5' }, 400, 'DIALOG_ID_EMPTY'],
    ['imbot.chat.user.delete', { CHAT_ID: 2 }, 400, 'USER_ID_EMPTY'],
    ['imbot.chat.user.list', { CHAT_ID: 1 }, 403, 'ACCESS_ERROR'],
    ['imbot.chat.user.add', { CHAT_ID: 1, USERS: [2] }, 403, 'ACCESS_ERROR'],
    ['imbot.chat.setOwner', { CHAT_ID: 1, USER_ID: 2 }, 403, 'ACCESS_ERROR'],
    ['imbot.chat.updateTitle', { CHAT_ID: 1, TITLE: 'x' }, 403, 'ACCESS_ERROR'],
    ['imbot.chat.leave', { CHAT_ID: 2, CLIENT_ID: '' }, 403, 'ACCESS_DENIED'],
    ['imbot.chat.sendTyping', { DIALOG_ID: 'x' }, 400, 'DIALOG_ID_EMPTY'],
  ])('%s %j: %i %s', async (method, params, status, error) => {
    expect(await call(method, params)).toMatchObject({ status, body: { error } })
  })

  it('shows the bot typing in a chat, and accepts any well-formed dialog id', async () => {
    expect((await call('imbot.chat.sendTyping', { DIALOG_ID: `chat${String(chatId)}` })).body.result).toBe(true)
    expect(emulator.portal.inputActions).toEqual([
      { chatId, botId, statusMessageCode: null, duration: null, at: expect.any(Number) as number },
    ])
    expect((await call('imbot.chat.sendTyping', { DIALOG_ID: String(bob) })).body.result).toBe(true)
    expect(emulator.portal.inputActions).toHaveLength(1)
  })

  it('answers dialog.get for the calling user, not the bot', async () => {
    const own = emulator.portal.createChat({ title: 'Admins', ownerId: 1 })
    expect((await call('imbot.dialog.get', { DIALOG_ID: `chat${String(own.id)}` })).body.result).toMatchObject({
      id: own.id,
      name: 'Admins',
      dialog_id: `chat${String(own.id)}`,
    })
    expect(await call('imbot.dialog.get', { DIALOG_ID: `chat${String(chatId)}` })).toMatchObject({
      status: 403,
      body: { error: 'ACCESS_ERROR' },
    })
    expect(await call('imbot.dialog.get', {})).toMatchObject({ status: 400, body: { error: 'DIALOG_ID_EMPTY' } })
  })
})

describe('classic message edits', () => {
  const post = async (text = 'Hello') =>
    (await call('imbot.message.add', { DIALOG_ID: `chat${String(chatId)}`, MESSAGE: text, KEYBOARD: [{ TEXT: 'A', COMMAND: 'a' }] })).body
      .result as number

  it('updates text and keyboard, removes with "N", and deletes on an empty text', async () => {
    const id = await post()
    expect((await call('imbot.message.update', { MESSAGE_ID: id, MESSAGE: 'Edited', KEYBOARD: 'N' })).body.result).toBe(true)
    expect(emulator.portal.messages.get(id)).toMatchObject({ text: 'Edited', params: {} })
    expect((await call('imbot.message.update', { MESSAGE_ID: id, MESSAGE: '' })).body.result).toBe(true)
    expect(emulator.portal.messages.get(id)?.deleted).toBe(true)
  })

  it('refuses edits after three days or of other authors, with the update-only errors', async () => {
    const id = await post()
    expect(await call('imbot.message.update', { MESSAGE_ID: id, MENU: [{ TEXT: 'no action' }] })).toMatchObject({
      status: 400,
      body: { error: 'menu_ERROR' },
    })
    const huge = Array.from({ length: 2_000 }, (_, i) => ({ TEXT: `Button ${String(i)} with a long caption`, COMMAND: 'pick' }))
    expect(await call('imbot.message.update', { MESSAGE_ID: id, KEYBOARD: huge })).toMatchObject({
      status: 400,
      body: { error: 'KEYBOARD_OVERSIZE' },
    })
    emulator.portal.clock.advance(259_200_000)
    expect(await call('imbot.message.update', { MESSAGE_ID: id, MESSAGE: 'late' })).toMatchObject({
      status: 403,
      body: { error: 'CANT_EDIT_MESSAGE' },
    })
    expect((await call('imbot.message.delete', { MESSAGE_ID: id })).body.result).toBe(true)
    const others = emulator.portal.addMessage({ chatId, authorId: ann, text: 'mine' })
    expect(await call('imbot.message.delete', { MESSAGE_ID: others.id })).toMatchObject({
      status: 403,
      body: { error: 'CANT_EDIT_MESSAGE' },
    })
    expect(await call('imbot.message.update', { MESSAGE_ID: 0 })).toMatchObject({ status: 400, body: { error: 'MESSAGE_ID_ERROR' } })
  })

  it('likes with plus/minus/auto, and says when nothing changed', async () => {
    const id = await post()
    expect((await call('imbot.message.like', { MESSAGE_ID: id, ACTION: 'PLUS' })).body.result).toBe(true)
    expect(await call('imbot.message.like', { MESSAGE_ID: id, ACTION: 'plus' })).toMatchObject({
      status: 400,
      body: { error: 'WITHOUT_CHANGES' },
    })
    expect((await call('imbot.message.like', { MESSAGE_ID: id, ACTION: 'whatever' })).body.result).toBe(true)
    expect(emulator.portal.messages.get(id)?.reactions.get('like')?.size ?? 0).toBe(0)
    expect((await call('imbot.message.delete', { MESSAGE_ID: id, COMPLETE: 'Y' })).body.result).toBe(true)
    expect(emulator.portal.messages.has(id)).toBe(false)
  })

  it("takes a JSON true as COMPLETE: PHP loose == 'Y' (server-behavior §1.2)", async () => {
    const id = await post()
    expect((await call('imbot.message.delete', { MESSAGE_ID: id, COMPLETE: true })).body.result).toBe(true)
    expect(emulator.portal.messages.has(id)).toBe(false)
  })
})
