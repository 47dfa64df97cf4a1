import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import botGetExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Bot.get.json' with { type: 'json' }
import botListExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Bot.list.json' with { type: 'json' }
import botRegisterExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Bot.register.json' with { type: 'json' }
import chatAddExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Chat.add.json' with { type: 'json' }
import chatGetExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Chat.get.json' with { type: 'json' }
import userListExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Chat.User.list.json' with { type: 'json' }
import { v2BotSchema, v2ChatSchema, v2UserSchema } from '../../schemas/v2-entities.ts'
import { imbotV2BotGet } from '../imbot-v2-bot-get.ts'
import { imbotV2BotList } from '../imbot-v2-bot-list.ts'
import { imbotV2BotRegister } from '../imbot-v2-bot-register.ts'
import { imbotV2BotUnregister } from '../imbot-v2-bot-unregister.ts'
import { imbotV2BotUpdate } from '../imbot-v2-bot-update.ts'
import { imbotV2ChatAdd } from '../imbot-v2-chat-add.ts'
import { imbotV2ChatGet } from '../imbot-v2-chat-get.ts'
import { imbotV2ChatInputActionNotify } from '../imbot-v2-chat-inputaction-notify.ts'
import { imbotV2ChatLeave } from '../imbot-v2-chat-leave.ts'
import { imbotV2ChatManagerAdd } from '../imbot-v2-chat-manager-add.ts'
import { imbotV2ChatManagerDelete } from '../imbot-v2-chat-manager-delete.ts'
import { imbotV2ChatSetOwner } from '../imbot-v2-chat-setowner.ts'
import { imbotV2ChatTextFieldEnabled } from '../imbot-v2-chat-textfield-enabled.ts'
import { imbotV2ChatUpdate } from '../imbot-v2-chat-update.ts'
import { imbotV2ChatUserAdd } from '../imbot-v2-chat-user-add.ts'
import { imbotV2ChatUserDelete } from '../imbot-v2-chat-user-delete.ts'
import { imbotV2ChatUserList } from '../imbot-v2-chat-user-list.ts'
import { v2BotsChats } from './v2-bots-chats.ts'

const bot = { botId: 456, botToken: 'my_bot_token' }
const register = { code: 'support_bot', properties: { name: 'Support Bot' } }

describe('the v2-bots-chats group', () => {
  it('lists its 17 methods in spec order', () => {
    expect(v2BotsChats.map((descriptor) => descriptor.method)).toEqual([
      'imbot.v2.Bot.register',
      'imbot.v2.Bot.update',
      'imbot.v2.Bot.get',
      'imbot.v2.Bot.list',
      'imbot.v2.Bot.unregister',
      'imbot.v2.Chat.add',
      'imbot.v2.Chat.get',
      'imbot.v2.Chat.update',
      'imbot.v2.Chat.User.add',
      'imbot.v2.Chat.User.delete',
      'imbot.v2.Chat.User.list',
      'imbot.v2.Chat.leave',
      'imbot.v2.Chat.Manager.add',
      'imbot.v2.Chat.Manager.delete',
      'imbot.v2.Chat.setOwner',
      'imbot.v2.Chat.InputAction.notify',
      'imbot.v2.Chat.TextField.enabled',
    ])
  })
})

