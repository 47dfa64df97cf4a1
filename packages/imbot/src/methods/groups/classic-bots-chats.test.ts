import type { MethodDescriptor } from '@b24bot/core'
import { createClient } from '@b24bot/transport'
import ky from 'ky'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import dialogExample from '@b24bot/spec-fixtures/examples/imbot.dialog.get.json' with { type: 'json' }
import { CLASSIC_COLORS } from '../../schemas/classic-bots.ts'
import { imbotBotList } from '../imbot-bot-list.ts'
import { imbotChatAdd } from '../imbot-chat-add.ts'
import { imbotChatLeave } from '../imbot-chat-leave.ts'
import { imbotChatSendTyping } from '../imbot-chat-send-typing.ts'
import { imbotChatSetManager } from '../imbot-chat-set-manager.ts'
import { imbotChatSetOwner } from '../imbot-chat-set-owner.ts'
import { imbotChatUpdateAvatar } from '../imbot-chat-update-avatar.ts'
import { imbotChatUpdateColor } from '../imbot-chat-update-color.ts'
import { imbotChatUpdateTitle } from '../imbot-chat-update-title.ts'
import { imbotChatUserAdd } from '../imbot-chat-user-add.ts'
import { imbotChatUserDelete } from '../imbot-chat-user-delete.ts'
import { imbotChatUserList } from '../imbot-chat-user-list.ts'
import { imbotDialogGet } from '../imbot-dialog-get.ts'
import { imbotRegister } from '../imbot-register.ts'
import { imbotUnregister } from '../imbot-unregister.ts'
import { imbotUpdate } from '../imbot-update.ts'
import { classicBotsChats } from './classic-bots-chats.ts'

const HANDLER = 'https://bot.example.com/events'

/** Sends `params` through a real client whose portal answers `result`; returns the body sent and the resolved value. */
async function roundTrip(descriptor: MethodDescriptor, params: unknown, result: unknown): Promise<{ sent: unknown; resolved: unknown }> {
  const bodies: unknown[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    bodies.push(await new Request(input, init).json())
    return new Response(JSON.stringify({ result, time: dialogExample.response.time }), { headers: { 'content-type': 'application/json' } })
  }
  const client = createClient({ webhookUrl: 'https://portal.example/rest/1/secret/', ky: ky.create({ fetch }) })
  const resolved = await client.call(descriptor, params as never)
  return { sent: bodies[0], resolved }
}

const paramsOf = (descriptor: MethodDescriptor, input: unknown) => v.safeParse(descriptor.params, input)
const resultOf = (descriptor: MethodDescriptor, raw: unknown) => v.safeParse(descriptor.result, raw)

describe('the classic-bots-chats group', () => {
  it('lists its 17 methods in spec order', () => {
    expect(classicBotsChats.map((descriptor) => descriptor.method)).toEqual([
      'imbot.register',
      'imbot.unregister',
      'imbot.update',
      'imbot.bot.list',
      'imbot.chat.add',
      'imbot.chat.get',
      'imbot.chat.leave',
      'imbot.chat.sendTyping',
      'imbot.chat.setManager',
      'imbot.chat.setOwner',
      'imbot.chat.updateAvatar',
      'imbot.chat.updateColor',
      'imbot.chat.updateTitle',
      'imbot.chat.user.add',
      'imbot.chat.user.delete',
      'imbot.chat.user.list',
      'imbot.dialog.get',
    ])
  })
})

