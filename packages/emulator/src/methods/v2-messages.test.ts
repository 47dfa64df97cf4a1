import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sdkCaller } from '../../test/sdk-call.ts'
import getContextExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Chat.Message.getContext.json' with { type: 'json' }
import getExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Chat.Message.get.json' with { type: 'json' }
import readExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Chat.Message.read.json' with { type: 'json' }
import sendExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Chat.Message.send.json' with { type: 'json' }
import updateExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Chat.Message.update.json' with { type: 'json' }
import type { PortalBot, PortalChat, PortalUser } from '../model/entities.ts'
import { startEmulator, type Emulator } from '../start-emulator.ts'

let emulator: Emulator
let bot: PortalBot
let user: PortalUser
let chat: PortalChat
beforeEach(async () => {
  emulator = await startEmulator({ clock: { frozen: true, start: Date.UTC(2026, 2, 19, 12) } })
  bot = emulator.portal.createBot({ appId: 'customsecret', code: 'helper', generation: 'v2' })
  user = emulator.portal.createUser({ name: 'John', lastName: 'Smith' })
  chat = emulator.portal.createChat({ title: 'Ops', userIds: [bot.id, user.id] })
})
afterEach(async () => {
  await emulator.close()
})

const call = sdkCaller(() => emulator, { botToken: 'secret' })
const keys = (value: unknown) => Object.keys(value as object).sort()
const exampleKeys = (example: { response: { result: unknown } }) => keys(example.response.result)
const dialog = () => `chat${String(chat.id)}`
const post = (authorId: number, text: string, target: PortalChat = chat) =>
  emulator.portal.addMessage({ chatId: target.id, authorId, text })
const spy = <Name extends 'messageAdded' | 'messageUpdated' | 'messageDeleted' | 'reactionChanged'>(name: Name) =>
  vi.spyOn(emulator.portal.events, name)

