import { startEmulator, type Emulator, type PortalBot, type PortalChat } from '@b24bot/emulator'
import { imbot, methods } from '@b24bot/imbot'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, createClient, NetworkError, unlimited, type ClientOptions } from './index.ts'

let emulator: Emulator
let bot: PortalBot
let chat: PortalChat
beforeEach(async () => {
  emulator = await startEmulator()
  bot = emulator.portal.createBot({ appId: 'customshop', code: 'shop' })
  chat = emulator.portal.createChat({ title: 'Orders', userIds: [bot.id], entityType: 'ORDER', entityId: 13 })
})
afterEach(async () => {
  vi.useRealTimers()
  await emulator.close()
})

const clientFor = (target: Emulator, options: Partial<ClientOptions> = {}) =>
  createClient({ webhookUrl: target.webhookUrl, limiter: unlimited, ...options })
const methodsSent = (target: Emulator = emulator): string[] => target.portal.requests.map((request) => request.method)
const commandsOf = (index: number): Record<string, string> =>
  (emulator.portal.requests[index]?.params as { cmd: Record<string, string> }).cmd
const writesOf = (target: Emulator, text: string): number =>
  target.portal.calls.filter((call) => call.method === 'imbot.message.add' && call.params.MESSAGE === text).length
const message = (text: string, botId: number = bot.id) => ({
  BOT_ID: botId,
  CLIENT_ID: 'shop',
  DIALOG_ID: `chat${String(chat.id)}`,
  MESSAGE: text,
})