describe('imbot.register', () => {
  const valid = { CODE: 'support', EVENT_HANDLER: HANDLER, PROPERTIES: { NAME: 'Support' } }

  it('accepts EVENT_HANDLER alone, or the three required handlers without it', () => {
    expect(paramsOf(imbotRegister, valid).success).toBe(true)
    const separate = {
      CODE: 'support',
      EVENT_MESSAGE_ADD: HANDLER,
      EVENT_WELCOME_MESSAGE: HANDLER,
      EVENT_BOT_DELETE: 'http://127.0.0.1:3000/events',
      PROPERTIES: { LAST_NAME: 'Bot' },
    }
    expect(paramsOf(imbotRegister, separate).success).toBe(true)
  })

  it.each(['EVENT_MESSAGE_ADD', 'EVENT_WELCOME_MESSAGE', 'EVENT_BOT_DELETE'])(
    'requires %s unless EVENT_HANDLER is given',
    async (field) => {
      const others = ['EVENT_MESSAGE_ADD', 'EVENT_WELCOME_MESSAGE', 'EVENT_BOT_DELETE'].filter((name) => name !== field)
      const handlers = Object.fromEntries(others.map((name) => [name, HANDLER]))
      await expectInvalid(imbotRegister, { CODE: 'support', ...handlers, PROPERTIES: { NAME: 'Support' } }, field)
    },
  )

  it('names all three missing handlers, and still checks the rest', () => {
    const parsed = paramsOf(imbotRegister, { CODE: '', PROPERTIES: { NAME: 'Support' } })
    expect(parsed.issues?.map((issue) => v.getDotPath(issue))).toEqual([
      'CODE',
      'EVENT_MESSAGE_ADD',
      'EVENT_WELCOME_MESSAGE',
      'EVENT_BOT_DELETE',
    ])
  })

  it.each([
    ['EVENT_HANDLER', 'http://localhost:3000/events'],
    ['EVENT_MESSAGE_UPDATE', 'ftp://bot.example.com/events'],
    ['EVENT_CONTEXT_GET', 'not a url'],
  ])('refuses a handler URL the portal refuses: %s = %s', async (field, url) => {
    await expectInvalid(imbotRegister, { ...valid, [field]: url }, field)
  })

  it('requires a CODE that PHP does not see as empty', async () => {
    await expectInvalid(imbotRegister, { ...valid, CODE: undefined }, 'CODE')
    await expectInvalid(imbotRegister, { ...valid, CODE: '0' }, 'CODE')
  })

  it('requires PROPERTIES with a non-empty NAME or LAST_NAME', async () => {
    await expectInvalid(imbotRegister, { CODE: 'support', EVENT_HANDLER: HANDLER }, 'PROPERTIES')
    await expectInvalid(imbotRegister, { ...valid, PROPERTIES: { WORK_POSITION: 'Bot' } }, 'PROPERTIES.NAME')
    await expectInvalid(imbotRegister, { ...valid, PROPERTIES: { NAME: '', LAST_NAME: '' } }, 'PROPERTIES.NAME')
    expect(paramsOf(imbotRegister, { ...valid, PROPERTIES: { NAME: '', LAST_NAME: 'Bot' } }).success).toBe(true)
  })

  it.each([
    ['TYPE', { TYPE: 'X' }, 'TYPE'],
    ['OPENLINE', { OPENLINE: 'yes' }, 'OPENLINE'],
    ['COLOR', { PROPERTIES: { NAME: 'A', COLOR: 'ORANGE' } }, 'PROPERTIES.COLOR'],
    ['COLOR case', { PROPERTIES: { NAME: 'A', COLOR: 'green' } }, 'PROPERTIES.COLOR'],
    ['PERSONAL_GENDER', { PROPERTIES: { NAME: 'A', PERSONAL_GENDER: 'X' } }, 'PROPERTIES.PERSONAL_GENDER'],
    ['PERSONAL_BIRTHDAY format', { PROPERTIES: { NAME: 'A', PERSONAL_BIRTHDAY: '01.01.2016' } }, 'PROPERTIES.PERSONAL_BIRTHDAY'],
    ['PERSONAL_BIRTHDAY date', { PROPERTIES: { NAME: 'A', PERSONAL_BIRTHDAY: '2023-02-30' } }, 'PROPERTIES.PERSONAL_BIRTHDAY'],
    ['PERSONAL_PHOTO', { PROPERTIES: { NAME: 'A', PERSONAL_PHOTO: '' } }, 'PROPERTIES.PERSONAL_PHOTO'],
    ['unknown property', { PROPERTIES: { NAME: 'A', AVATAR: 'x' } }, 'PROPERTIES.AVATAR'],
    ['unknown param', { BOT_ID: 39 }, 'BOT_ID'],
  ])('refuses a bad %s', async (_what, patch, field) => {
    await expectInvalid(imbotRegister, { ...valid, ...patch }, field)
  })

  it('accepts every safe colour (COPILOT too), every type, and a photo as base64 or [name, base64]', () => {
    for (const COLOR of CLASSIC_COLORS) expect(paramsOf(imbotRegister, { ...valid, PROPERTIES: { NAME: 'A', COLOR } }).success).toBe(true)
    for (const TYPE of ['B', 'O', 'H', 'S']) expect(paramsOf(imbotRegister, { ...valid, TYPE }).success).toBe(true)
    for (const PERSONAL_PHOTO of ['iVBORw0KGgo=', ['bot.png', 'iVBORw0KGgo=']]) {
      expect(
        paramsOf(imbotRegister, { ...valid, PROPERTIES: { NAME: 'A', PERSONAL_PHOTO, PERSONAL_BIRTHDAY: '2016-02-29' } }).success,
      ).toBe(true)
    }
  })

  it('sends OPENLINE as "Y"/"N" and resolves to the bot id as a number', async () => {
    const { sent, resolved } = await roundTrip(imbotRegister, { ...valid, OPENLINE: true, CLIENT_ID: 'my-client' }, '39')
    expect(sent).toEqual({ ...valid, OPENLINE: 'Y', CLIENT_ID: 'my-client' })
    expect(resolved).toBe(39)
  })

  it('refuses a result that is not an id', () => {
    for (const raw of [true, 0, 'abc', null]) expect(resultOf(imbotRegister, raw).success).toBe(false)
  })
})

