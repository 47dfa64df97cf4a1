import { startEmulator, type Emulator } from '@b24bot/emulator'
import { methods } from '@b24bot/imbot'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { autoBatching, batch, createBaseClient, createClient, formEncoding, paginate, portalLimiter, unlimited } from './index.ts'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

const methodsSent = (): string[] => emulator.portal.requests.map((request) => request.method)

describe('createBaseClient', () => {
  it('sends calls issued together alone: it has no auto-batching unless given the piece', async () => {
    const client = createBaseClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited })
    await Promise.all([client.call(methods['imbot.bot.list']), client.call(methods['imbot.bot.list'])])
    expect(methodsSent()).toEqual(['imbot.bot.list', 'imbot.bot.list'])
  })

  it('with autoBatching(), sends calls issued together as one batch', async () => {
    const client = createBaseClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited, autoBatch: autoBatching() })
    await Promise.all([client.call(methods['imbot.bot.list']), client.call('imbot.bot.list')])
    expect(methodsSent()).toEqual(['batch'])
  })

  it('checks the auto-batching options when the client is made', () => {
    expect(() => createBaseClient({ webhookUrl: emulator.webhookUrl, autoBatch: autoBatching({ maxSize: 1 }) })).toThrow(RangeError)
  })

  it('keeps its pieces in the clients extend derives', async () => {
    const client = createBaseClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited, autoBatch: autoBatching() }).extend({
      timeout: 30_000,
    })
    await Promise.all([client.call('imbot.bot.list'), client.call('imbot.bot.list')])
    expect(methodsSent()).toEqual(['batch'])
  })
})

describe('createBaseClient: encoding and pacing are pieces too', () => {
  it('sends JSON by default, and the PHP form with formEncoding()', async () => {
    const chat = emulator.portal.createChat({ entityType: 'FORM', entityId: '5' })
    const json = createBaseClient({ webhookUrl: emulator.webhookUrl })
    const form = createBaseClient({ webhookUrl: emulator.webhookUrl, encoding: formEncoding() })
    await expect(json.call(methods['imbot.chat.get'], { ENTITY_TYPE: 'FORM', ENTITY_ID: 5 })).resolves.toBe(chat.id)
    await expect(form.call(methods['imbot.chat.get'], { ENTITY_TYPE: 'FORM', ENTITY_ID: 5 })).resolves.toBe(chat.id)
    expect(emulator.portal.requests.map((request) => request.params)).toEqual([
      { ENTITY_TYPE: 'FORM', ENTITY_ID: 5 },
      { ENTITY_TYPE: 'FORM', ENTITY_ID: '5' },
    ])
  })

  it("does not pace calls unless given a limiter: the portal's refusals are retried, where portalLimiter() waits first", async () => {
    await emulator.close()
    emulator = await startEmulator({ limits: { requests: { burst: 3, drainPerSecond: 20 } } })
    const burst = (client: { call: (method: string) => Promise<unknown> }) =>
      Promise.all(Array.from({ length: 6 }, () => client.call('imbot.bot.list')))
    await burst(createBaseClient({ webhookUrl: emulator.webhookUrl }))
    const refused = emulator.portal.requests.filter((request) => request.status === 503).length
    expect(refused).toBeGreaterThan(0)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const before = emulator.portal.requests.length
    await burst(createBaseClient({ webhookUrl: emulator.webhookUrl, limiter: portalLimiter({ plan: { burst: 3, perSecond: 20 } }) }))
    expect(emulator.portal.requests.slice(before).filter((request) => request.status === 503)).toEqual([])
  })
})

describe('batch(client, ...) and paginate(client, ...)', () => {
  it('batch sends the commands of a base client as one batch request, as client.batch does', async () => {
    const base = createBaseClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited })
    const full = createClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited })
    const fromBase = await batch(base, { bots: [methods['imbot.bot.list']], raw: ['imbot.bot.list'] })
    const fromFull = await full.batch({ bots: [methods['imbot.bot.list']], raw: ['imbot.bot.list'] })
    expect(methodsSent()).toEqual(['batch', 'batch'])
    expect(fromBase).toEqual(fromFull)
    await expect(batch(full, { bots: ['imbot.bot.list'] })).resolves.toEqual({ bots: fromFull.raw })
  })

  it('paginate pages a list through a base client', async () => {
    const client = createBaseClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited })
    const time = {
      start: 1,
      finish: 1.01,
      duration: 0.01,
      processing: 0,
      date_start: '2026-01-01T00:00:00+00:00',
      date_finish: '2026-01-01T00:00:00+00:00',
    }
    for (const page of [{ result: [{ ID: '1' }], next: 50 }, { result: [{ ID: '2' }] }])
      emulator.portal.inject({ method: 'imbot.bot.list', reply: { status: 200, body: JSON.stringify({ ...page, time }) } })
    const items: unknown[] = []
    for await (const item of paginate(client, 'imbot.bot.list')) items.push(item)
    expect(items).toEqual([{ ID: '1' }, { ID: '2' }])
    expect(emulator.portal.requests.map((request) => request.params)).toEqual([{ start: 0 }, { start: 50 }])
  })

  it('refuse something that is not a client made here, naming what they need', async () => {
    const stranger = { call: () => Promise.resolve(undefined) }
    await expect(batch(stranger, { bots: ['imbot.bot.list'] })).rejects.toThrow(
      /batch needs a client made by createClient or createBaseClient/,
    )
    expect(() => paginate(stranger, 'imbot.bot.list')).toThrow(/paginate needs a client made by createClient or createBaseClient/)
  })
})