describe('auto-batching', () => {
  it('sends 120 concurrent calls as 3 batches; each caller gets its own id, or its own ApiError', async () => {
    const api = imbot(clientFor(emulator))
    const texts = Array.from({ length: 120 }, (_, index) => `message ${String(index)}`)
    const outcomes = await Promise.allSettled(
      texts.map((text, index) => api.message.add(message(text, index % 10 === 7 ? 999_999 : bot.id))),
    )
    expect(methodsSent()).toEqual(['batch', 'batch', 'batch'])
    for (const [index, outcome] of outcomes.entries()) {
      if (index % 10 === 7) {
        expect(outcome.status).toBe('rejected')
        const error = (outcome as PromiseRejectedResult).reason as unknown
        expect(ApiError.isInstance(error)).toBe(true)
        expect(error).toMatchObject({ method: 'imbot.message.add', code: 'BOT_ID_ERROR' })
      } else {
        expect(outcome.status).toBe('fulfilled')
        const id = (outcome as PromiseFulfilledResult<number>).value
        expect(emulator.portal.messages.get(id)?.text).toBe(texts[index])
      }
    }
  })

  it('sends a lone call, and sequential calls, as plain calls', async () => {
    const api = imbot(clientFor(emulator))
    await expect(api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })).resolves.toBe(chat.id)
    await expect(api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })).resolves.toBe(chat.id)
    expect(methodsSent()).toEqual(['imbot.chat.get', 'imbot.chat.get'])
  })

  it("parses results with each caller's descriptor, and mixes raw calls in", async () => {
    const client = clientFor(emulator)
    const [typed, raw] = await Promise.all([
      client.call(methods['imbot.chat.get'], { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }),
      client.call('imbot.chat.get', { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }),
    ])
    expect(typed).toBe(chat.id)
    expect(raw).toEqual({ ID: chat.id })
    expect(methodsSent()).toEqual(['batch'])
  })

  it('takes a call aborted before its batch leaves out of the queue', async () => {
    const api = imbot(clientFor(emulator))
    const controller = new AbortController()
    const reason = new Error('changed my mind')
    const kept = [api.message.add(message('a')), api.message.add(message('b'))]
    const dropped = api.message.add(message('dropped'), { signal: controller.signal })
    controller.abort(reason)
    await expect(dropped).rejects.toBe(reason)
    await Promise.all(kept)
    expect(Object.values(commandsOf(0))).toHaveLength(2)
    expect(writesOf(emulator, 'dropped')).toBe(0)
  })

  it('rejects a call aborted after its batch left, and lets the batch finish', async () => {
    emulator.portal.inject({ method: 'imbot.message.add', delayMs: 100 })
    const api = imbot(clientFor(emulator))
    const controller = new AbortController()
    const reason = new Error('user left')
    const other = api.message.add(message('other'))
    const mine = api.message.add(message('mine'), { signal: controller.signal })
    setTimeout(() => {
      controller.abort(reason)
    }, 30)
    await expect(mine).rejects.toBe(reason)
    await expect(other).resolves.toBeTypeOf('number')
    expect(writesOf(emulator, 'mine')).toBe(1)
    expect(methodsSent()).toEqual(['batch'])
  })

  it('does not repeat a batch of writes whose answer was lost, and tells each caller so', async () => {
    emulator.portal.inject({ method: 'imbot.message.add', reset: 'after' })
    const api = imbot(clientFor(emulator, { retry: { baseDelay: 1 } }))
    const outcomes = await Promise.allSettled([
      api.message.add(message('x')),
      api.message.add(message('y')),
      api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }),
    ])
    for (const outcome of outcomes.slice(0, 2)) {
      const error = (outcome as PromiseRejectedResult).reason as Error
      expect(NetworkError.isInstance(error)).toBe(true)
      expect(error).toMatchObject({ method: 'imbot.message.add' })
      expect(error.message).toContain('may or may not have executed it')
    }
    // The read is safe to repeat: it goes again alone.
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: chat.id })
    expect([writesOf(emulator, 'x'), writesOf(emulator, 'y')]).toEqual([1, 1])
    expect(methodsSent()).toEqual(['batch', 'imbot.chat.get'])
  })

  it('repeats a batch of reads whose answer was lost', async () => {
    emulator.portal.inject({ method: 'imbot.chat.get', reset: 'before' })
    const api = imbot(clientFor(emulator, { retry: { baseDelay: 1 } }))
    const found = await Promise.all([
      api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }),
      api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 14 }),
    ])
    expect(found).toEqual([chat.id, null])
    expect(methodsSent()).toEqual(['batch', 'batch'])
  })

  it('sends a command refused for operating time again alone, as a plain call repeats it', async () => {
    emulator.portal.inject({
      method: 'imbot.chat.get',
      reply: { status: 429, error: 'OPERATION_TIME_LIMIT', description: 'Method is blocked due to operation time limit.' },
    })
    const api = imbot(clientFor(emulator))
    const [found, posted] = await Promise.all([api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }), api.message.add(message('hi'))])
    expect(found).toBe(chat.id)
    expect(posted).toBeTypeOf('number')
    expect(methodsSent()).toEqual(['batch', 'imbot.chat.get'])
  })

  it('leaves out calls it cannot send faithfully in a batch', async () => {
    const client = clientFor(emulator)
    await Promise.all([
      client.call('imbot.chat.get', { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }, { timeout: 5_000 }), // its own time limit
      client.call('imbot.chat.get', { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13, FLAG: true }), // a boolean would become "1"
      client.call('imbot.chat.get', { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13, LIST: [] }), // an empty list would vanish
      client.call('imbot.chat.get', { ENTITY_TYPE: 'costs $total', ENTITY_ID: 13 }), // the portal would substitute $total
    ])
    expect(methodsSent()).toEqual(Array.from({ length: 4 }, () => 'imbot.chat.get'))
  })

  it('is off with autoBatch: false', async () => {
    const api = imbot(clientFor(emulator, { autoBatch: false }))
    await Promise.all([api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }), api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })])
    expect(methodsSent()).toEqual(['imbot.chat.get', 'imbot.chat.get'])
  })

  it('respects maxSize and gathers calls within a window', async () => {
    vi.useFakeTimers()
    const api = imbot(clientFor(emulator, { autoBatch: { window: 20, maxSize: 2 } }))
    const first = api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })
    vi.advanceTimersByTime(10)
    const second = api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })
    const third = api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })
    vi.advanceTimersByTime(20)
    vi.useRealTimers()
    await expect(Promise.all([first, second, third])).resolves.toEqual([chat.id, chat.id, chat.id])
    // The first two filled a batch at once; the third waited out the window alone.
    expect(methodsSent()).toEqual(['batch', 'imbot.chat.get'])
  })

  it('gathers same-tick calls without fake timers holding them back', async () => {
    vi.useFakeTimers()
    const api = imbot(clientFor(emulator))
    const found = await Promise.all([
      api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }),
      api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 14 }),
    ])
    expect(found).toEqual([chat.id, null])
    expect(methodsSent()).toEqual(['batch'])
  })

  it('refuses a maxSize the portal would not run', () => {
    expect(() => clientFor(emulator, { autoBatch: { maxSize: 51 } })).toThrow(RangeError)
  })
})