describe('imbot.unregister', () => {
  it('requires a positive integer BOT_ID', async () => {
    await expectInvalid(imbotUnregister, {}, 'BOT_ID')
    await expectInvalid(imbotUnregister, { BOT_ID: '39abc' }, 'BOT_ID')
    await expectInvalid(imbotUnregister, { BOT_ID: '0' }, 'BOT_ID')
    await expectInvalid(imbotUnregister, { BOT_ID: 0 }, 'BOT_ID')
    await expectInvalid(imbotUnregister, { BOT_ID: 39, CLIENT_ID: '' }, 'CLIENT_ID')
  })

  it('resolves to true', async () => {
    await expect(roundTrip(imbotUnregister, { BOT_ID: 39 }, true)).resolves.toEqual({ sent: { BOT_ID: 39 }, resolved: true })
    expect(resultOf(imbotUnregister, false).success).toBe(false)
  })
})

describe('imbot.update', () => {
  it('requires BOT_ID and FIELDS', async () => {
    await expectInvalid(imbotUpdate, { FIELDS: { CODE: 'x' } }, 'BOT_ID')
    await expectInvalid(imbotUpdate, { BOT_ID: 39 }, 'FIELDS')
  })

  it('refuses FIELDS or PROPERTIES that change nothing', async () => {
    await expectInvalid(imbotUpdate, { BOT_ID: 39, FIELDS: {} }, 'FIELDS')
    await expectInvalid(imbotUpdate, { BOT_ID: 39, FIELDS: { PROPERTIES: {} } }, 'FIELDS.PROPERTIES')
  })

  it('checks nested fields with their full path', async () => {
    await expectInvalid(
      imbotUpdate,
      { BOT_ID: 39, FIELDS: { EVENT_MESSAGE_UPDATE: 'http://localhost/events' } },
      'FIELDS.EVENT_MESSAGE_UPDATE',
    )
    await expectInvalid(imbotUpdate, { BOT_ID: 39, FIELDS: { PROPERTIES: { COLOR: 'ORANGE' } } }, 'FIELDS.PROPERTIES.COLOR')
    await expectInvalid(imbotUpdate, { BOT_ID: 39, FIELDS: { PROPERTIES: { NAME: '', LAST_NAME: '' } } }, 'FIELDS.PROPERTIES.NAME')
    await expectInvalid(imbotUpdate, { BOT_ID: 39, FIELDS: { TYPE: 'S' } }, 'FIELDS.TYPE')
    await expectInvalid(imbotUpdate, { BOT_ID: 39, FIELDS: { CODE: '' } }, 'FIELDS.CODE')
  })

  it('accepts a single change: an empty NAME alone, a handler, OPENLINE', () => {
    for (const FIELDS of [{ PROPERTIES: { NAME: '' } }, { EVENT_MESSAGE_DELETE: HANDLER }, { OPENLINE: 'N' }]) {
      expect(paramsOf(imbotUpdate, { BOT_ID: 39, FIELDS }).success).toBe(true)
    }
  })

  it('sends nested fields as given (flags normalized) and resolves to true', async () => {
    const { sent, resolved } = await roundTrip(imbotUpdate, { BOT_ID: 39, FIELDS: { OPENLINE: false, PROPERTIES: { NAME: 'New' } } }, true)
    expect(sent).toEqual({ BOT_ID: 39, FIELDS: { OPENLINE: 'N', PROPERTIES: { NAME: 'New' } } })
    expect(resolved).toBe(true)
  })
})