describe('imbot.v2.Chat.Message.send', () => {
  it('posts into a chat the bot is in and answers { id, uuidMap } like the example', async () => {
    const added = spy('messageAdded')
    const { result } = await call('imbot.v2.Chat.Message.send', { botId: bot.id, dialogId: dialog(), fields: sendExample.params.fields })
    expect(keys(result)).toEqual(exampleKeys(sendExample))
    const { id, uuidMap } = result as { id: number; uuidMap: unknown }
    expect(uuidMap).toEqual({})
    expect(emulator.portal.messages.get(id)).toMatchObject({
      chatId: chat.id,
      authorId: bot.id,
      text: 'Hello from bot!',
      params: { KEYBOARD: sendExample.params.fields.keyboard },
    })
    expect(added.mock.calls.map(([message]) => message.id)).toEqual([id])
  })

  it('opens the private dialog with a user on first use and reads form-encoded flags', async () => {
    const body = new URLSearchParams({
      botId: String(bot.id),
      botToken: 'secret',
      dialogId: String(user.id),
      'fields[message]': 'Hi[br]there',
      'fields[system]': 'Y',
      'fields[urlPreview]': 'N',
      'fields[templateId]': 'b6f1a0de-0000-4000-8000-000000000001',
    })
    const response = await fetch(`${emulator.webhookUrl}imbot.v2.Chat.Message.send`, { method: 'POST', body })
    const { result } = (await response.json()) as { result: { id: number } }
    const message = emulator.portal.messages.get(result.id)
    expect(message).toMatchObject({
      authorId: 0,
      system: true,
      text: 'Hi\nthere',
      uuid: 'b6f1a0de-0000-4000-8000-000000000001',
      params: { URL_PREVIEW: 'N' },
    })
    const privateChat = emulator.portal.chats.get(message?.chatId ?? 0)
    expect(privateChat?.type).toBe('P')
    expect([...(privateChat?.userIds ?? [])].sort()).toEqual([bot.id, user.id].sort())
  })

  it('truncates long text, keeps a reply to a message of the same chat, and takes an attach alone', async () => {
    const original = post(user.id, 'Question')
    const long = await call('imbot.v2.Chat.Message.send', {
      botId: bot.id,
      dialogId: dialog(),
      fields: { message: 'y'.repeat(25_000), replyId: original.id },
    })
    expect(emulator.portal.messages.get((long.result as { id: number }).id)).toMatchObject({
      text: `${'y'.repeat(20_000)} (...)`,
      params: { REPLY_ID: original.id },
    })
    const attach = await call('imbot.v2.Chat.Message.send', {
      botId: bot.id,
      dialogId: dialog(),
      fields: { attach: [{ MESSAGE: 'Card' }] },
    })
    expect(emulator.portal.messages.get((attach.result as { id: number }).id)?.params.ATTACH).toEqual({ BLOCKS: [{ MESSAGE: 'Card' }] })
  })

  it('forwards messages of chats the bot is in, mapping each uuid to the new message', async () => {
    const original = post(user.id, 'Forward me')
    const elsewhere = post(1, 'Secret', emulator.portal.createChat({ title: 'Private' }))
    const { result } = await call('imbot.v2.Chat.Message.send', {
      botId: bot.id,
      dialogId: dialog(),
      fields: { forwardIds: { a: original.id, b: elsewhere.id } },
    })
    const { id, uuidMap } = result as { id: null; uuidMap: Record<string, number> }
    expect(id).toBeNull()
    expect(Object.keys(uuidMap)).toEqual(['a'])
    expect(emulator.portal.messages.get(uuidMap.a ?? 0)).toMatchObject({
      chatId: chat.id,
      authorId: bot.id,
      text: 'Forward me',
      params: { FORWARD_ID: original.id, FORWARD_USER_ID: user.id },
    })
    const tooMany = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`u${String(i)}`, original.id]))
    expect(
      (await call('imbot.v2.Chat.Message.send', { botId: bot.id, dialogId: dialog(), fields: { message: 'x', forwardIds: tooMany } })).error
        ?.code,
    ).toBe('TOO_MANY_MESSAGES')
  })

  it.each([
    ['no fields', 'EMPTY_MESSAGE', {}],
    ['blank text', 'EMPTY_MESSAGE', { fields: { message: '   ' } }],
    ['a keyboard alone', 'EMPTY_MESSAGE', { fields: { keyboard: [{ TEXT: 'Open', LINK: 'https://example.com' }] } }],
    ['an attach without blocks', 'ATTACH_ERROR', { fields: { message: 'x', attach: { BLOCKS: [{ NOPE: 1 }] } } }],
    ['an attach of 60,000 characters', 'ATTACH_OVERSIZE', { fields: { message: 'x', attach: [{ MESSAGE: 'x'.repeat(60_000) }] } }],
    ['a keyboard without a usable button', 'KEYBOARD_ERROR', { fields: { message: 'x', keyboard: [{ TEXT: 'No action' }] } }],
    ['a chat the bot is not in', 'ACCESS_DENIED', { dialogId: 'chat1', fields: { message: 'x' } }],
    ['a chat that does not exist', 'ACCESS_DENIED', { dialogId: 'chat999', fields: { message: 'x' } }],
    ['a user that does not exist', 'ACCESS_DENIED', { dialogId: '99999', fields: { message: 'x' } }],
    ['no botToken', 'BOT_TOKEN_NOT_SPECIFIED', { botToken: '', fields: { message: 'x' } }],
    ['no botId', 'BOT_ID_REQUIRED', { botId: undefined, fields: { message: 'x' } }],
    ['an unknown bot', 'BOT_NOT_FOUND', { botId: 99_999, fields: { message: 'x' } }],
    ['a wrong botToken', 'BOT_OWNERSHIP_ERROR', { botToken: 'rotated-out', fields: { message: 'x' } }],
  ])('refuses %s with 400 %s', async (_label, code, params) => {
    const { error } = await call('imbot.v2.Chat.Message.send', { botId: bot.id, dialogId: dialog(), ...params })
    expect([error?.status, error?.code]).toEqual([400, code])
  })

  it('sends as an OAuth app bot, without botToken', async () => {
    const app = emulator.portal.addApp()
    const appBot = emulator.portal.createBot({ appId: app.clientId, code: 'oauth', generation: 'v2' })
    chat.userIds.add(appBot.id)
    const { access_token } = emulator.portal.tokens.issue(app, 1)
    const { result } = await call(
      'imbot.v2.Chat.Message.send',
      { auth: access_token, botToken: undefined, botId: appBot.id, dialogId: dialog(), fields: { message: 'Via OAuth' } },
      `${emulator.url}/rest/`,
    )
    expect(emulator.portal.messages.get((result as { id: number }).id)?.authorId).toBe(appBot.id)
  })
})

