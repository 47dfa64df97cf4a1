import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readExample } from '@b24bot/spec-fixtures'
import { sdkCaller } from '../../test/sdk-call.ts'
import type { PortalChat } from '../model/entities.ts'
import { startEmulator, type Emulator } from '../start-emulator.ts'

/** A docs example (`shared/spec/examples-v2`, kept in `@b24bot/spec-fixtures`): `{ method, params, response }`. */
const example = (method: string): { readonly response: { readonly result: unknown } } =>
  readExample(method) as { response: { result: unknown } }
const keysOf = (value: unknown): string[] => Object.keys(value ?? {}).sort()
const addExample = example('imbot.v2.Chat.add').response.result as { chat: object; users: object[] }
const getExample = example('imbot.v2.Chat.get').response.result as { chat: object }
const userListExample = example('imbot.v2.Chat.User.list').response.result as object[]
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

let emulator: Emulator
let botId: number
let ann: number
let bob: number
let group: PortalChat
beforeEach(async () => {
  emulator = await startEmulator()
  botId = emulator.portal.createBot({ appId: 'customsecret', code: 'helper', name: 'Helper', generation: 'v2' }).id
  ann = emulator.portal.createUser({ name: 'Ann', lastName: 'Lee' }).id
  bob = emulator.portal.createUser({ name: 'Bob' }).id
  group = emulator.portal.createChat({ title: 'Ops', ownerId: botId, userIds: [ann] })
})
afterEach(async () => {
  await emulator.close()
})

const sdk = sdkCaller(() => emulator, { botToken: 'secret' })
const call = (method: string, params: Readonly<Record<string, unknown>> = {}) => sdk(method, { botId, ...params })
const dialog = (chat: PortalChat) => `chat${String(chat.id)}`
const members = (chat: PortalChat) => [...chat.userIds]
const errorOf = async (method: string, params: Readonly<Record<string, unknown>>) => {
  const { error } = await call(method, params)
  return error && { code: error.code, status: error.status }
}
const refused = (code: string) => ({ code, status: 400 })
/** Calls an action and expects the answer its docs example shows (`{ result: true }`). */
const act = async (method: string, params: Readonly<Record<string, unknown>>) => {
  expect(await call(method, params)).toEqual({ result: example(method).response.result })
}

describe('the BotController checks, on every chat method', () => {
  const methods = [
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
  ]
  it.each(methods)('%s: BOT_TOKEN_NOT_SPECIFIED, BOT_ID_REQUIRED, BOT_NOT_FOUND, BOT_OWNERSHIP_ERROR', async (method) => {
    const params = { dialogId: dialog(group), userIds: [ann], userId: ann }
    expect(await errorOf(method, { ...params, botToken: '' })).toEqual(refused('BOT_TOKEN_NOT_SPECIFIED'))
    expect(await errorOf(method, { ...params, botId: undefined })).toEqual(refused('BOT_ID_REQUIRED'))
    expect(await errorOf(method, { ...params, botId: 999 })).toEqual(refused('BOT_NOT_FOUND'))
    expect(await errorOf(method, { ...params, botToken: 'rotated' })).toEqual(refused('BOT_OWNERSHIP_ERROR'))
  })

  it.each(methods.filter((method) => method !== 'imbot.v2.Chat.add'))(
    '%s: CHAT_NOT_FOUND for a missing chat, unknown user or no dialogId',
    async (method) => {
      for (const dialogId of ['chat999', '999', undefined])
        expect(await errorOf(method, { dialogId, userIds: [ann], userId: ann })).toEqual(refused('CHAT_NOT_FOUND'))
    },
  )
})