describe('imbot.bot.list', () => {
  it('takes no params', async () => {
    await expectInvalid(imbotBotList, { CLIENT_ID: 'x' }, 'CLIENT_ID')
  })

  it('normalizes the record: numeric-string ids become numbers, unknown fields stay', () => {
    const raw = {
      '39': { ID: '39', NAME: 'NewBot', CODE: 'newbot', OPENLINE: 'N' },
      '41': { ID: 41, NAME: 'Lines', CODE: 'lines', OPENLINE: 'Y', TYPE: 'O' },
    }
    const parsed = resultOf(imbotBotList, raw)
    expect(parsed.success).toBe(true)
    expect(parsed.output).toEqual({
      39: { ID: 39, NAME: 'NewBot', CODE: 'newbot', OPENLINE: 'N' },
      41: { ID: 41, NAME: 'Lines', CODE: 'lines', OPENLINE: 'Y', TYPE: 'O' },
    })
  })

  it('reads the PHP empty array as an empty record', async () => {
    await expect(roundTrip(imbotBotList, undefined, [])).resolves.toEqual({ sent: {}, resolved: {} })
  })

  it.each([[{ abc: { ID: 1, NAME: 'a', CODE: 'a', OPENLINE: 'N' } }], [{ 39: { ID: 39, NAME: 'a' } }], [[1]], [null], [true]])(
    'refuses %j',
    (raw) => {
      expect(resultOf(imbotBotList, raw).success).toBe(false)
    },
  )
})

describe('imbot.chat.add', () => {
  it.each([
    ['an unknown TYPE', { TYPE: 'PRIVATE' }, 'TYPE'],
    ['ORANGE', { COLOR: 'ORANGE' }, 'COLOR'],
    ['a user id the server would mangle', { USERS: [1271, '1269x'] }, 'USERS[1]'],
    ['USERS not a list', { USERS: 1271 }, 'USERS'],
    ['a MESSAGE over 20,000 characters', { MESSAGE: 'x'.repeat(20_001) }, 'MESSAGE'],
    ['an empty AVATAR', { AVATAR: '' }, 'AVATAR'],
    ['a negative BOT_ID', { BOT_ID: -1 }, 'BOT_ID'],
    ['CHAT_ID, not a param here', { CHAT_ID: 1 }, 'CHAT_ID'],
  ])('refuses %s', async (_what, params, field) => {
    await expectInvalid(imbotChatAdd, params, field)
  })

  it('takes ids as decimal strings (as events carry them) and sends numbers', async () => {
    const { sent } = await roundTrip(imbotChatAdd, { USERS: [1271, '1269'], BOT_ID: '39' }, 2725)
    expect(sent).toEqual({ USERS: [1271, 1269], BOT_ID: 39 })
  })

  it('needs no param at all and resolves to the chat id as a number', async () => {
    await expect(roundTrip(imbotChatAdd, {}, '2725')).resolves.toEqual({ sent: {}, resolved: 2725 })
    expect(paramsOf(imbotChatAdd, { TYPE: 'OPEN', COLOR: 'COPILOT', ENTITY_TYPE: 'ORDER', ENTITY_ID: 13, USERS: [] }).success).toBe(true)
  })
})

/** The chat-management methods, each with the params it needs besides the chat. */
const chatMethods = [
  [imbotChatLeave, {}],
  [imbotChatSetManager, { USER_ID: 1269 }],
  [imbotChatSetOwner, { USER_ID: 1269 }],
  [imbotChatUpdateAvatar, { AVATAR: 'iVBORw0KGgo=' }],
  [imbotChatUpdateColor, { COLOR: 'PINK' }],
  [imbotChatUpdateTitle, { TITLE: 'New title' }],
  [imbotChatUserAdd, { USERS: [1269] }],
  [imbotChatUserDelete, { USER_ID: 1269 }],
  [imbotChatUserList, {}],
] as const

