import { defineMethod } from '@b24bot/core'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import { botIdentity, methods } from '@b24bot/imbot'
import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createClient, ResponseShapeError, unlimited } from './index.ts'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

/** The emulator's methods do not page (server-behavior §1.8: no imbot method does); a scripted list method stands in. */
const listMethod = 'imbot.bot.list'
const time = {
  start: 1,
  finish: 1.01,
  duration: 0.01,
  processing: 0,
  date_start: '2026-01-01T00:00:00+00:00',
  date_finish: '2026-01-01T00:00:00+00:00',
}
const items = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => ({ ID: String(from + index), TITLE: `deal ${String(from + index)}` }))

/** Scripts the next pages of the list method: each `{ result, next?, total? }`. */
function script(...pages: readonly { readonly result: unknown; readonly next?: number; readonly total?: number }[]): void {
  for (const page of pages) emulator.portal.inject({ method: listMethod, reply: { status: 200, body: JSON.stringify({ ...page, time }) } })
}

const sent = () => emulator.portal.requests.map((request) => request.params)
const client = () => createClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited })

const dealList = defineMethod({
  method: listMethod,
  params: v.strictObject({ filter: v.optional(v.record(v.string(), v.string())), select: v.optional(v.array(v.string())) }),
  result: v.array(v.object({ ID: v.pipe(v.string(), v.transform(Number)), TITLE: v.string() })),
})

describe('client.paginate', () => {
  it('follows next from start=0 until a page has none', async () => {
    script(
      { result: items(1, 50), next: 50, total: 120 },
      { result: items(51, 50), next: 100, total: 120 },
      { result: items(101, 20), total: 120 },
    )
    const seen: unknown[] = []
    for await (const item of client().paginate(listMethod, { select: ['ID'] })) seen.push(item)
    expect(seen).toEqual(items(1, 120))
    expect(sent()).toEqual([
      { select: ['ID'], start: 0 },
      { select: ['ID'], start: 50 },
      { select: ['ID'], start: 100 },
    ])
  })

  it('validates params and parses each page with the descriptor', async () => {
    script({ result: items(1, 2), next: 2 }, { result: items(3, 1) })
    const ids: number[] = []
    for await (const deal of client().paginate(dealList, { filter: { STAGE_ID: 'NEW' } })) ids.push(deal.ID)
    expect(ids).toEqual([1, 2, 3])
    await expect(
      client()
        .paginate(dealList, { filter: { STAGE_ID: 1 } } as never)
        .next(),
    ).rejects.toMatchObject({ name: 'ValidationError', issues: [{ path: 'filter.STAGE_ID' }] })
  })

  it('asks for no more pages when the loop stops early', async () => {
    script({ result: items(1, 50), next: 50 }, { result: items(51, 50), next: 100 }, { result: items(101, 50), next: 150 })
    let count = 0
    for await (const item of client().paginate(listMethod)) {
      expect(item).toBeDefined()
      if (++count === 60) break
    }
    expect(emulator.portal.requests).toHaveLength(2)
  })

  it("in the fast mode, pages by id with start=-1, keeping the caller's filter", async () => {
    script({ result: items(1, 50) }, { result: items(51, 50) }, { result: items(101, 7) })
    const seen: unknown[] = []
    for await (const item of client().paginate(listMethod, { filter: { STAGE_ID: 'NEW' }, order: { TITLE: 'DESC' } }, { fast: true }))
      seen.push(item)
    expect(seen).toHaveLength(107)
    expect(sent()).toEqual([
      { filter: { STAGE_ID: 'NEW' }, order: { ID: 'ASC' }, start: -1 },
      { filter: { STAGE_ID: 'NEW', '>ID': '50' }, order: { ID: 'ASC' }, start: -1 },
      { filter: { STAGE_ID: 'NEW', '>ID': '100' }, order: { ID: 'ASC' }, start: -1 },
    ])
  })

  it('in the fast mode, uses the id field and the upper-case keys the method uses', async () => {
    const rows = Array.from({ length: 50 }, (_, index) => ({ id: index + 1 }))
    script({ result: rows }, { result: [] })
    const seen: unknown[] = []
    for await (const row of client().paginate(listMethod, { FILTER: {} }, { fast: { idField: 'id' } })) seen.push(row)
    expect(seen).toEqual(rows)
    expect(sent()[1]).toEqual({ FILTER: { '>id': 50 }, ORDER: { id: 'ASC' }, start: -1 })
  })

  it("stops with the signal's reason", async () => {
    script({ result: items(1, 50), next: 50 }, { result: items(51, 50), next: 100 })
    const controller = new AbortController()
    const reason = new Error('enough')
    const pending = (async () => {
      for await (const item of client().paginate(listMethod, {}, { signal: controller.signal }))
        if ((item as { ID: string }).ID === '50') controller.abort(reason)
    })()
    await expect(pending).rejects.toBe(reason)
    expect(emulator.portal.requests).toHaveLength(1)
  })

  it('yields the entries of a map keyed by id, or of the one list inside an object', async () => {
    const bot = emulator.portal.createBot({ appId: 'customshop', code: 'shop' })
    const bots: number[] = []
    for await (const entry of client().paginate(methods['imbot.bot.list'])) bots.push(entry.ID)
    expect(bots).toEqual([bot.id])
    script({ result: { items: items(1, 3) } })
    const wrapped: unknown[] = []
    for await (const item of client().paginate(listMethod)) wrapped.push(item)
    expect(wrapped).toEqual(items(1, 3))
  })

  it('refuses a result that holds no items', async () => {
    script({ result: 42 })
    await expect(client().paginate(listMethod).next()).rejects.toMatchObject({ name: 'ResponseShapeError', method: listMethod })
  })

  it('refuses, naming its keys, a result that is an object of lists and flags it cannot read as items', async () => {
    script({ result: { bots: [{ id: 1 }], users: [{ id: 1 }], hasNextPage: true } })
    const error = await client()
      .paginate(listMethod)
      .next()
      .catch((reason: unknown) => reason)
    expect(ResponseShapeError.isInstance(error)).toBe(true)
    expect((error as Error).message).toMatch(/object with keys bots, users, hasNextPage.*cannot page it/)
    expect(emulator.portal.requests).toHaveLength(1)
  })
})