describe('imbot.v2.Chat.Message.update', () => {
  it('edits the bot own message: text, keyboard removal, attach and link previews', async () => {
    const message = emulator.portal.addMessage({
      chatId: chat.id,
      authorId: bot.id,
      text: 'Old',
      params: { KEYBOARD: [{ TEXT: 'a', COMMAND: 'a' }] },
    })
    const updated = spy('messageUpdated')
    emulator.portal.clock.advance(60_000)
    const { result } = await call('imbot.v2.Chat.Message.update', {
      botId: bot.id,
      messageId: message.id,
      fields: { message: 'Updated text', keyboard: 'N', attach: [{ MESSAGE: 'New' }], urlPreview: 'N' },
    })
    expect(keys(result)).toEqual(exampleKeys(updateExample))
    expect(result).toEqual(updateExample.response.result)
    expect(message).toMatchObject({
      text: 'Updated text',
      params: { ATTACH: { BLOCKS: [{ MESSAGE: 'New' }] }, URL_PREVIEW: 'N' },
      updatedAt: new Date(emulator.portal.clock.now()),
    })
    expect(message.params.KEYBOARD).toBeUndefined()
    expect(updated.mock.calls).toEqual([[message, bot.id]])
  })

  it('deletes the message softly when the new text is blank', async () => {
    const message = post(bot.id, 'Old')
    const deleted = spy('messageDeleted')
    await call('imbot.v2.Chat.Message.update', { botId: bot.id, messageId: message.id, fields: { message: ' ' } })
    expect(message).toMatchObject({ deleted: true, text: 'This message was deleted' })
    expect(deleted.mock.calls).toEqual([[message, bot.id]])
  })

  it('refuses others, system and missing messages, and edits after three days, with ACCESS_DENIED', async () => {
    const own = post(bot.id, 'Mine')
    for (const messageId of [post(user.id, 'Theirs').id, post(0, 'System').id, 99_999]) {
      expect((await call('imbot.v2.Chat.Message.update', { botId: bot.id, messageId, fields: { message: 'x' } })).error?.code).toBe(
        'ACCESS_DENIED',
      )
    }
    emulator.portal.clock.advance(3 * 24 * 3_600_000)
    expect((await call('imbot.v2.Chat.Message.update', { botId: bot.id, messageId: own.id, fields: { message: 'x' } })).error?.code).toBe(
      'ACCESS_DENIED',
    )
    expect(own.text).toBe('Mine')
  })

  it('checks attach and keyboard like classic update', async () => {
    const own = post(bot.id, 'Mine')
    expect(
      (await call('imbot.v2.Chat.Message.update', { botId: bot.id, messageId: own.id, fields: { attach: { BLOCKS: [] } } })).error?.code,
    ).toBe('ATTACH_ERROR')
    expect(
      (
        await call('imbot.v2.Chat.Message.update', {
          botId: bot.id,
          messageId: own.id,
          fields: { attach: [{ MESSAGE: 'x'.repeat(60_000) }] },
        })
      ).error?.code,
    ).toBe('ATTACH_OVERSIZE')
    const huge = Array.from({ length: 2_000 }, (_, i) => ({ TEXT: `Button ${String(i)} with a long caption`, COMMAND: 'pick' }))
    expect((await call('imbot.v2.Chat.Message.update', { botId: bot.id, messageId: own.id, fields: { keyboard: huge } })).error?.code).toBe(
      'KEYBOARD_OVERSIZE',
    )
  })
})

