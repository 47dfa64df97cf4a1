import { inspect } from 'node:util'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import { createClient } from '@b24bot/transport'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError, button, imbot, keyboard, ValidationError } from './index.ts'

const secret = 'p4ss9w0rd8s3cr3t'
let emulator: Emulator
let api: ReturnType<typeof imbot>
beforeEach(async () => {
  emulator = await startEmulator({ webhook: { secret } })
  api = imbot(createClient({ webhookUrl: emulator.webhookUrl }))
})
afterEach(async () => {
  await emulator.close()
})

describe('api.chat.get through the emulator', () => {
  it('finds the chat bound to an entity: the server answers { ID }', async () => {
    const chat = emulator.portal.createChat({ title: 'Order 13', entityType: 'ORDER', entityId: '13' })
    await expect(api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13, BOT_ID: 39 })).resolves.toBe(chat.id)
    expect(emulator.portal.requests[0]?.response).toMatchObject({ result: { ID: chat.id } })
  })

  it('resolves to null when no chat is bound', async () => {
    await expect(api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 404 })).resolves.toBeNull()
  })

  it.each([
    ['a bare number', 2725],
    ['a numeric string', '2725'],
  ])('reads an older portal that answers %s', async (_shape, raw) => {
    emulator.portal.inject({ method: 'imbot.chat.get', reply: { result: raw } })
    await expect(api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })).resolves.toBe(2725)
  })

  it('throws ValidationError naming a missing ENTITY_TYPE, and the portal sees no request', async () => {
    // @ts-expect-error ENTITY_TYPE is required
    const pending = api.chat.get({ ENTITY_ID: 13 })
    await expect(pending).rejects.toSatisfy((error) => ValidationError.isInstance(error))
    await expect(pending).rejects.toMatchObject({ method: 'imbot.chat.get', issues: [{ path: 'ENTITY_TYPE' }] })
    await expect(pending).rejects.toThrow(/ENTITY_TYPE/)
    expect(emulator.portal.requests).toHaveLength(0)
  })

  it('turns an error envelope into an ApiError with code, status and method', async () => {
    emulator.portal.inject({
      method: 'imbot.chat.get',
      reply: { status: 403, error: 'ACCESS_ERROR', description: "You don't have access to this chat" },
    })
    const pending = api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })
    await expect(pending).rejects.toSatisfy((error) => ApiError.isInstance(error))
    await expect(pending).rejects.toMatchObject({ code: 'ACCESS_ERROR', status: 403, method: 'imbot.chat.get' })
  })

  it('never shows the webhook secret in an error', async () => {
    const wrongPortal = imbot(createClient({ webhookUrl: `${emulator.url}/rest/1/${secret}x/` }))
    const errors = await Promise.all([
      wrongPortal.chat.get({ ENTITY_TYPE: 'A', ENTITY_ID: 1 }).catch((error: unknown) => error),
      api.chat.get({ ENTITY_TYPE: '', ENTITY_ID: 1 }).catch((error: unknown) => error),
    ])
    expect(errors.map((error) => (error as Error).name)).toEqual(['ApiError', 'ValidationError'])
    for (const error of errors) {
      const rendered = [String(error), (error as Error).stack, JSON.stringify(error), inspect(error, { depth: 10 })].join('\n')
      expect(rendered).not.toContain(secret)
    }
  })
})

describe('the classic bot lifecycle through the emulator', () => {
  it('registers, lists, updates and unregisters a bot with the typed bindings', async () => {
    const handlers = {
      EVENT_MESSAGE_ADD: 'https://bot.example.com/add',
      EVENT_WELCOME_MESSAGE: 'https://bot.example.com/welcome',
      EVENT_BOT_DELETE: 'https://bot.example.com/delete',
    }
    const botId = await api.register({ CLIENT_ID: 'shop', CODE: 'orders', TYPE: 'B', PROPERTIES: { NAME: 'Orders' }, ...handlers })
    expect(botId).toBeTypeOf('number')
    await expect(api.bot.list()).resolves.toEqual({ [botId]: { ID: botId, NAME: 'Orders', CODE: 'orders', OPENLINE: 'N' } })
    await expect(api.update({ CLIENT_ID: 'shop', BOT_ID: botId, FIELDS: { PROPERTIES: { NAME: 'Order desk' } } })).resolves.toBe(true)
    await expect(api.unregister({ CLIENT_ID: 'shop', BOT_ID: botId })).resolves.toBe(true)
    await expect(api.bot.list()).resolves.toEqual({})
    await expect(api.unregister({ CLIENT_ID: 'shop', BOT_ID: botId })).rejects.toMatchObject({
      name: 'ApiError',
      code: 'BOT_ID_ERROR',
      status: 400,
    })
  })
})

describe('messages through the emulator', () => {
  it('creates a chat, posts with a built keyboard, and finds the chat by its entity', async () => {
    const botId = emulator.portal.createBot({ appId: 'customshop', code: 'orders', name: 'Orders' }).id
    const customer = emulator.portal.createUser({ name: 'Ann' })
    const chatId = await api.chat.add({ CLIENT_ID: 'shop', TITLE: 'Order 13', USERS: [customer.id], ENTITY_TYPE: 'ORDER', ENTITY_ID: '13' })
    await expect(api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })).resolves.toBe(chatId)
    const KEYBOARD = keyboard()
      .row(button.command('Pick up', 'pickup', '13'))
      .build()
    const messageId = await api.message.add({
      CLIENT_ID: 'shop',
      DIALOG_ID: `chat${String(chatId)}`,
      MESSAGE: 'Ready',
      KEYBOARD,
      URL_PREVIEW: false,
    })
    expect(emulator.portal.messages.get(messageId)).toMatchObject({
      chatId,
      authorId: botId,
      text: 'Ready',
      params: { URL_PREVIEW: 'N', KEYBOARD: KEYBOARD.BUTTONS },
    })
  })
})