describe('imbot.v2.Bot.register', () => {
  const params = (input: unknown) => v.safeParse(imbotV2BotRegister.params, input)

  it('sends the documented example as given', () => {
    expect(params(botRegisterExample.params)).toMatchObject({ success: true, output: botRegisterExample.params })
  })

  it('copies a top-level botToken (quick-start form) into fields.botToken and keeps it on top', () => {
    const quickStart = botRegisterExample.extraRequests[1]?.params
    expect(params(quickStart)).toMatchObject({
      success: true,
      output: { botToken: 'my_secret_token_123', fields: { code: 'support_bot', botToken: 'my_secret_token_123' } },
    })
    expect(params({ botToken: 't', fields: { ...register, botToken: 't' } }).success).toBe(true)
  })

  it('accepts the undocumented type network, which the server accepts (BOT_INVALID_TYPE lists it)', () => {
    expect(params({ fields: { ...register, type: 'network' } })).toMatchObject({ success: true, output: { fields: { type: 'network' } } })
    expect(v.safeParse(imbotV2BotList.params, { filter: { type: 'network' } }).success).toBe(true)
  })

  it('turns v2 flags into booleans', () => {
    expect(params({ fields: { ...register, isHidden: 'Y', isReactionsEnabled: 'N' } })).toMatchObject({
      success: true,
      output: { fields: { isHidden: true, isReactionsEnabled: false } },
    })
  })

  it.each([
    [{}, 'fields'],
    [{ fields: { properties: { name: 'Bot' } } }, 'fields.code'],
    [{ fields: { code: 'x' } }, 'fields.properties'],
    [{ fields: { code: 'x', properties: {} } }, 'fields.properties.name'],
    [{ fields: { code: '', properties: { name: 'Bot' } } }, 'fields.code'],
    [{ fields: { ...register, botToken: 'x'.repeat(41) } }, 'fields.botToken'],
    [{ fields: { ...register, type: 'robot' } }, 'fields.type'],
    [{ fields: { ...register, eventMode: 'push' } }, 'fields.eventMode'],
    [{ fields: { ...register, eventMode: 'webhook' } }, 'fields.webhookUrl'],
    [{ fields: { ...register, eventMode: 'webhook', webhookUrl: 'http://localhost:3000/bot' } }, 'fields.webhookUrl'],
    [{ fields: { ...register, properties: { name: 'Bot', color: '#df532d' } } }, 'fields.properties.color'],
    [{ fields: { ...register, properties: { name: 'Bot', color: 'RED' } } }, 'fields.properties.color'],
    [{ fields: { ...register, properties: { name: 'Bot', gender: 'X' } } }, 'fields.properties.gender'],
    [{ fields: { ...register, properties: { name: 'Bot', avatar: 'data:image/png;base64,iVBORw0KGgo=' } } }, 'fields.properties.avatar'],
    [{ fields: { ...register, backgroundId: 'black' } }, 'fields.backgroundId'],
    [{ fields: { ...register, botId: 1 } }, 'fields.botId'],
    [{ botToken: 'a', fields: { ...register, botToken: 'b' } }, 'botToken'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2BotRegister, input, field)
  })

  it('accepts webhook mode with a URL, null background and every documented type', () => {
    for (const type of ['bot', 'supervisor', 'personal', 'openline'])
      expect(
        params({ fields: { ...register, type, eventMode: 'webhook', webhookUrl: 'https://bot.example.com/h', backgroundId: null } })
          .success,
      ).toBe(true)
  })

  it('reads { bot, users } with ids as numbers', () => {
    const raw = { bot: { ...botRegisterExample.response.result.bot, id: '456' }, users: [{ id: '456', departments: ['1'] }] }
    expect(v.parse(imbotV2BotRegister.result, raw)).toMatchObject({
      bot: { id: 456, eventMode: 'fetch' },
      users: [{ id: 456, departments: [1] }],
    })
  })
})

describe('imbot.v2.Bot.update', () => {
  it('accepts the rotation form and a null background', () => {
    const input = { ...bot, fields: { botToken: 'new_token', backgroundId: null, properties: { color: 'aqua' } } }
    expect(v.safeParse(imbotV2BotUpdate.params, input)).toMatchObject({ success: true, output: input })
  })

  it.each([
    [{ fields: {} }, 'botId'],
    [{ botId: 456 }, 'fields'],
    [{ botId: '456abc', fields: {} }, 'botId'],
    [{ botId: 0, fields: {} }, 'botId'],
    [{ ...bot, botToken: '', fields: {} }, 'botToken'],
    [{ ...bot, fields: { botToken: 'x'.repeat(41) } }, 'fields.botToken'],
    [{ ...bot, fields: { code: 'other' } }, 'fields.code'],
    [{ ...bot, fields: { properties: { color: 'blue' } } }, 'fields.properties.color'],
    [{ ...bot, fields: { webhookUrl: 'ftp://bot.example.com' } }, 'fields.webhookUrl'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2BotUpdate, input, field)
  })
})