describe('imbot.v2.Chat.Message.delete', () => {
  it('deletes the bot own message softly, or for good with complete', async () => {
    const [soft, hard] = [post(bot.id, 'One'), post(bot.id, 'Two')]
    const deleted = spy('messageDeleted')
    expect((await call('imbot.v2.Chat.Message.delete', { botId: bot.id, messageId: soft.id })).result).toEqual({ result: true })
    expect(soft).toMatchObject({ deleted: true, text: 'This message was deleted' })
    await call('imbot.v2.Chat.Message.delete', { botId: bot.id, messageId: hard.id, complete: true })
    expect(emulator.portal.messages.has(hard.id)).toBe(false)
    expect(deleted.mock.calls).toEqual([
      [soft, bot.id],
      [hard, bot.id],
    ])
  })

  it('deletes others and system messages only where the bot administers the chat', async () => {
    const [theirs, system] = [post(user.id, 'Theirs'), post(0, 'System')]
    for (const message of [theirs, system]) {
      expect((await call('imbot.v2.Chat.Message.delete', { botId: bot.id, messageId: message.id })).error?.code).toBe('ACCESS_DENIED')
    }
    chat.managerIds.add(bot.id)
    for (const message of [theirs, system]) {
      expect((await call('imbot.v2.Chat.Message.delete', { botId: bot.id, messageId: message.id })).result).toEqual({ result: true })
    }
    expect((await call('imbot.v2.Chat.Message.delete', { botId: bot.id, messageId: theirs.id })).error?.code).toBe('ACCESS_DENIED')
  })
})

describe('imbot.v2.Chat.Message.read', () => {
  it('marks the chat read up to a message, then to its end, and answers like the example', async () => {
    const [first, own, second, third] = [post(user.id, 'a'), post(bot.id, 'b'), post(user.id, 'c'), post(user.id, 'd')]
    const partly = await call('imbot.v2.Chat.Message.read', { botId: bot.id, dialogId: dialog(), messageId: second.id })
    expect(keys(partly.result)).toEqual(exampleKeys(readExample))
    expect(partly.result).toEqual({ chatId: chat.id, lastId: second.id, counter: 1, viewedMessages: [first.id, second.id] })
    expect(own.id).toBeLessThan(second.id)
    expect((await call('imbot.v2.Chat.Message.read', { botId: bot.id, dialogId: dialog() })).result).toEqual({
      chatId: chat.id,
      lastId: third.id,
      counter: 0,
      viewedMessages: [third.id],
    })
    expect((await call('imbot.v2.Chat.Message.read', { botId: bot.id, dialogId: dialog(), messageId: first.id })).result).toMatchObject({
      lastId: third.id,
      viewedMessages: [],
    })
    expect(chat.lastRead.get(bot.id)).toBe(third.id)
  })

  it('refuses a message of another chat with MESSAGE_NOT_FOUND and a chat the bot is not in with ACCESS_DENIED', async () => {
    const elsewhere = post(1, 'x', emulator.portal.chats.get(1))
    expect((await call('imbot.v2.Chat.Message.read', { botId: bot.id, dialogId: dialog(), messageId: elsewhere.id })).error?.code).toBe(
      'MESSAGE_NOT_FOUND',
    )
    expect((await call('imbot.v2.Chat.Message.read', { botId: bot.id, dialogId: 'chat1' })).error?.code).toBe('ACCESS_DENIED')
  })
})