describe.each(chatMethods)('$method: the chat', (descriptor, rest) => {
  it('is CHAT_ID or DIALOG_ID; one of them is required', async () => {
    expect(paramsOf(descriptor, { CHAT_ID: 2725, ...rest }).success).toBe(true)
    expect(paramsOf(descriptor, { DIALOG_ID: 'chat2725', ...rest }).success).toBe(true)
    expect(paramsOf(descriptor, { DIALOG_ID: 'CHAT2725', CHAT_ID: 2725, ...rest }).success).toBe(true)
    await expectInvalid(descriptor, { ...rest }, 'CHAT_ID')
  })

  it('takes CHAT_ID and BOT_ID as decimal strings (as events carry them) and sends numbers', () => {
    const parsed = paramsOf(descriptor, { CHAT_ID: '2725', BOT_ID: '39', ...rest })
    expect(parsed.success).toBe(true)
    expect(parsed.output).toMatchObject({ CHAT_ID: 2725, BOT_ID: 39 })
  })

  it('refuses a user dialog or a bad chat id', async () => {
    await expectInvalid(descriptor, { DIALOG_ID: '1269', ...rest }, 'DIALOG_ID')
    await expectInvalid(descriptor, { CHAT_ID: '2725abc', ...rest }, 'CHAT_ID')
    await expectInvalid(descriptor, { CHAT_ID: '', ...rest }, 'CHAT_ID')
    await expectInvalid(descriptor, { CHAT_ID: 0, ...rest }, 'CHAT_ID')
    await expectInvalid(descriptor, { CHAT_ID: 2725, BOT_ID: 0, ...rest }, 'BOT_ID')
    await expectInvalid(descriptor, { CHAT_ID: 2725, CLIENT_ID: '', ...rest }, 'CLIENT_ID')
  })
})

describe('chat-management params', () => {
  it('reports a missing chat together with other missing params', () => {
    const parsed = paramsOf(imbotChatSetOwner, {})
    expect(parsed.issues?.map((issue) => v.getDotPath(issue))).toEqual(['USER_ID', 'CHAT_ID'])
  })

  it.each(
    (
      [
        [imbotChatSetManager, { CHAT_ID: 1, USER_ID: 1, IS_MANAGER: 'no' }, 'IS_MANAGER'],
        [imbotChatSetManager, { CHAT_ID: 1 }, 'USER_ID'],
        [imbotChatSetOwner, { CHAT_ID: 1, USER_ID: 1.5 }, 'USER_ID'],
        [imbotChatUpdateAvatar, { CHAT_ID: 1 }, 'AVATAR'],
        [imbotChatUpdateAvatar, { CHAT_ID: 1, AVATAR: ['only-a-name.png'] }, 'AVATAR'],
        [imbotChatUpdateColor, { CHAT_ID: 1, COLOR: 'ORANGE' }, 'COLOR'],
        [imbotChatUpdateColor, { CHAT_ID: 1 }, 'COLOR'],
        [imbotChatUpdateTitle, { CHAT_ID: 1, TITLE: ' \n\t' }, 'TITLE'],
        [imbotChatUpdateTitle, { CHAT_ID: 1, TITLE: ' 0 ' }, 'TITLE'],
        [imbotChatUserAdd, { CHAT_ID: 1, USERS: [] }, 'USERS'],
        [imbotChatUserAdd, { CHAT_ID: 1, USERS: [1], HIDE_HISTORY: 'maybe' }, 'HIDE_HISTORY'],
        [imbotChatUserDelete, { CHAT_ID: 1 }, 'USER_ID'],
        [imbotChatUserList, { CHAT_ID: 1, USER_ID: 1 }, 'USER_ID'],
      ] as const
    ).map(([descriptor, params, field]) => [descriptor.method, params, field, descriptor] as const),
  )('%s refuses %j at %s', async (_method, params, field, descriptor) => {
    await expectInvalid(descriptor, params, field)
  })

  it('accepts COPILOT but not ORANGE as a chat colour', () => {
    expect(paramsOf(imbotChatUpdateColor, { CHAT_ID: 1, COLOR: 'COPILOT' }).success).toBe(true)
    expect(paramsOf(imbotChatUpdateColor, { CHAT_ID: 1, COLOR: 'ORANGE' }).success).toBe(false)
  })

  it('sends IS_MANAGER and HIDE_HISTORY as "Y"/"N" and resolves to true', async () => {
    await expect(roundTrip(imbotChatSetManager, { DIALOG_ID: 'chat2725', USER_ID: 1269, IS_MANAGER: false }, true)).resolves.toEqual({
      sent: { DIALOG_ID: 'chat2725', USER_ID: 1269, IS_MANAGER: 'N' },
      resolved: true,
    })
    await expect(roundTrip(imbotChatUserAdd, { CHAT_ID: 2725, USERS: [1269], HIDE_HISTORY: true }, true)).resolves.toEqual({
      sent: { CHAT_ID: 2725, USERS: [1269], HIDE_HISTORY: 'Y' },
      resolved: true,
    })
  })

  it('resolves every action to true and refuses anything else', () => {
    for (const [descriptor] of chatMethods.filter(([descriptor]) => descriptor !== imbotChatUserList)) {
      expect(resultOf(descriptor, true).output).toBe(true)
      expect(resultOf(descriptor, false).success).toBe(false)
    }
  })
})

