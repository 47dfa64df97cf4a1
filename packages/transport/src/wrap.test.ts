import { defineMethod, idSchema } from '@b24bot/core'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError, createClient, unlimited, type CallWrap, type ClientOptions } from './index.ts'
import { caught, everyRendering } from '../test/errors.ts'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
  emulator.portal.createChat({ entityType: 'ORDER', entityId: '13' })
})
afterEach(async () => {
  await emulator.close()
})

const chatGet = defineMethod({
  method: 'imbot.chat.get',
  idempotent: true,
  params: v.strictObject({ ENTITY_TYPE: v.string(), ENTITY_ID: v.union([v.string(), v.number()]) }),
  result: v.nullable(
    v.pipe(
      v.object({ ID: idSchema }),
      v.transform((chat) => chat.ID),
    ),
  ),
})
const order = { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }
const client = (options: Partial<ClientOptions> = {}) => createClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited, ...options })

/** A wrap that notes what it saw under `name`. */
function noting(name: string, log: string[]): CallWrap {
  return async (request, next) => {
    log.push(`${name} > ${request.method}`)
    try {
      return await next(request)
    } finally {
      log.push(`${name} < ${request.method}`)
    }
  }
}

describe('use: wraps around every call', () => {
  it('run in order, the first outermost, around the whole call', async () => {
    const log: string[] = []
    await client({ use: [noting('a', log), noting('b', log)] }).call(chatGet, order)
    expect(log).toEqual(['a > imbot.chat.get', 'b > imbot.chat.get', 'b < imbot.chat.get', 'a < imbot.chat.get'])
  })

  it('may change the params sent and the envelope returned; the descriptor parses what the wrap returns', async () => {
    const retarget: CallWrap = (request, next) => next({ ...request, params: { ...request.params, ENTITY_ID: 14 } })
    const rewrite: CallWrap = async (request, next) => {
      const envelope = await next(request)
      return envelope.result === null ? { ...envelope, result: { ID: '99' } } : envelope
    }
    await expect(client({ use: [rewrite, retarget] }).call(chatGet, order)).resolves.toBe(99)
    expect(emulator.portal.requests[0]?.params).toMatchObject({ ENTITY_ID: 14 })
  })

  it('may answer without calling next: nothing is sent', async () => {
    const cached: CallWrap = () =>
      Promise.resolve({ result: { ID: 5 }, time: { start: 0, finish: 0, duration: 0, processing: 0, date_start: '', date_finish: '' } })
    await expect(client({ use: [cached] }).call(chatGet, order)).resolves.toBe(5)
    expect(emulator.portal.requests).toHaveLength(0)
  })

  it('see the typed error of a failed call', async () => {
    const seen: unknown[] = []
    const watch: CallWrap = (request, next) => next(request).catch((error: unknown) => Promise.reject((seen.push(error), error as Error)))
    await caught(client({ use: [watch] }).call('imbot.nothing'))
    expect(seen).toHaveLength(1)
    expect(ApiError.isInstance(seen[0])).toBe(true)
  })

  it('sit above auto-batching: concurrent wrapped calls still go as one batch', async () => {
    const log: string[] = []
    const api = client({ use: [noting('w', log)] })
    await Promise.all([api.call(chatGet, order), api.call('imbot.bot.list')])
    expect(log.filter((line) => line.includes('>'))).toEqual(['w > imbot.chat.get', 'w > imbot.bot.list'])
    expect(emulator.portal.requests.map((request) => request.method)).toEqual(['batch'])
  })

  it('see each command of client.batch, which still goes as one request; a wrap may settle a command itself', async () => {
    const log: string[] = []
    const skipBots: CallWrap = (request, next) =>
      request.method === 'imbot.bot.list'
        ? Promise.resolve({
            result: { skipped: true },
            time: { start: 0, finish: 0, duration: 0, processing: 0, date_start: '', date_finish: '' },
          })
        : next(request)
    const results = await client({ use: [noting('w', log), skipBots] }).batch({
      chat: [chatGet, order],
      bots: ['imbot.bot.list'],
      other: [chatGet, { ENTITY_TYPE: 'ORDER', ENTITY_ID: 14 }],
    })
    expect(results).toEqual({ chat: expect.any(Number) as number, bots: { skipped: true }, other: null })
    expect(log.filter((line) => line.includes('>'))).toEqual(['w > imbot.chat.get', 'w > imbot.bot.list', 'w > imbot.chat.get'])
    expect(emulator.portal.requests.map((request) => request.method)).toEqual(['batch'])
    expect(emulator.portal.calls.map((call) => call.method)).toEqual(['imbot.chat.get', 'imbot.chat.get'])
  })

  it('in client.batch, a wrap that throws fails its own command only; a second next goes alone', async () => {
    const picky: CallWrap = (request, next) =>
      request.params.ENTITY_ID === 14
        ? Promise.reject(new ApiError({ method: request.method, code: 'PICKY', description: '', status: 0 }))
        : next(request)
    let repeated = false
    const twice: CallWrap = async (request, next) => {
      const first = await next(request)
      if (request.method !== 'imbot.bot.list' || repeated) return first
      repeated = true
      return next(request)
    }
    const results = await client({ use: [picky, twice] }).batch({
      chat: [chatGet, order],
      refused: [chatGet, { ENTITY_TYPE: 'ORDER', ENTITY_ID: 14 }],
      bots: ['imbot.bot.list'],
    })
    expect(results.chat).toEqual(expect.any(Number))
    expect(results.refused).toMatchObject({ code: 'PICKY' })
    expect(results.bots).toBeTypeOf('object')
    expect(emulator.portal.requests.map((request) => request.method)).toEqual(['batch', 'imbot.bot.list'])
  })

  it('see each page of client.paginate', async () => {
    const starts: unknown[] = []
    const watch: CallWrap = (request, next) => (starts.push(request.params.start), next(request))
    const time = { start: 0, finish: 0, duration: 0, processing: 0, date_start: '', date_finish: '' }
    emulator.portal.inject({
      method: 'imbot.bot.list',
      reply: { status: 200, body: JSON.stringify({ result: [{ ID: 1 }], next: 1, time }) },
    })
    emulator.portal.inject({ method: 'imbot.bot.list', reply: { status: 200, body: JSON.stringify({ result: [{ ID: 2 }], time }) } })
    const items: unknown[] = []
    for await (const item of client({ use: [watch] }).paginate('imbot.bot.list')) items.push(item)
    expect(items).toEqual([{ ID: 1 }, { ID: 2 }])
    expect(starts).toEqual([0, 1])
  })

  it('extend keeps the wraps, and adds those it is given after them', async () => {
    const log: string[] = []
    const base = client({ use: [noting('a', log)] })
    await base.extend({ use: [noting('b', log)] }).call(chatGet, order)
    await base.extend({ timeout: 5_000 }).call(chatGet, order)
    expect(log.filter((line) => line.includes('>'))).toEqual(['a > imbot.chat.get', 'b > imbot.chat.get', 'a > imbot.chat.get'])
  })

  it('cannot send what is not a method name or params that are not an object', async () => {
    const walk: CallWrap = (request, next) => next({ ...request, method: '../../oauth/token' })
    await expect(client({ use: [walk] }).call(chatGet, order)).rejects.toThrow(TypeError)
    const broken: CallWrap = (request, next) => next({ ...request, params: null as never })
    await expect(client({ use: [broken] }).call(chatGet, order)).rejects.toThrow(/not an object/)
    expect(emulator.portal.requests).toHaveLength(0)
  })

  it("a wrap's secrets are kept out of every error", async () => {
    const token = 'wrap-token-8d1e'
    const sign: CallWrap = Object.assign(
      (request: Parameters<CallWrap>[0], next: Parameters<CallWrap>[1]) =>
        next({ ...request, params: { ...request.params, signature: token } }),
      { secrets: [token] },
    )
    emulator.portal.inject({ reply: { status: 400, error: 'BAD', description: `signature ${token} refused` } })
    const error = await caught(client({ use: [sign] }).call(chatGet, order))
    expect(everyRendering(error)).not.toContain(token)
    expect((error as ApiError).description).toBe('signature *** refused')
  })

  it('refuses a wrap that is not a function', () => {
    expect(() => client({ use: [{} as CallWrap] })).toThrow(/every wrap is a function/)
  })
})