describe('auto-batching under random faults', () => {
  const fault = fc.record({
    method: fc.constantFrom('imbot.message.add', 'imbot.chat.get'),
    times: fc.integer({ min: 1, max: 4 }),
    kind: fc.constantFrom('reset-before', 'reset-after', 'rate-limited', 'server-error', 'slow'),
  })

  it('settles each of 1,000 calls exactly once, and never writes a message twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fault, { minLength: 1, maxLength: 12 }), async (faults) => {
        const target = await startEmulator()
        try {
          const shopBot = target.portal.createBot({ appId: 'customshop', code: 'shop' })
          const room = target.portal.createChat({ userIds: [shopBot.id], entityType: 'ORDER', entityId: 13 })
          for (const { method, times, kind } of faults) {
            if (kind === 'reset-before' || kind === 'reset-after')
              target.portal.inject({ method, times, reset: kind === 'reset-before' ? 'before' : 'after' })
            else if (kind === 'rate-limited')
              target.portal.inject({
                method,
                times,
                reply: { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' },
              })
            else if (kind === 'server-error')
              target.portal.inject({ method, times, reply: { status: 500, error: 'INTERNAL_SERVER_ERROR', description: '' } })
            else target.portal.inject({ method, times, delayMs: 300 })
          }
          const api = imbot(clientFor(target, { timeout: 150, retry: { baseDelay: 1, maxDelay: 5 } }))
          const settled: number[] = Array.from({ length: 1_000 }, () => 0)
          const texts = Array.from({ length: 1_000 }, (_, index) => `m${String(index)}`)
          const calls = texts.map((text, index) => {
            const pending: Promise<unknown> =
              index % 4 === 3
                ? api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })
                : api.message.add({ BOT_ID: shopBot.id, CLIENT_ID: 'shop', DIALOG_ID: `chat${String(room.id)}`, MESSAGE: text })
            return pending.then(
              (value) => {
                settled[index] = (settled[index] ?? 0) + 1
                return { ok: true as const, value }
              },
              (error: unknown) => {
                settled[index] = (settled[index] ?? 0) + 1
                return { ok: false as const, error }
              },
            )
          })
          const outcomes = await Promise.all(calls)
          // Let every delayed sub-call the portal still runs finish before counting writes.
          await new Promise((resolve) => setTimeout(resolve, 400))
          expect(settled.every((count) => count === 1)).toBe(true)
          for (const [index, outcome] of outcomes.entries()) {
            if (index % 4 === 3) {
              if (outcome.ok) expect(outcome.value).toBe(room.id)
              continue
            }
            const text = texts[index] ?? ''
            expect(writesOf(target, text)).toBeLessThanOrEqual(1)
            if (outcome.ok) expect(target.portal.messages.get(outcome.value as number)?.text).toBe(text)
            else expect((outcome.error as Error).name).toMatch(/ApiError|NetworkError|TimeoutError/)
          }
          expect(target.portal.requests.filter((request) => request.method === 'batch').length).toBeGreaterThanOrEqual(20)
        } finally {
          await target.close()
        }
      }),
      { numRuns: 4, seed: 20_261_124 },
    )
  }, 240_000)
})