describe('imbot.chat.sendTyping', () => {
  it('takes a user id or chatNNN dialog', async () => {
    for (const DIALOG_ID of ['1269', 1269, 'chat123', 'sg5']) expect(paramsOf(imbotChatSendTyping, { DIALOG_ID }).success).toBe(true)
    await expectInvalid(imbotChatSendTyping, {}, 'DIALOG_ID')
    await expectInvalid(imbotChatSendTyping, { DIALOG_ID: '0' }, 'DIALOG_ID')
    await expectInvalid(imbotChatSendTyping, { DIALOG_ID: 'chat' }, 'DIALOG_ID')
    await expectInvalid(imbotChatSendTyping, { DIALOG_ID: 'chat1', CHAT_ID: 1 }, 'CHAT_ID')
  })

  it('resolves to true', async () => {
    await expect(roundTrip(imbotChatSendTyping, { DIALOG_ID: 'chat123', BOT_ID: 39 }, true)).resolves.toMatchObject({ resolved: true })
  })
})

describe('imbot.chat.user.list', () => {
  it('resolves to the member ids as numbers', async () => {
    await expect(roundTrip(imbotChatUserList, { CHAT_ID: 2725 }, ['1269', 1271, '1291'])).resolves.toMatchObject({
      resolved: [1269, 1271, 1291],
    })
    expect(resultOf(imbotChatUserList, []).output).toEqual([])
  })

  it.each([[[0]], [['abc']], [{ 0: 1269 }], [true]])('refuses %j', (raw) => {
    expect(resultOf(imbotChatUserList, raw).success).toBe(false)
  })
})

describe('imbot.dialog.get', () => {
  it('takes DIALOG_ID only', async () => {
    await expectInvalid(imbotDialogGet, {}, 'DIALOG_ID')
    await expectInvalid(imbotDialogGet, { DIALOG_ID: 'user1' }, 'DIALOG_ID')
    await expectInvalid(imbotDialogGet, { DIALOG_ID: 'chat1', BOT_ID: 39 }, 'BOT_ID')
    await expectInvalid(imbotDialogGet, { DIALOG_ID: 'chat1', CLIENT_ID: 'x' }, 'CLIENT_ID')
  })

  it('reads the documented chat object, keeping every field', () => {
    const parsed = resultOf(imbotDialogGet, dialogExample.response.result)
    expect(parsed.success).toBe(true)
    expect(parsed.output).toEqual(dialogExample.response.result)
  })

  it('normalizes ids given as strings and text_field_enabled given as Y/N', async () => {
    const raw = {
      id: '2725',
      owner: '1291',
      parent_chat_id: '0',
      manager_list: ['1291'],
      readed_list: [{ user_id: '1291', user_name: 'MyBot', message_id: '33807', date: null }],
      last_message_views: {
        message_id: '33807',
        first_viewers: [{ user_id: '1271', date: '2026-02-24T15:41:17+02:00' }],
        count_of_viewers: '1',
      },
      text_field_enabled: 'N',
      dialog_id: 'chat2725',
      something_new: { kept: true },
    }
    const { resolved } = await roundTrip(imbotDialogGet, { DIALOG_ID: 'chat2725' }, raw)
    expect(resolved).toEqual({
      id: 2725,
      owner: 1291,
      parent_chat_id: 0,
      manager_list: [1291],
      readed_list: [{ user_id: 1291, user_name: 'MyBot', message_id: 33807, date: null }],
      last_message_views: { message_id: 33807, first_viewers: [{ user_id: 1271, date: '2026-02-24T15:41:17+02:00' }], count_of_viewers: 1 },
      text_field_enabled: false,
      dialog_id: 'chat2725',
      something_new: { kept: true },
    })
  })

  it('reads dialog_id echoed back as a number (the server returns DIALOG_ID as sent) as a string', async () => {
    const { sent, resolved } = await roundTrip(imbotDialogGet, { DIALOG_ID: 1269 }, { id: 31, type: 'private', dialog_id: 1269 })
    expect(sent).toEqual({ DIALOG_ID: 1269 })
    expect(resolved).toEqual({ id: 31, type: 'private', dialog_id: '1269' })
  })

  it.each([[{}], [{ id: 0 }], [{ id: 1, owner: -1 }], [{ id: 1, manager_list: ['x'] }], [null], [[]]])('refuses %j', (raw) => {
    expect(resultOf(imbotDialogGet, raw).success).toBe(false)
  })
})