describe('imbot.v2.Bot.get', () => {
  const params = (input: unknown) => v.safeParse(imbotV2BotGet.params, input)

  it('takes botId or code (or both)', () => {
    expect(params(botGetExample.params).success).toBe(true)
    expect(params({ botId: 456 }).success).toBe(true)
    expect(params({ botId: 456, code: 'support_bot' }).success).toBe(true)
  })

  it.each([
    [{}, 'botId'],
    [{ botToken: 'my_bot_token' }, 'botId'],
    [{ code: '' }, 'code'],
    [{ botId: -1 }, 'botId'],
    [{ code: 'x', dialogId: 'chat5' }, 'dialogId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2BotGet, input, field)
  })

  it('reads the brief public form (no owner fields)', () => {
    const raw = {
      bot: { id: 456, code: 'support_bot', type: 'bot', isHidden: false, backgroundId: null, language: 'de' },
      users: [{ id: 456 }],
    }
    const output = v.parse(imbotV2BotGet.result, raw)
    expect(output.bot).toEqual(raw.bot)
    expect(output.bot.countMessage).toBeUndefined()
  })
})

describe('imbot.v2.Bot.list', () => {
  it('accepts paging without botId', () => {
    expect(v.safeParse(imbotV2BotList.params, { limit: 10, offset: 0 }).success).toBe(true)
    expect(v.safeParse(imbotV2BotList.params, {}).success).toBe(true)
  })

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ offset: 1.5 }, 'offset'],
    [{ filter: { type: 'robot' } }, 'filter.type'],
    [{ filter: { code: 'x' } }, 'filter.code'],
    [{ botId: 456 }, 'botId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2BotList, input, field)
  })

  it('reads { bots, users, hasNextPage }, counters and ids as numbers', () => {
    const raw = { ...botListExample.response.result, bots: [{ ...botListExample.response.result.bots[0], id: '456', countChat: '12' }] }
    expect(v.parse(imbotV2BotList.result, raw)).toMatchObject({ bots: [{ id: 456, countChat: 12 }], hasNextPage: false })
    expect(v.parse(imbotV2BotList.result, { bots: [], hasNextPage: false })).toEqual({ bots: [], users: [], hasNextPage: false })
  })
})

describe('imbot.v2.Bot.unregister', () => {
  it('refuses a call without botId', async () => {
    await expectInvalid(imbotV2BotUnregister, { botToken: 'my_bot_token' }, 'botId')
  })

  it('unwraps { result: true }', () => {
    expect(v.parse(imbotV2BotUnregister.result, { result: true })).toBe(true)
    expect(v.parse(imbotV2BotUnregister.result, true)).toBe(true)
  })
})

describe('imbot.v2.Chat.add', () => {
  it('accepts no fields at all, and both page revisions (type, message)', () => {
    expect(v.safeParse(imbotV2ChatAdd.params, bot).success).toBe(true)
    expect(v.safeParse(imbotV2ChatAdd.params, { ...bot, fields: { type: 'open', message: 'Hello', ownerId: 1 } }).success).toBe(true)
  })

  it.each([
    [{ fields: {} }, 'botId'],
    [{ ...bot, fields: { color: '#4ba984' } }, 'fields.color'],
    [{ ...bot, fields: { userIds: [1, '2x'] } }, 'fields.userIds[1]'],
    [{ ...bot, fields: { userIds: 1 } }, 'fields.userIds'],
    [{ ...bot, fields: { ownerId: 0 } }, 'fields.ownerId'],
    [{ ...bot, fields: { type: 'channel' } }, 'fields.type'],
    [{ ...bot, fields: { entityType: 'ORDER' } }, 'fields.entityType'],
    [{ ...bot, fields: { message: 'x'.repeat(20_001) } }, 'fields.message'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatAdd, input, field)
  })

  it('reads the chat with its quirks normalized', () => {
    const output = v.parse(imbotV2ChatAdd.result, chatAddExample.response.result)
    expect(output.chat).toMatchObject({
      id: 5,
      dialogId: 'chat5',
      textFieldEnabled: true,
      lastMessageViews: {},
      parentChatId: null,
      owner: 456,
    })
    expect(output.users.map((user) => user.id)).toEqual([1, 2])
  })
})