describe('imbot.v2.Chat.Message.get and getContext', () => {
  it('read a message and its author, for a supervisor bot', async () => {
    bot.type = 'S'
    const message = post(user.id, 'Hello! How are you?')
    const { result } = await call('imbot.v2.Chat.Message.get', { botId: bot.id, messageId: message.id })
    const answer = result as { message: Record<string, unknown>; user: Record<string, unknown> }
    expect(keys(answer)).toEqual(exampleKeys(getExample))
    expect(keys(answer.message)).toEqual(keys(getExample.response.result.message))
    expect(answer.message).toMatchObject({
      id: message.id,
      chatId: chat.id,
      authorId: user.id,
      text: 'Hello! How are you?',
      isSystem: false,
    })
    expect(answer.user).toMatchObject({ id: user.id, active: true, name: 'John Smith', bot: false, type: 'employee' })
  })

  it('return a window of messages around one, oldest first, with their authors and paging flags', async () => {
    bot.type = 'P'
    const messages = Array.from({ length: 7 }, (_, i) => post(i % 2 === 0 ? user.id : bot.id, `m${String(i)}`))
    const centre = messages[3]!
    const { result } = await call('imbot.v2.Chat.Message.getContext', { botId: bot.id, messageId: centre.id, range: 2 })
    const answer = result as { messages: { id: number }[]; users: { id: number }[] }
    expect(keys(answer)).toEqual(exampleKeys(getContextExample))
    expect(answer).toMatchObject({ hasPrevPage: true, hasNextPage: true })
    expect(answer.messages.map((message) => message.id)).toEqual(messages.slice(1, 6).map((message) => message.id))
    expect(answer.users.map((author) => author.id)).toEqual([bot.id, user.id])
    const wide = await call('imbot.v2.Chat.Message.getContext', { botId: bot.id, messageId: centre.id, range: 500 })
    expect(wide.result).toMatchObject({ hasPrevPage: false, hasNextPage: false })
    expect((wide.result as { messages: unknown[] }).messages).toHaveLength(7)
  })

  it.each([['imbot.v2.Chat.Message.get'], ['imbot.v2.Chat.Message.getContext']])(
    '%s: BOT_TYPE_NOT_ALLOWED, MESSAGE_NOT_FOUND, MESSAGE_ACCESS_DENIED',
    async (method) => {
      const message = post(user.id, 'x')
      expect((await call(method, { botId: bot.id, messageId: message.id })).error?.code).toBe('BOT_TYPE_NOT_ALLOWED')
      bot.type = 'S'
      expect((await call(method, { botId: bot.id, messageId: 99_999 })).error?.code).toBe('MESSAGE_NOT_FOUND')
      const elsewhere = post(1, 'x', emulator.portal.chats.get(1))
      expect((await call(method, { botId: bot.id, messageId: elsewhere.id })).error?.code).toBe('MESSAGE_ACCESS_DENIED')
    },
  )
})

describe('imbot.v2.Chat.Message.Reaction', () => {
  it('adds the bot reaction once, and removes it', async () => {
    const message = post(user.id, 'Nice')
    const changed = spy('reactionChanged')
    expect(
      (await call('imbot.v2.Chat.Message.Reaction.add', { botId: bot.id, messageId: message.id, reaction: 'redHeart' })).result,
    ).toEqual({ result: true })
    expect([...(message.reactions.get('redHeart') ?? [])]).toEqual([bot.id])
    expect(
      (await call('imbot.v2.Chat.Message.Reaction.add', { botId: bot.id, messageId: message.id, reaction: 'redHeart' })).error?.code,
    ).toBe('REACTION_ALREADY_SET')
    expect(
      (await call('imbot.v2.Chat.Message.Reaction.delete', { botId: bot.id, messageId: message.id, reaction: 'redHeart' })).result,
    ).toEqual({ result: true })
    expect(message.reactions.get('redHeart')?.size).toBe(0)
    expect(
      (await call('imbot.v2.Chat.Message.Reaction.delete', { botId: bot.id, messageId: message.id, reaction: 'fire' })).result,
    ).toEqual({ result: true })
    expect(changed.mock.calls).toEqual([
      [message, bot.id, 'redHeart', 'add'],
      [message, bot.id, 'redHeart', 'delete'],
    ])
  })

  it.each([['imbot.v2.Chat.Message.Reaction.add'], ['imbot.v2.Chat.Message.Reaction.delete']])(
    '%s: REACTION_NOT_FOUND and ACCESS_DENIED',
    async (method) => {
      const message = post(user.id, 'Nice')
      expect((await call(method, { botId: bot.id, messageId: message.id, reaction: 'thumbsUp' })).error?.code).toBe('REACTION_NOT_FOUND')
      const elsewhere = post(1, 'x', emulator.portal.chats.get(1))
      expect((await call(method, { botId: bot.id, messageId: elsewhere.id, reaction: 'like' })).error?.code).toBe('ACCESS_DENIED')
    },
  )
})