describe('imbot.v2.Chat.add', () => {
  it('creates a group chat the bot owns, with members, colour as HEX and a first message; answers the example shape', async () => {
    const inactive = emulator.portal.createUser({ name: 'Gone' })
    inactive.active = false
    const { result } = await call('imbot.v2.Chat.add', {
      fields: { title: ' Support Chat ', color: 'mint', userIds: [ann, bob, 999, inactive.id], message: 'Welcome[BR]all' },
    })
    const { chat, users } = result as { chat: Record<string, unknown>; users: Record<string, unknown>[] }
    expect(keysOf(chat)).toEqual(keysOf(addExample.chat))
    expect(chat).toMatchObject({
      name: 'Support Chat',
      type: 'chat',
      messageType: 'C',
      owner: botId,
      color: '#4ba984',
      role: 'owner',
      isNew: true,
      messageCount: 1,
      userCounter: 3,
    })
    expect(chat.dialogId).toBe(`chat${String(chat.id)}`)
    expect(users.map((user) => user.id)).toEqual([botId])
    expect(Object.keys(users[0] ?? {})).toEqual(expect.arrayContaining(keysOf(addExample.users[0])))
    const stored = emulator.portal.chats.get(chat.id as number)
    expect(stored && members(stored)).toEqual([botId, ann, bob])
    expect([...emulator.portal.messages.values()].map(({ chatId, authorId, text }) => ({ chatId, authorId, text }))).toEqual([
      { chatId: chat.id, authorId: botId, text: 'Welcome\nall' },
    ])
  })

  it('makes an open chat, binds an entity, takes an avatar, names another owner, and auto-colours an unknown code', async () => {
    const { result } = await call('imbot.v2.Chat.add', {
      fields: { type: 'open', color: 'orange', ownerId: ann, entityType: 'ORDER', entityId: 13, avatar: png },
    })
    const chat = (result as { chat: Record<string, unknown> }).chat
    expect(chat).toMatchObject({
      type: 'open',
      messageType: 'O',
      owner: ann,
      role: 'member',
      entityType: 'ORDER',
      entityId: '13',
      messageCount: 0,
    })
    expect(chat.avatar).not.toBe('')
    // The avatar is a URL the portal serves (imbot-v2 §10.3).
    const image = await fetch(chat.avatar as string)
    expect({ status: image.status, type: image.headers.get('content-type') }).toEqual({ status: 200, type: 'image/png' })
    expect(Buffer.from(await image.arrayBuffer()).toString('base64')).toBe(png)
    expect(chat.color).toMatch(/^#[0-9a-f]{6}$/)
    const stored = emulator.portal.chats.get(chat.id as number)
    expect(stored && { members: members(stored), managers: [...stored.managerIds] }).toEqual({ members: [ann, botId], managers: [ann] })
  })

  it('leaves the chat without owner for an unknown ownerId, and anything but open is a closed group chat', async () => {
    const { result } = await call('imbot.v2.Chat.add', { fields: { type: 'channel', ownerId: 999, color: 'LIGHT_BLUE' } })
    const chat = (result as { chat: Record<string, unknown> }).chat
    expect(chat).toMatchObject({ type: 'chat', owner: 0, role: 'member', color: '#4ba5c3' })
    expect(members(emulator.portal.chats.get(chat.id as number) ?? group)).toEqual([botId])
  })

  it('reports other bots among the members as joined, not itself', async () => {
    const other = emulator.portal.createBot({ appId: 'customother', code: 'other', generation: 'v2' }).id
    const joined = vi.spyOn(emulator.portal.events, 'joined')
    await call('imbot.v2.Chat.add', { fields: { userIds: [ann] } })
    expect(joined).not.toHaveBeenCalled()
    const { result } = await call('imbot.v2.Chat.add', { fields: { userIds: [ann, other] } })
    const chat = emulator.portal.chats.get((result as { chat: { id: number } }).chat.id)
    expect(joined).toHaveBeenCalledExactlyOnceWith(chat, [other], botId)
  })
})

describe('imbot.v2.Chat.get', () => {
  it('answers { chat } for a member in the example shape, and users: the bot (newer revision, §18)', async () => {
    emulator.portal.addMessage({ chatId: group.id, authorId: ann, text: 'Hi' })
    const { result } = await call('imbot.v2.Chat.get', { dialogId: dialog(group) })
    expect(keysOf(result)).toEqual(['chat', 'users'])
    const { chat, users } = result as { chat: Record<string, unknown>; users: Record<string, unknown>[] }
    expect(users.map((user) => user.id)).toEqual([botId])
    expect(Object.keys(users[0] ?? {})).toEqual(expect.arrayContaining(keysOf(addExample.users[0])))
    expect(keysOf(chat)).toEqual(keysOf(getExample.chat))
    expect(chat).toMatchObject({
      id: group.id,
      dialogId: dialog(group),
      name: 'Ops',
      role: 'owner',
      textFieldEnabled: 'Y',
      messageCount: 1,
      userCounter: 2,
    })
  })

  it('reads an open chat without membership, refuses a closed one (ACCESS_DENIED)', async () => {
    const open = emulator.portal.createChat({ type: 'O', title: 'Lobby', ownerId: ann })
    expect((await call('imbot.v2.Chat.get', { dialogId: dialog(open) })).result).toMatchObject({ chat: { id: open.id, role: 'none' } })
    const closed = emulator.portal.createChat({ ownerId: ann })
    expect(await errorOf('imbot.v2.Chat.get', { dialogId: dialog(closed) })).toEqual(refused('ACCESS_DENIED'))
  })

  it('answers the private chat with a user, dialogId being that user', async () => {
    const { result } = await call('imbot.v2.Chat.get', { dialogId: String(ann) })
    expect(result).toMatchObject({ chat: { dialogId: String(ann), type: 'private', messageType: 'P' } })
  })
})

describe('imbot.v2.Chat.update', () => {
  it('lets the owner change title, description, colour and avatar in one call', async () => {
    await act('imbot.v2.Chat.update', {
      dialogId: dialog(group),
      fields: { title: 'New Title', description: 'Night shift', color: 'azure', avatar: png },
    })
    // The chat keeps the code; answers render its HEX (decision 045).
    expect(group).toMatchObject({ title: 'New Title', description: 'Night shift', color: 'AZURE', avatar: png })
  })

  it('ignores an unknown colour and a blank title, removes a non-image avatar, and answers true with no fields', async () => {
    group.avatar = png
    await act('imbot.v2.Chat.update', { dialogId: dialog(group), fields: { title: '  ', color: 'orange', avatar: 'SGVsbG8=' } })
    expect(group).toMatchObject({ title: 'Ops', avatar: '' })
    expect(group.color).not.toBe('orange')
    await act('imbot.v2.Chat.update', { dialogId: dialog(group) })
  })

  it('refuses a bot that is not the owner (even a manager), and private chats', async () => {
    const managed = emulator.portal.createChat({ ownerId: ann, userIds: [botId] })
    managed.managerIds.add(botId)
    expect(await errorOf('imbot.v2.Chat.update', { dialogId: dialog(managed), fields: { title: 'x' } })).toEqual(refused('ACCESS_DENIED'))
    expect(await errorOf('imbot.v2.Chat.update', { dialogId: String(ann), fields: { title: 'x' } })).toEqual(refused('WRONG_MESSAGE_TYPE'))
  })
})

describe('imbot.v2.Chat.User.add', () => {
  it('adds users as a member, skipping unknown, inactive and present ones, and reports them as joined', async () => {
    const member = emulator.portal.createChat({ ownerId: ann, userIds: [botId] })
    const inactive = emulator.portal.createUser()
    inactive.active = false
    const joined = vi.spyOn(emulator.portal.events, 'joined')
    await act('imbot.v2.Chat.User.add', { dialogId: dialog(member), userIds: [bob, ann, 999, inactive.id] })
    expect(members(member)).toEqual([ann, botId, bob])
    expect(joined).toHaveBeenCalledExactlyOnceWith(member, [bob], botId)
    await act('imbot.v2.Chat.User.add', { dialogId: dialog(member), userIds: [] })
    expect(joined).toHaveBeenCalledOnce()
  })

  it('answers true without effect in a private chat', async () => {
    await act('imbot.v2.Chat.User.add', { dialogId: String(ann), userIds: [bob] })
    expect(members(emulator.portal.privateChat(botId, ann))).not.toContain(bob)
  })

  it('refuses a bot outside the chat, and the general chat (ACCESS_DENIED)', async () => {
    const foreign = emulator.portal.createChat({ ownerId: ann })
    expect(await errorOf('imbot.v2.Chat.User.add', { dialogId: dialog(foreign), userIds: [bob] })).toEqual(refused('ACCESS_DENIED'))
    emulator.portal.chats.get(1)?.userIds.add(botId)
    expect(await errorOf('imbot.v2.Chat.User.add', { dialogId: 'chat1', userIds: [bob] })).toEqual(refused('ACCESS_DENIED'))
  })
})

describe('imbot.v2.Chat.User.delete', () => {
  it('removes a member as owner or manager; a non-member is true', async () => {
    group.userIds.add(bob)
    group.managerIds.add(bob)
    await act('imbot.v2.Chat.User.delete', { dialogId: dialog(group), userId: bob })
    expect({ members: members(group), managers: [...group.managerIds] }).toEqual({ members: [botId, ann], managers: [botId] })
    await act('imbot.v2.Chat.User.delete', { dialogId: dialog(group), userId: bob })
    const managed = emulator.portal.createChat({ ownerId: ann, userIds: [botId, bob] })
    managed.managerIds.add(botId)
    await act('imbot.v2.Chat.User.delete', { dialogId: dialog(managed), userId: bob })
  })

  it('refuses a plain member, the owner as target, private chats, and a missing userId', async () => {
    const plain = emulator.portal.createChat({ ownerId: ann, userIds: [botId, bob] })
    expect(await errorOf('imbot.v2.Chat.User.delete', { dialogId: dialog(plain), userId: bob })).toEqual(refused('ACCESS_DENIED'))
    plain.managerIds.add(botId)
    expect(await errorOf('imbot.v2.Chat.User.delete', { dialogId: dialog(plain), userId: ann })).toEqual(refused('ACCESS_DENIED'))
    expect(await errorOf('imbot.v2.Chat.User.delete', { dialogId: String(ann), userId: ann })).toEqual(refused('WRONG_MESSAGE_TYPE'))
    expect(await errorOf('imbot.v2.Chat.User.delete', { dialogId: dialog(group) })).toEqual(refused('USER_ID_EMPTY'))
  })
})

describe('imbot.v2.Chat.User.list', () => {
  it('answers a bare array of User objects in join order, sorted and limited on request', async () => {
    group.userIds.add(bob)
    emulator.portal.addMessage({ chatId: group.id, authorId: ann, text: 'first' })
    emulator.portal.addMessage({ chatId: group.id, authorId: botId, text: 'second' })
    const ids = async (params: Readonly<Record<string, unknown>>) =>
      ((await call('imbot.v2.Chat.User.list', { dialogId: dialog(group), ...params })).result as { id: number }[]).map((user) => user.id)
    const { result } = await call('imbot.v2.Chat.User.list', { dialogId: dialog(group) })
    expect(Array.isArray(result)).toBe(true)
    expect(Object.keys((result as object[])[0] ?? {})).toEqual(expect.arrayContaining(keysOf(userListExample[0])))
    expect(result).toMatchObject([{ id: botId, bot: true, type: 'bot' }, { id: ann, name: 'Ann Lee', type: 'employee' }, { id: bob }])
    expect(await ids({ order: { userId: 'DESC' } })).toEqual([bob, ann, botId])
    expect(await ids({ order: { id: 'desc' } })).toEqual([bob, ann, botId])
    expect(await ids({ order: { lastSendMessageId: 'DESC', userId: 'ASC' } })).toEqual([botId, ann, bob])
    expect(await ids({ limit: 1 })).toEqual([botId])
    expect(await ids({ limit: 0, order: { unknown: 'DESC' } })).toEqual([botId, ann, bob])
  })

  it('stops at 50 by default and 200 at most', async () => {
    for (let index = 0; index < 210; index += 1) group.userIds.add(emulator.portal.createUser().id)
    const count = async (limit?: number) =>
      ((await call('imbot.v2.Chat.User.list', { dialogId: dialog(group), limit })).result as unknown[]).length
    expect([await count(), await count(500), await count(200), await count(120)]).toEqual([50, 200, 200, 120])
  })

  it('lists both sides of a private chat, and refuses a chat the bot is not in', async () => {
    expect(
      ((await call('imbot.v2.Chat.User.list', { dialogId: String(ann) })).result as { id: number }[]).map((user) => user.id).sort(),
    ).toEqual([botId, ann].sort())
    const foreign = emulator.portal.createChat({ type: 'O', ownerId: ann })
    expect(await errorOf('imbot.v2.Chat.User.list', { dialogId: dialog(foreign) })).toEqual(refused('ACCESS_DENIED'))
  })
})

describe('imbot.v2.Chat.leave', () => {
  it('lets a member that is not the owner leave', async () => {
    const member = emulator.portal.createChat({ ownerId: ann, userIds: [botId] })
    member.managerIds.add(botId)
    await act('imbot.v2.Chat.leave', { dialogId: dialog(member) })
    expect({ members: members(member), managers: [...member.managerIds] }).toEqual({ members: [ann], managers: [ann] })
  })

  it('refuses the owner, a non-member, the general chat and private chats', async () => {
    expect(await errorOf('imbot.v2.Chat.leave', { dialogId: dialog(group) })).toEqual(refused('ACCESS_DENIED'))
    expect(await errorOf('imbot.v2.Chat.leave', { dialogId: dialog(emulator.portal.createChat({ ownerId: ann })) })).toEqual(
      refused('ACCESS_DENIED'),
    )
    emulator.portal.chats.get(1)?.userIds.add(botId)
    expect(await errorOf('imbot.v2.Chat.leave', { dialogId: 'chat1' })).toEqual(refused('ACCESS_DENIED'))
    expect(await errorOf('imbot.v2.Chat.leave', { dialogId: String(ann) })).toEqual(refused('WRONG_MESSAGE_TYPE'))
  })
})

describe('imbot.v2.Chat.Manager.add and .delete', () => {
  it('grant and revoke the manager role as the owner; non-members are skipped; the owner stays the owner', async () => {
    await act('imbot.v2.Chat.Manager.add', { dialogId: dialog(group), userIds: [ann, bob] })
    expect([...group.managerIds]).toEqual([botId, ann])
    await act('imbot.v2.Chat.Manager.delete', { dialogId: dialog(group), userIds: [ann, bob, botId] })
    expect({ managers: [...group.managerIds], owner: group.ownerId }).toEqual({ managers: [], owner: botId })
  })

  it.each(['imbot.v2.Chat.Manager.add', 'imbot.v2.Chat.Manager.delete'])(
    '%s refuses empty userIds, a non-owner, private and Open Channel chats',
    async (method) => {
      expect(await errorOf(method, { dialogId: dialog(group) })).toEqual(refused('EMPTY_USER_IDS'))
      expect(await errorOf(method, { dialogId: dialog(group), userIds: [0, 'x'] })).toEqual(refused('EMPTY_USER_IDS'))
      const managed = emulator.portal.createChat({ ownerId: ann, userIds: [botId, bob] })
      managed.managerIds.add(botId)
      expect(await errorOf(method, { dialogId: dialog(managed), userIds: [bob] })).toEqual(refused('ACCESS_DENIED'))
      expect(await errorOf(method, { dialogId: String(ann), userIds: [ann] })).toEqual(refused('WRONG_MESSAGE_TYPE'))
      group.type = 'L'
      expect(await errorOf(method, { dialogId: dialog(group), userIds: [ann] })).toEqual(refused('WRONG_MESSAGE_TYPE'))
    },
  )
})

describe('imbot.v2.Chat.setOwner', () => {
  it('hands the chat over, even to a non-member (not added); the bot stays a manager', async () => {
    await act('imbot.v2.Chat.setOwner', { dialogId: dialog(group), userId: bob })
    expect({ owner: group.ownerId, members: members(group), managers: [...group.managerIds].sort() }).toEqual({
      owner: bob,
      members: [botId, ann],
      managers: [botId, bob].sort(),
    })
    expect(await errorOf('imbot.v2.Chat.setOwner', { dialogId: dialog(group), userId: ann })).toEqual(refused('ACCESS_DENIED'))
  })

  it('refuses a missing userId, private and Open Channel chats', async () => {
    expect(await errorOf('imbot.v2.Chat.setOwner', { dialogId: dialog(group) })).toEqual(refused('USER_ID_EMPTY'))
    expect(await errorOf('imbot.v2.Chat.setOwner', { dialogId: String(ann), userId: ann })).toEqual(refused('WRONG_MESSAGE_TYPE'))
    group.type = 'L'
    expect(await errorOf('imbot.v2.Chat.setOwner', { dialogId: dialog(group), userId: ann })).toEqual(refused('WRONG_MESSAGE_TYPE'))
  })
})

describe('imbot.v2.Chat.InputAction.notify', () => {
  it('shows an indicator in a group or private chat, keeping the code and duration', async () => {
    await act('imbot.v2.Chat.InputAction.notify', {
      dialogId: dialog(group),
      statusMessageCode: 'IMBOT_AGENT_ACTION_THINKING',
      duration: 30,
    })
    await act('imbot.v2.Chat.InputAction.notify', { dialogId: String(ann) })
    await act('imbot.v2.Chat.InputAction.notify', {
      dialogId: dialog(group),
      statusMessageCode: 'IMBOT_AGENT_ACTION_DANCING',
      duration: 9_999,
    })
    const privateChat = emulator.portal.privateChat(botId, ann)
    expect(
      emulator.portal.inputActions.map(({ chatId, botId: by, statusMessageCode, duration }) => ({
        chatId,
        by,
        statusMessageCode,
        duration,
      })),
    ).toEqual([
      { chatId: group.id, by: botId, statusMessageCode: 'IMBOT_AGENT_ACTION_THINKING', duration: 30 },
      { chatId: privateChat.id, by: botId, statusMessageCode: null, duration: null },
      { chatId: group.id, by: botId, statusMessageCode: null, duration: 600 },
    ])
  })

  it('refuses a chat the bot is not in (ACCESS_DENIED)', async () => {
    expect(await errorOf('imbot.v2.Chat.InputAction.notify', { dialogId: dialog(emulator.portal.createChat({ ownerId: ann })) })).toEqual(
      refused('ACCESS_DENIED'),
    )
  })
})

describe('imbot.v2.Chat.TextField.enabled', () => {
  it('turns the input field off and on (absent means on), in group and private chats', async () => {
    await act('imbot.v2.Chat.TextField.enabled', { dialogId: dialog(group), enabled: false })
    expect((await call('imbot.v2.Chat.get', { dialogId: dialog(group) })).result).toMatchObject({ chat: { textFieldEnabled: 'N' } })
    await act('imbot.v2.Chat.TextField.enabled', { dialogId: dialog(group) })
    expect(group.textFieldEnabled).toBe(true)
    await act('imbot.v2.Chat.TextField.enabled', { dialogId: String(ann), enabled: 'N' })
    expect(emulator.portal.privateChat(botId, ann).textFieldEnabled).toBe(false)
  })

  it('refuses a chat the bot is not in (ACCESS_DENIED)', async () => {
    expect(
      await errorOf('imbot.v2.Chat.TextField.enabled', { dialogId: dialog(emulator.portal.createChat({ ownerId: ann })), enabled: false }),
    ).toEqual(refused('ACCESS_DENIED'))
  })
})

describe('an OAuth app bot, with PHP-form bodies', () => {
  it('needs no botToken; reads nested fields, id lists and 0/1 flags from a form body', async () => {
    const app = emulator.portal.addApp()
    const appBot = emulator.portal.createBot({ appId: app.clientId, code: 'oauth', generation: 'v2' }).id
    const { access_token } = emulator.portal.tokens.issue(app, 1)
    const form = async (method: string, params: Record<string, string>) => {
      const response = await fetch(`${emulator.url}/rest/${method}`, {
        method: 'POST',
        body: new URLSearchParams({ auth: access_token, botId: String(appBot), ...params }),
      })
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    }
    const added = await form('imbot.v2.Chat.add', {
      'fields[title]': 'Form chat',
      'fields[type]': 'open',
      'fields[userIds][0]': String(ann),
      'fields[userIds][1]': String(bob),
    })
    const chat = (added.body.result as { chat: { id: number; owner: number; type: string } }).chat
    expect(chat).toMatchObject({ owner: appBot, type: 'open' })
    expect(members(emulator.portal.chats.get(chat.id) ?? group)).toEqual([appBot, ann, bob])
    expect(await form('imbot.v2.Chat.TextField.enabled', { dialogId: `chat${String(chat.id)}`, enabled: '0' })).toMatchObject({
      status: 200,
      body: { result: { result: true } },
    })
    expect(emulator.portal.chats.get(chat.id)?.textFieldEnabled).toBe(false)
    expect(await form('imbot.v2.Chat.get', { botId: String(botId), dialogId: dialog(group) })).toMatchObject({
      status: 400,
      body: { error: 'BOT_OWNERSHIP_ERROR' },
    })
  })
})