describe('client.paginate, v2 paging', () => {
  const botToken = 'v2-pager-token'
  const v2 = () => createClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited, use: [botIdentity({ botToken })] })

  it('follows imbot.v2.Bot.list by limit/offset while hasNextPage, yielding the bots: 7 bots in pages of 3', async () => {
    const api = v2()
    const ids: number[] = []
    for (let index = 0; index < 7; index += 1) {
      const registered = (await api.call(methods['imbot.v2.Bot.register'], {
        fields: { code: `pager${String(index)}`, eventMode: 'fetch', properties: { name: `Pager ${String(index)}` } },
      })) as { bot: { id: number } }
      ids.push(registered.bot.id)
    }
    const before = emulator.portal.requests.length
    const seen: number[] = []
    for await (const bot of api.paginate(methods['imbot.v2.Bot.list'], { limit: 3 })) seen.push(bot.id)
    expect(seen).toEqual(ids)
    expect(emulator.portal.requests.slice(before).map((request) => request.params.offset)).toEqual([0, 3, 6])
  })

  it("starts from the caller's offset, and stops at a page that is not full", async () => {
    const api = v2()
    for (let index = 0; index < 4; index += 1)
      await api.call(methods['imbot.v2.Bot.register'], {
        fields: { code: `from${String(index)}`, eventMode: 'fetch', properties: { name: 'From' } },
      })
    const before = emulator.portal.requests.length
    const codes: string[] = []
    for await (const bot of api.paginate(methods['imbot.v2.Bot.list'], { limit: 2, offset: 1 })) codes.push(bot.code)
    expect(codes).toEqual(['from1', 'from2', 'from3'])
    expect(emulator.portal.requests.slice(before).map((request) => request.params.offset)).toEqual([1, 3])
  })

  it('refuses imbot.v2.Bot.list called by name, whose paging it cannot know, with a clear error', async () => {
    await v2().call(methods['imbot.v2.Bot.register'], { fields: { code: 'byname', eventMode: 'fetch', properties: { name: 'By name' } } })
    await expect(v2().paginate('imbot.v2.Bot.list').next()).rejects.toThrow(/object with keys bots, users, hasNextPage/)
  })

  it('refuses a method that cannot page, before any request (the types refuse it too; a plain JavaScript caller gets this)', () => {
    expect(() => v2().paginate(methods['imbot.v2.Event.get'] as never, { botId: 1 })).toThrow(
      /cannot page imbot\.v2\.Event\.get: its offset acknowledges/,
    )
    expect(() => v2().paginate(methods['imbot.v2.Chat.User.list'] as never, { botId: 1, dialogId: 'chat1' })).toThrow(/no paging parameter/)
    expect(() => v2().paginate(methods['imbot.v2.Bot.list'], {}, { fast: true } as never)).toThrow(/fast mode is for the classic/)
    expect(emulator.portal.requests).toHaveLength(0)
  })
})
