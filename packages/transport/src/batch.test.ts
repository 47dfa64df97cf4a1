import type { ResponseTime } from '@b24bot/core'
import { startEmulator, type Emulator, type PortalBot, type PortalChat } from '@b24bot/emulator'
import { methods } from '@b24bot/imbot'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError, createClient, NetworkError, ref, unlimited, ValidationError, type Limiter } from './index.ts'

let emulator: Emulator
let bot: PortalBot
let chat: PortalChat
beforeEach(async () => {
  emulator = await startEmulator()
  bot = emulator.portal.createBot({ appId: 'customshop', code: 'shop' })
  chat = emulator.portal.createChat({ title: 'Orders', userIds: [bot.id], entityType: 'ORDER', entityId: 13 })
})
afterEach(async () => {
  await emulator.close()
})

const client = (): ReturnType<typeof createClient> => createClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited })
const batchRequests = (): number => emulator.portal.requests.filter((request) => request.method === 'batch').length
const post = (text: string) =>
  [methods['imbot.message.add'], { BOT_ID: bot.id, CLIENT_ID: 'shop', DIALOG_ID: `chat${String(chat.id)}`, MESSAGE: text }] as const

describe('client.batch', () => {
  it('sends one request and gives each command its typed result or its own ApiError', async () => {
    const results = await client().batch({
      found: [methods['imbot.chat.get'], { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }],
      missing: [methods['imbot.chat.get'], { ENTITY_TYPE: 'ORDER', ENTITY_ID: 14 }],
      hello: post('Hello'),
      refused: [methods['imbot.message.add'], { BOT_ID: 999, CLIENT_ID: 'shop', DIALOG_ID: 'chat1', MESSAGE: 'Hi' }],
      raw: ['imbot.bot.list', {}],
    })
    expect(results.found).toBe(chat.id)
    expect(results.missing).toBeNull()
    expect(results.hello).toBe([...emulator.portal.messages.values()].at(-1)?.id)
    expect(ApiError.isInstance(results.refused)).toBe(true)
    expect(results.refused).toMatchObject({ method: 'imbot.message.add', code: 'BOT_ID_ERROR' })
    expect(results.raw).toEqual({ [bot.id]: expect.objectContaining({ CODE: 'shop' }) as unknown })
    expect(emulator.portal.requests.map((request) => request.method)).toEqual(['batch'])
    expect(emulator.portal.requests[0]?.params).toMatchObject({
      halt: 0,
      cmd: { found: 'imbot.chat.get?ENTITY_TYPE=ORDER&ENTITY_ID=13', raw: 'imbot.bot.list' },
    })
  })

  it('validates every described command first, naming the key and the field, and sends nothing', async () => {
    const pending = client().batch({
      good: post('fine'),
      bad: [methods['imbot.chat.get'], { ENTITY_TYPE: '', ENTITY_ID: 13 }],
    })
    await expect(pending).rejects.toSatisfy((error) => ValidationError.isInstance(error))
    await expect(pending).rejects.toMatchObject({ method: 'imbot.chat.get', issues: [{ path: 'bad.ENTITY_TYPE' }] })
    expect(emulator.portal.requests).toHaveLength(0)
  })

  it('with halt, stops at the first failure: later commands are BATCH_HALTED, not run', async () => {
    const results = await client().batch(
      {
        first: post('one'),
        broken: [methods['imbot.message.add'], { BOT_ID: 999, CLIENT_ID: 'shop', DIALOG_ID: 'chat1', MESSAGE: 'x' }],
        after: post('never'),
      },
      { halt: true },
    )
    expect(results.first).toBeTypeOf('number')
    expect(results.broken).toMatchObject({ name: 'ApiError', code: 'BOT_ID_ERROR' })
    expect(results.after).toMatchObject({
      name: 'ApiError',
      code: 'BATCH_HALTED',
      method: 'imbot.message.add',
      details: { haltedBy: 'broken' },
    })
    expect(emulator.portal.calls.filter((call) => call.method === 'imbot.message.add')).toHaveLength(2)
    expect(emulator.portal.requests[0]?.params).toMatchObject({ halt: 1 })
  })

  it('passes earlier results to later commands through references, which still pass validation', async () => {
    const results = await client().batch({
      room: [methods['imbot.chat.add'], { BOT_ID: bot.id, CLIENT_ID: 'shop', TITLE: 'Order 14' }],
      hello: [methods['imbot.message.add'], { BOT_ID: bot.id, CLIENT_ID: 'shop', DIALOG_ID: `chat${ref('room')}`, MESSAGE: 'Welcome' }],
      edit: [methods['imbot.message.update'], { BOT_ID: bot.id, CLIENT_ID: 'shop', MESSAGE_ID: ref('hello'), MESSAGE: 'Welcome!' }],
    })
    expect(results.room).toBeTypeOf('number')
    expect(results.edit).toBe(true)
    const message = emulator.portal.messages.get(results.hello as number)
    expect(message).toMatchObject({ chatId: results.room, text: 'Welcome!' })
    expect(emulator.portal.requests[0]?.params).toMatchObject({
      cmd: { edit: expect.stringContaining('MESSAGE_ID=%24result%5Bhello%5D') as unknown },
    })
  })

  it('still refuses the other fields of a command that holds a reference', async () => {
    const pending = client().batch({
      room: [methods['imbot.chat.add'], { TITLE: 'x' }],
      hello: [methods['imbot.message.add'], { DIALOG_ID: `chat${ref('room')}`, MESSAGE: '   ' }],
    })
    await expect(pending).rejects.toMatchObject({ name: 'ValidationError', issues: [{ path: 'hello.MESSAGE' }] })
    expect(emulator.portal.requests).toHaveLength(0)
  })

  it('refuses a reference to a later or unknown command before any request', async () => {
    await expect(
      client().batch({
        hello: [methods['imbot.message.add'], { DIALOG_ID: `chat${ref('room')}`, MESSAGE: 'x' }],
        room: [methods['imbot.chat.add'], { TITLE: 'x' }],
      }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      method: 'batch',
      issues: [{ path: 'hello.DIALOG_ID', message: expect.stringContaining('does not come before it') as unknown }],
    })
    await expect(client().batch({ a: ['imbot.chat.get', { ENTITY_ID: '$result[nope]' }] })).rejects.toMatchObject({
      issues: [{ path: 'a.ENTITY_ID', message: expect.stringContaining('not a command of this batch') as unknown }],
    })
    expect(emulator.portal.requests).toHaveLength(0)
  })

  it('sends more than 50 commands in requests of 50, in order', async () => {
    const commands = Object.fromEntries(Array.from({ length: 120 }, (_, index) => [`m${String(index)}`, post(`message ${String(index)}`)]))
    const results = await client().batch(commands)
    expect(batchRequests()).toBe(3)
    const sizes = emulator.portal.requests.map((request) => Object.keys((request.params as { cmd: object }).cmd).length)
    expect(sizes).toEqual([50, 50, 20])
    const texts = [...emulator.portal.messages.values()].slice(-120).map((message) => message.text)
    expect(texts).toEqual(Array.from({ length: 120 }, (_, index) => `message ${String(index)}`))
    for (const [index, id] of Object.values(results).entries())
      expect(emulator.portal.messages.get(id as number)?.text).toBe(`message ${String(index)}`)
  })

  it('refuses a reference into another request of a long batch, before any request', async () => {
    const commands: Record<string, readonly [unknown, unknown]> = Object.fromEntries(
      Array.from({ length: 51 }, (_, index) => [`m${String(index)}`, post(`message ${String(index)}`)]),
    )
    commands.m50 = [methods['imbot.message.update'], { BOT_ID: bot.id, MESSAGE_ID: ref('m0'), MESSAGE: 'edited' }]
    await expect(client().batch(commands as never)).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ path: 'm50.MESSAGE_ID', message: expect.stringContaining('sent in another request') as unknown }],
    })
    expect(emulator.portal.requests).toHaveLength(0)
  })

  it("gives a failed request's error to each of its commands, saying the write may have happened", async () => {
    emulator.portal.inject({ method: 'imbot.message.add', reset: 'after' })
    const results = await client().batch({ a: post('a'), b: post('b') })
    for (const result of [results.a, results.b]) {
      expect(NetworkError.isInstance(result)).toBe(true)
      expect((result as Error).message).toMatch(/^imbot\.message\.add \(sent in a batch\).*may or may not have executed it/)
    }
    expect(emulator.portal.calls.filter((call) => call.method === 'imbot.message.add')).toHaveLength(2)
  })

  it("waits on the limiter for the sub-methods and reports each command's time as its own", async () => {
    const acquired: (readonly string[])[] = []
    const observed: [string, ResponseTime][] = []
    const recording: Limiter = {
      ...unlimited,
      acquire: (methodNames) => (acquired.push(methodNames), Promise.resolve()),
      observe: (method, time) => observed.push([method, time]),
    }
    await createClient({ webhookUrl: emulator.webhookUrl, limiter: recording }).batch({
      a: post('a'),
      b: [methods['imbot.chat.get'], { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }],
    })
    expect(acquired).toEqual([['imbot.message.add', 'imbot.chat.get']])
    expect(observed.map(([method]) => method)).toEqual(expect.arrayContaining(['imbot.message.add', 'imbot.chat.get']))
    expect(observed.find(([method]) => method === 'imbot.chat.get')?.[1]).toMatchObject({ operating: expect.any(Number) as unknown })
  })

  it('resolves to {} for no commands, and honours an aborted signal', async () => {
    await expect(client().batch({})).resolves.toEqual({})
    const reason = new Error('stop')
    await expect(client().batch({ a: post('a') }, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason)
    expect(emulator.portal.requests).toHaveLength(0)
  })
})