describe('imbot.v2.Chat.get', () => {
  it.each([
    [{ botId: 456 }, 'dialogId'],
    [{ ...bot, dialogId: 'group5' }, 'dialogId'],
    [{ ...bot, dialogId: 0 }, 'dialogId'],
    [{ dialogId: 'chat5' }, 'botId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatGet, input, field)
  })

  it('accepts a one-to-one dialog as a user id', () => {
    expect(v.safeParse(imbotV2ChatGet.params, { ...bot, dialogId: '1' }).success).toBe(true)
    expect(v.safeParse(imbotV2ChatGet.params, { ...bot, dialogId: 1 }).success).toBe(true)
  })

  it('reads the documented example', () => {
    expect(v.parse(imbotV2ChatGet.result, chatGetExample.response.result)).toMatchObject({ chat: { id: 5, lastId: 789, messageCount: 15 } })
  })
})

describe('the v2 Chat object', () => {
  const chat = (extra: Record<string, unknown>) => v.parse(v2ChatSchema, { id: 5, dialogId: 'chat5', ...extra })

  it('turns parentChatId 0 (events) and null (methods) into null, and keeps a real parent', () => {
    expect(chat({ parentChatId: 0, parentMessageId: 0 })).toMatchObject({ parentChatId: null, parentMessageId: null })
    expect(chat({ parentChatId: null })).toMatchObject({ parentChatId: null })
    expect(chat({ parentChatId: '12', parentMessageId: 99 })).toMatchObject({ parentChatId: 12, parentMessageId: 99 })
  })

  it('turns textFieldEnabled "Y"/"N" (and a boolean from newer portals) into a boolean', () => {
    expect(chat({ textFieldEnabled: 'Y' }).textFieldEnabled).toBe(true)
    expect(chat({ textFieldEnabled: 'N' }).textFieldEnabled).toBe(false)
    expect(chat({ textFieldEnabled: false }).textFieldEnabled).toBe(false)
  })

  it('parses lastMessageViews from its JSON string, and takes an object as is', () => {
    const views = { messageId: 789, firstViewers: [], countOfViewers: 0 }
    expect(chat({ lastMessageViews: JSON.stringify(views) }).lastMessageViews).toEqual(views)
    expect(chat({ lastMessageViews: views }).lastMessageViews).toEqual(views)
    expect(chat({ lastMessageViews: '' }).lastMessageViews).toEqual({})
    expect(v.safeParse(v2ChatSchema, { id: 5, dialogId: 'chat5', lastMessageViews: '{not json' }).success).toBe(false)
  })

  it('normalizes ids, keeps unknown fields, and reads PHP empty arrays as objects', () => {
    expect(chat({ id: '5', managerList: ['1', 2], entityLink: [], permissions: [], hasManageCapability: true })).toMatchObject({
      id: 5,
      managerList: [1, 2],
      entityLink: {},
      permissions: {},
      hasManageCapability: true,
    })
  })

  it('refuses a chat without id or dialogId', () => {
    expect(v.safeParse(v2ChatSchema, { dialogId: 'chat5' }).success).toBe(false)
    expect(v.safeParse(v2ChatSchema, { id: 5 }).success).toBe(false)
  })
})

describe('the v2 Bot and User objects', () => {
  it('reads a bot and a user with string ids as numbers', () => {
    expect(v.parse(v2BotSchema, { id: '456', code: 'b', countUser: '3' })).toMatchObject({ id: 456, countUser: 3 })
    expect(v.parse(v2UserSchema, { id: '1', idle: false, absent: '2025-01-01T00:00:00+00:00', phones: [] })).toMatchObject({
      id: 1,
      idle: false,
      phones: {},
    })
  })

  it('refuses a bot with an unknown event mode and a user without id', () => {
    expect(v.safeParse(v2BotSchema, { id: 1, code: 'b', eventMode: 'push' }).success).toBe(false)
    expect(v.safeParse(v2UserSchema, { name: 'x' }).success).toBe(false)
  })
})

describe('imbot.v2.Chat.update', () => {
  it.each([
    [{ ...bot, dialogId: 'chat5' }, 'fields'],
    [{ ...bot, dialogId: 'chat5', fields: { color: 'Mint' } }, 'fields.color'],
    [{ ...bot, dialogId: 'chat5', fields: { name: 'x' } }, 'fields.name'],
    [{ ...bot, fields: { title: 'x' } }, 'dialogId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatUpdate, input, field)
  })

  it('unwraps { result: true }', () => {
    expect(v.safeParse(imbotV2ChatUpdate.params, { ...bot, dialogId: 'chat5', fields: { title: 'T', color: 'azure' } }).success).toBe(true)
    expect(v.parse(imbotV2ChatUpdate.result, { result: true })).toBe(true)
  })
})

describe('imbot.v2.Chat.User.add', () => {
  it('accepts an empty list (the server answers true)', () => {
    expect(v.safeParse(imbotV2ChatUserAdd.params, { ...bot, dialogId: 'chat5', userIds: [] }).success).toBe(true)
  })

  it.each([
    [{ ...bot, dialogId: 'chat5' }, 'userIds'],
    [{ ...bot, dialogId: 'chat5', userIds: [0] }, 'userIds[0]'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatUserAdd, input, field)
  })
})

describe('imbot.v2.Chat.User.delete', () => {
  it.each([
    [{ ...bot, dialogId: 'chat5' }, 'userId'],
    [{ ...bot, dialogId: '7', userId: 3 }, 'dialogId'],
    [{ ...bot, dialogId: 'chat5', userIds: [3] }, 'userIds'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatUserDelete, input, field)
  })

  it('sends a hand-written request and unwraps the answer', () => {
    expect(v.safeParse(imbotV2ChatUserDelete.params, { ...bot, dialogId: 'chat5', userId: 3 }).success).toBe(true)
    expect(v.parse(imbotV2ChatUserDelete.result, { result: true })).toBe(true)
  })
})

describe('imbot.v2.Chat.User.list', () => {
  const params = (input: unknown) => v.safeParse(imbotV2ChatUserList.params, input)

  it('accepts limits 1 to 200 and the documented order keys', () => {
    for (const limit of [1, 50, 200]) expect(params({ ...bot, dialogId: 'chat5', limit }).success).toBe(true)
    expect(params({ ...bot, dialogId: 'chat5', order: { lastSendMessageId: 'DESC', userId: 'ASC' } }).success).toBe(true)
  })

  it('accepts a lower-case direction and sends it upper-case, as documented', () => {
    expect(params({ ...bot, dialogId: 'chat5', order: { id: 'asc', userId: 'desc' } })).toMatchObject({
      success: true,
      output: { order: { id: 'ASC', userId: 'DESC' } },
    })
  })

  it.each([
    [{ ...bot, dialogId: 'chat5', limit: 0 }, 'limit'],
    [{ ...bot, dialogId: 'chat5', limit: 201 }, 'limit'],
    [{ ...bot, dialogId: 'chat5', limit: 2.5 }, 'limit'],
    [{ ...bot, dialogId: 'chat5', order: { id: 'up' } }, 'order.id'],
    [{ ...bot, dialogId: 'chat5', order: { name: 'ASC' } }, 'order.name'],
    [{ ...bot, dialogId: 'chat5', offset: 200 }, 'offset'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatUserList, input, field)
  })

  it('reads the bare array of users, ids as numbers', () => {
    expect(v.parse(imbotV2ChatUserList.result, userListExample.response.result).map((user) => user.id)).toEqual([1, 2])
    expect(v.parse(imbotV2ChatUserList.result, [{ id: '7', departments: ['3'] }])).toEqual([{ id: 7, departments: [3] }])
    expect(v.safeParse(imbotV2ChatUserList.result, { users: [] }).success).toBe(false)
  })
})

describe('imbot.v2.Chat.leave', () => {
  it.each([
    [{ ...bot }, 'dialogId'],
    [{ ...bot, dialogId: '1' }, 'dialogId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatLeave, input, field)
  })

  it('sends a hand-written request and unwraps the answer', () => {
    expect(v.safeParse(imbotV2ChatLeave.params, { ...bot, dialogId: 'chat5' }).success).toBe(true)
    expect(v.parse(imbotV2ChatLeave.result, { result: true })).toBe(true)
  })
})

describe('imbot.v2.Chat.Manager.add and .delete', () => {
  it.each([
    [{ ...bot, dialogId: 'chat5', userIds: [] }, 'userIds'],
    [{ ...bot, dialogId: 'chat5' }, 'userIds'],
    [{ ...bot, dialogId: '5', userIds: [4] }, 'dialogId'],
  ])('refuse %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatManagerAdd, input, field)
    await expectInvalid(imbotV2ChatManagerDelete, input, field)
  })

  it('accept a non-empty list', () => {
    expect(v.safeParse(imbotV2ChatManagerAdd.params, { ...bot, dialogId: 'chat5', userIds: [4, 5] }).success).toBe(true)
    expect(v.safeParse(imbotV2ChatManagerDelete.params, { botId: 456, dialogId: 'chat5', userIds: [4] }).success).toBe(true)
  })
})

describe('imbot.v2.Chat.setOwner', () => {
  it.each([
    [{ ...bot, dialogId: 'chat5' }, 'userId'],
    [{ ...bot, dialogId: 'chat5', userId: '0' }, 'userId'],
    [{ ...bot, dialogId: '1', userId: 1 }, 'dialogId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatSetOwner, input, field)
  })
})

describe('imbot.v2.Chat.InputAction.notify', () => {
  const params = (input: unknown) => v.safeParse(imbotV2ChatInputActionNotify.params, input)

  it('accepts the plain typing indicator and durations 1 to 600', () => {
    expect(params({ ...bot, dialogId: '1' }).success).toBe(true)
    for (const duration of [1, 600])
      expect(params({ ...bot, dialogId: 'chat5', statusMessageCode: 'IMBOT_AGENT_ACTION_READING_DOCS', duration }).success).toBe(true)
  })

  it.each([
    [{ ...bot, dialogId: 'chat5', duration: 0 }, 'duration'],
    [{ ...bot, dialogId: 'chat5', duration: 601 }, 'duration'],
    [{ ...bot, dialogId: 'chat5', duration: 1.5 }, 'duration'],
    [{ ...bot, dialogId: 'chat5', statusMessageCode: 'THINKING' }, 'statusMessageCode'],
    [{ ...bot, dialogId: 'chat5', statusMessageCode: 'imbot_agent_action_thinking' }, 'statusMessageCode'],
    [{ ...bot }, 'dialogId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatInputActionNotify, input, field)
  })
})

describe('imbot.v2.Chat.TextField.enabled', () => {
  it('sends enabled as a boolean', () => {
    expect(v.safeParse(imbotV2ChatTextFieldEnabled.params, { ...bot, dialogId: 'chat5', enabled: 'N' })).toMatchObject({
      success: true,
      output: { enabled: false },
    })
    expect(v.safeParse(imbotV2ChatTextFieldEnabled.params, { ...bot, dialogId: '1' }).success).toBe(true)
  })

  it.each([
    [{ ...bot, dialogId: 'chat5', enabled: 'yes' }, 'enabled'],
    [{ ...bot, dialogId: 'chat5', enabled: 1 }, 'enabled'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatTextFieldEnabled, input, field)
  })
})
