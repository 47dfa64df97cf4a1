import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmulator, type Emulator, type QueuedEvent } from '@b24bot/emulator'
import { botIdentity, imbot } from '@b24bot/imbot'
import { createClient, unlimited, type CallWrap, type Client } from '@b24bot/transport'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBot, type Bot } from './bot.ts'
import { memoryOffsetStore, type OffsetStore, type PollLease } from './offset-store.ts'
import { memorySessionStore } from './session.ts'
import { startPolling, type PollingErrorInfo, type PollingOptions } from './polling.ts'

let emulator: Emulator
const controllers: AbortController[] = []

beforeEach(async () => {
  emulator = await startEmulator()
})

afterEach(async () => {
  for (const controller of controllers.splice(0)) controller.abort()
  await emulator.close()
})

/** A v2 fetch-mode bot registered through the webhook, and a client authorised as it (no retries, no pacing). */
async function fetchBot(code = 'poller'): Promise<{ client: Client; botId: number; botToken: string }> {
  const botToken = `token-${code}`
  const client = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ botToken })], retry: false, limiter: unlimited })
  const { bot } = await imbot(client).v2.Bot.register({ fields: { code, botToken, eventMode: 'fetch', properties: { name: code } } })
  return { client, botId: bot.id, botToken }
}

/** The queue ids the portal gave the bot's events so far. */
function queuedIds(botId: number): number[] {
  return emulator.portal.events.deliveries
    .filter((delivery) => delivery.mode === 'fetch' && delivery.botIds.includes(botId))
    .map((delivery) => (delivery.payload as QueuedEvent).eventId)
}

/** The `offset` each `imbot.v2.Event.get` sent (`undefined`: none). */
function sentOffsets(): (number | undefined)[] {
  return emulator.portal.requests
    .filter((request) => request.method === 'imbot.v2.Event.get')
    .map((request) => (request.params.offset === undefined ? undefined : Number(request.params.offset)))
}

/** Starts the runner with fast test pacing; `stop()` aborts it and waits until it resolved. */
function run(bot: Bot, options: Omit<PollingOptions, 'signal'>) {
  const controller = new AbortController()
  controllers.push(controller)
  const running = startPolling(bot, {
    busyDelay: 5,
    idleDelay: 10,
    retryDelay: 5,
    stopOnSignals: false,
    ...options,
    signal: controller.signal,
  })
  return {
    running,
    stop: async () => {
      controller.abort()
      await running
    },
  }
}

/** An offset store that remembers every offset saved, in order. */
function recordingStore(): OffsetStore & { saves: number[] } {
  const inner = memoryOffsetStore()
  const saves: number[] = []
  return {
    saves,
    get: (key) => inner.get(key),
    set: (key, offset) => {
      saves.push(offset)
      return inner.set(key, offset)
    },
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined
  const promise: Promise<void> = new Promise((done) => {
    resolve = done
  })
  return { promise, resolve }
}

const waitFor = <T>(check: () => T): Promise<T> => vi.waitFor(check, { timeout: 5_000, interval: 5 })

describe('startPolling: a v2 fetch-mode bot', () => {
  it('round trip: a user writes, the handler replies with ctx.reply, the reply is in the chat', async () => {
    const { client, botId } = await fetchBot()
    const alice = emulator.portal.createUser({ name: 'Alice' })
    const bot = createBot()
    bot.on('ONIMBOTV2MESSAGEADD', async (ctx) => {
      await ctx.reply(`You said: ${ctx.text ?? ''}`)
    })
    const runner = run(bot, { client, botId })

    const asked = emulator.portal.as(alice.id).send(String(botId), 'ping')
    const reply = await waitFor(() => {
      const found = [...emulator.portal.messages.values()].find((message) => message.authorId === botId)
      expect(found).toBeDefined()
      return found!
    })
    expect(reply).toMatchObject({ chatId: asked.chatId, text: 'You said: ping' })
    await runner.stop()
  })

  it('handles every event once, in order, and acknowledges each batch with nextOffset', async () => {
    const { client, botId } = await fetchBot()
    const alice = emulator.portal.createUser({ name: 'Alice' })
    for (const text of ['one', 'two', 'three']) emulator.portal.as(alice.id).send(String(botId), text)
    await emulator.portal.events.settled()
    const bot = createBot()
    const seen: { event: string; eventId: number | undefined; text: string | undefined }[] = []
    bot.use((ctx) => {
      seen.push({ event: ctx.event.event, eventId: ctx.event.eventId, text: ctx.text })
    })
    const runner = run(bot, { client, botId })

    const ids = queuedIds(botId)
    await waitFor(() => {
      expect(seen).toHaveLength(4)
    })
    // Polls after the batch send its nextOffset: the queue is empty, and nothing comes twice.
    await waitFor(() => {
      expect(sentOffsets().filter((offset) => offset === ids.at(-1)! + 1).length).toBeGreaterThanOrEqual(2)
    })
    await runner.stop()
    expect(seen).toEqual([
      { event: 'ONIMBOTV2JOINCHAT', eventId: ids[0], text: undefined },
      { event: 'ONIMBOTV2MESSAGEADD', eventId: ids[1], text: 'one' },
      { event: 'ONIMBOTV2MESSAGEADD', eventId: ids[2], text: 'two' },
      { event: 'ONIMBOTV2MESSAGEADD', eventId: ids[3], text: 'three' },
    ])
    expect(sentOffsets()[0]).toBeUndefined()
  })

  it('commits an offset only after the handlers of the events before it finished', async () => {
    const { client, botId } = await fetchBot()
    const alice = emulator.portal.createUser({ name: 'Alice' })
    emulator.portal.as(alice.id).send(String(botId), 'fast')
    emulator.portal.as(alice.id).send(String(botId), 'slow')
    emulator.portal.as(alice.id).send(String(botId), 'after')
    await emulator.portal.events.settled()
    const [join, fast, slow, after] = queuedIds(botId) as [number, number, number, number]
    const gate = deferred()
    const handled: string[] = []
    const bot = createBot()
    bot.on('ONIMBOTV2MESSAGEADD', async (ctx) => {
      if (ctx.text === 'slow') await gate.promise
      handled.push(ctx.text ?? '')
    })
    const offsets = recordingStore()
    const runner = run(bot, { client, botId, offsets })

    await waitFor(() => {
      expect(offsets.saves).toEqual([join + 1, fast + 1])
    })
    // While the slow handler runs, nothing past it is saved or sent, however long it takes. A correct
    // runner does nothing at all meanwhile (no poll, no timer), so there is no event to wait for: this
    // pause is the window in which a runner that did not wait for the handler would save or poll.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(offsets.saves.at(-1)).toBe(fast + 1)
    expect(sentOffsets().every((offset) => offset === undefined || offset <= slow)).toBe(true)
    expect(await offsets.get(`|${String(botId)}`)).toBe(slow)

    gate.resolve()
    await waitFor(() => {
      expect(handled).toEqual(['fast', 'slow', 'after'])
    })
    await waitFor(() => {
      expect(sentOffsets()).toContain(after + 1)
    })
    expect(offsets.saves).toEqual([join + 1, fast + 1, slow + 1, after + 1])
    await runner.stop()
  })

  it('a handler that throws has still handled its event: the error goes to bot.catch and the next event runs', async () => {
    const { client, botId } = await fetchBot()
    const alice = emulator.portal.createUser({ name: 'Alice' })
    emulator.portal.as(alice.id).send(String(botId), 'boom')
    emulator.portal.as(alice.id).send(String(botId), 'fine')
    await emulator.portal.events.settled()
    const ids = queuedIds(botId)
    const caught: unknown[] = []
    const handled: string[] = []
    const bot = createBot().catch((error) => caught.push(error))
    bot.on('ONIMBOTV2MESSAGEADD', (ctx) => {
      if (ctx.text === 'boom') throw new Error('handler failed')
      handled.push(ctx.text ?? '')
    })
    const offsets = recordingStore()
    const runner = run(bot, { client, botId, offsets })
    await waitFor(() => {
      expect(handled).toEqual(['fine'])
    })
    await runner.stop()
    // Wrapped with the event it failed on, and its id in the queue.
    expect(caught).toMatchObject([{ name: 'BotError', event: 'ONIMBOTV2MESSAGEADD', eventId: ids[1] }])
    expect((caught[0] as Error).cause).toEqual(new Error('handler failed'))
    expect(offsets.saves).toEqual(ids.map((id) => id + 1))
  })

  it('keeps an event whose session store fails (Redis away): not acknowledged, handled once the store is back', async () => {
    const { client, botId } = await fetchBot()
    const alice = emulator.portal.createUser({ name: 'Alice' })
    emulator.portal.as(alice.id).send(String(botId), 'one')
    emulator.portal.as(alice.id).send(String(botId), 'two')
    await emulator.portal.events.settled()
    const ids = queuedIds(botId)
    const sessions = memorySessionStore()
    let failing = 3
    const flaky = {
      ...sessions,
      get: (key: string) => {
        if (failing > 0) {
          failing -= 1
          throw new Error('Redis is unreachable')
        }
        return sessions.get(key)
      },
    }
    const caught: unknown[] = []
    const reports: PollingErrorInfo[] = []
    const handled: string[] = []
    const bot = createBot({ session: flaky }).catch((error) => caught.push(error))
    bot.on('ONIMBOTV2MESSAGEADD', (ctx) => {
      handled.push(ctx.text ?? '')
    })
    const offsets = recordingStore()
    const runner = run(bot, { client, botId, offsets, onError: (_error, info) => reports.push(info) })
    await waitFor(() => {
      expect(handled).toEqual(['one', 'two'])
    })
    await runner.stop()
    // Each failure reached bot.catch, and the runner kept the event instead of acknowledging it.
    expect(caught).toHaveLength(3)
    expect(reports.filter((info) => info.stage === 'store').map((info) => [info.eventId, info.failures])).toEqual([
      [ids[0], 1],
      [ids[0], 2],
      [ids[0], 3],
    ])
    expect(offsets.saves).toEqual(ids.map((id) => id + 1))
  })

  it('resumes from the store after a restart: no event is lost, none handled twice after a clean stop', async () => {
    const { client, botId } = await fetchBot()
    const alice = emulator.portal.createUser({ name: 'Alice' })
    const offsets = memoryOffsetStore()
    const handled: number[] = []
    const bot = createBot()
    bot.use((ctx) => {
      handled.push(ctx.event.eventId!)
    })

    emulator.portal.as(alice.id).send(String(botId), 'first run')
    const first = run(bot, { client, botId, offsets })
    await waitFor(() => {
      expect(handled).toHaveLength(2)
    })
    await first.stop()
    const saved = await offsets.get(`|${String(botId)}`)
    expect(saved).toBe(handled.at(-1)! + 1)

    emulator.portal.as(alice.id).send(String(botId), 'while down 1')
    emulator.portal.as(alice.id).send(String(botId), 'while down 2')
    await emulator.portal.events.settled()
    const requestsBefore = sentOffsets().length
    const second = run(bot, { client, botId, offsets })
    await waitFor(() => {
      expect(handled).toHaveLength(4)
    })
    await second.stop()
    expect(handled).toEqual(queuedIds(botId))
    // The restart's first poll sends the stored offset: nothing already handled comes again.
    expect(sentOffsets()[requestsBefore]).toBe(saved)
  })

  it('pages with limit: polls again after busyDelay while hasMore, then waits idleDelay', async () => {
    const { botId, botToken } = await fetchBot()
    // When each Event.get went out, recorded by the client: the wait before each poll is the signal.
    const polls: number[] = []
    const recordPolls: CallWrap = (request, next) => {
      if (request.method === 'imbot.v2.Event.get') polls.push(Date.now())
      return next(request)
    }
    const client = createClient({
      webhookUrl: emulator.webhookUrl,
      use: [botIdentity({ botToken }), recordPolls],
      retry: false,
      limiter: unlimited,
    })
    const alice = emulator.portal.createUser({ name: 'Alice' })
    for (let index = 0; index < 5; index += 1) emulator.portal.as(alice.id).send(String(botId), `m${String(index)}`)
    await emulator.portal.events.settled()
    const ids = queuedIds(botId)
    const handled: number[] = []
    const bot = createBot()
    bot.use((ctx) => {
      handled.push(ctx.event.eventId!)
    })
    const idleDelay = 500
    const runner = run(bot, { client, botId, limit: 2, busyDelay: 5, idleDelay })
    await waitFor(() => {
      expect(handled).toEqual(ids)
    })
    // The poll after the drained queue: it comes, and only after the idle wait.
    await waitFor(() => {
      expect(sentOffsets()).toHaveLength(4)
    })
    // Three pages of 2 (the last one drains the queue), each after a busy wait; then an idle wait.
    expect(sentOffsets()).toEqual([undefined, ids[1]! + 1, ids[3]! + 1, ids.at(-1)! + 1])
    const reads = emulator.portal.requests
      .filter((request) => request.method === 'imbot.v2.Event.get')
      .map((request) => request.response as { result: { hasMore: boolean } })
    expect(reads.map((read) => read.result.hasMore)).toEqual([true, true, false, false])
    expect(
      emulator.portal.requests
        .filter((request) => request.method === 'imbot.v2.Event.get')
        .every((request) => Number(request.params.limit) === 2),
    ).toBe(true)
    const [first, second, third, fourth] = polls as [number, number, number, number]
    expect(second - first).toBeLessThan(idleDelay)
    expect(third - second).toBeLessThan(idleDelay)
    // A timer may fire a millisecond before Date.now() says its delay is over.
    expect(fourth - third).toBeGreaterThanOrEqual(idleDelay - 2)
    const started = Date.now()
    await runner.stop()
    // Stopping cuts the idle wait short.
    expect(Date.now() - started).toBeLessThan(idleDelay / 2)
  })

  it('stops on abort after the current event, never inside a handler, and saves the offset', async () => {
    const { client, botId } = await fetchBot()
    const alice = emulator.portal.createUser({ name: 'Alice' })
    emulator.portal.as(alice.id).send(String(botId), 'working')
    emulator.portal.as(alice.id).send(String(botId), 'next')
    await emulator.portal.events.settled()
    const [, working] = queuedIds(botId) as [number, number, number]
    const gate = deferred()
    const entered = deferred()
    const finished: string[] = []
    const bot = createBot()
    bot.on('ONIMBOTV2MESSAGEADD', async (ctx) => {
      if (ctx.text === 'working') {
        entered.resolve()
        await gate.promise
      }
      finished.push(ctx.text ?? '')
    })
    const offsets = memoryOffsetStore()
    const runner = run(bot, { client, botId, offsets })
    await entered.promise
    const stopped = runner.stop()
    let resolved = false
    void stopped.then(() => (resolved = true))
    // A correct runner does nothing while the handler runs, so there is no event to wait for: this pause
    // is the window in which a runner that stopped inside the handler would resolve.
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(resolved).toBe(false)
    const polls = sentOffsets().length
    gate.resolve()
    await stopped
    expect(finished).toEqual(['working'])
    expect(await offsets.get(`|${String(botId)}`)).toBe(working + 1)
    expect(sentOffsets()).toHaveLength(polls)
  })

  it('does not start when the signal is already aborted', async () => {
    const { client, botId } = await fetchBot()
    await startPolling(createBot(), { client, botId, signal: AbortSignal.abort() })
    expect(sentOffsets()).toEqual([])
  })

  it('listens to SIGTERM and SIGINT only while running', async () => {
    const { client, botId } = await fetchBot()
    const before = [process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]
    const runner = run(createBot(), { client, botId, stopOnSignals: true })
    await waitFor(() => {
      expect(sentOffsets().length).toBeGreaterThan(0)
    })
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual(before.map((count) => count + 1))
    await runner.stop()
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual(before)
  })

  it('backs off while polls fail (503, a reset connection) and recovers without losing an event', async () => {
    const { client, botId } = await fetchBot()
    const alice = emulator.portal.createUser({ name: 'Alice' })
    emulator.portal.as(alice.id).send(String(botId), 'survives')
    await emulator.portal.events.settled()
    emulator.portal.inject({
      method: 'imbot.v2.Event.get',
      times: 3,
      reply: { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' },
    })
    emulator.portal.inject({ method: 'imbot.v2.Event.get', reset: 'before' })
    const failures: PollingErrorInfo[] = []
    const handled: string[] = []
    const bot = createBot()
    bot.on('ONIMBOTV2MESSAGEADD', (ctx) => {
      handled.push(ctx.text ?? '')
    })
    const runner = run(bot, { client, botId, retryDelay: 8, maxRetryDelay: 20, onError: (_error, info) => failures.push(info) })
    await waitFor(() => {
      expect(handled).toEqual(['survives'])
    })
    await runner.stop()
    expect(failures.map(({ stage, failures: count }) => [stage, count])).toEqual([
      ['poll', 1],
      ['poll', 2],
      ['poll', 3],
      ['poll', 4],
    ])
    // Exponential with jitter: between half and all of 8, 16, 20 (the cap), 20 ms.
    const ceilings = [8, 16, 20, 20]
    failures.forEach((info, index) => {
      expect(info.retryIn).toBeGreaterThanOrEqual(ceilings[index]! / 2)
      expect(info.retryIn).toBeLessThanOrEqual(ceilings[index]!)
    })
  })

  it('keeps polling with the old offset while the store fails, and saves before the offset is sent', async () => {
    const { client, botId } = await fetchBot()
    const alice = emulator.portal.createUser({ name: 'Alice' })
    emulator.portal.as(alice.id).send(String(botId), 'hello')
    await emulator.portal.events.settled()
    const ids = queuedIds(botId)
    let broken = 3
    const inner = memoryOffsetStore()
    const offsets: OffsetStore = {
      get: (key) => inner.get(key),
      set: (key, offset) => {
        if (broken > 0) {
          broken -= 1
          throw new Error('disk full')
        }
        return inner.set(key, offset)
      },
    }
    const stages: string[] = []
    const runner = run(createBot(), { client, botId, offsets, onError: (_error, info) => stages.push(info.stage) })
    await waitFor(() => {
      expect(sentOffsets()).toContain(ids.at(-1)! + 1)
    })
    await runner.stop()
    expect(stages).toEqual(['store', 'store', 'store'])
    // No poll sent an offset the store did not hold yet.
    expect(sentOffsets().find((offset) => offset !== undefined)).toBe(ids.at(-1)! + 1)
    expect(await inner.get(`|${String(botId)}`)).toBe(ids.at(-1)! + 1)
  })

  it('skips an event that does not decode, reporting it, and goes on', async () => {
    const { client, botId } = await fetchBot()
    emulator.portal.inject({
      method: 'imbot.v2.Event.get',
      reply: {
        result: {
          events: [{ eventId: 7, type: 'ONIMBOTV2SOMETHINGNEW', date: '2026-01-01T00:00:00+00:00', data: {} }],
          nextOffset: 8,
          hasMore: false,
        },
      },
    })
    const reported: PollingErrorInfo[] = []
    const handled = vi.fn()
    const bot = createBot()
    bot.use(handled)
    const runner = run(bot, { client, botId, onError: (_error, info) => reported.push(info) })
    await waitFor(() => {
      expect(sentOffsets()).toContain(8)
    })
    await runner.stop()
    expect(reported).toEqual([{ stage: 'decode', eventId: 7 }])
    expect(handled).not.toHaveBeenCalled()
  })

  it('stops with a clear error when the bot is gone (BOT_NOT_FOUND)', async () => {
    const { client, botId } = await fetchBot()
    const runner = run(createBot(), { client, botId })
    await waitFor(() => {
      expect(sentOffsets().length).toBeGreaterThan(0)
    })
    await imbot(client).v2.Bot.unregister({ botId })
    const error = await runner.running.then(
      () => undefined,
      (failure: unknown) => failure as Error & { cause: { code: string } },
    )
    expect(error?.message).toMatch(/no longer exists/)
    expect(error?.cause.code).toBe('BOT_NOT_FOUND')
  })

  it('stops after handling its own ONIMBOTV2DELETE', async () => {
    const { client, botId } = await fetchBot()
    emulator.portal.inject({
      method: 'imbot.v2.Event.get',
      reply: {
        result: {
          events: [
            { eventId: 3, type: 'ONIMBOTV2DELETE', date: '2026-01-01T00:00:00+00:00', data: { bot: { id: botId, code: 'poller' } } },
          ],
          nextOffset: 4,
          hasMore: false,
        },
      },
    })
    const seen: string[] = []
    const bot = createBot()
    bot.on('ONIMBOTV2DELETE', (ctx) => {
      seen.push(ctx.event.event)
    })
    const offsets = memoryOffsetStore()
    await startPolling(bot, { client, botId, offsets, stopOnSignals: false })
    expect(seen).toEqual(['ONIMBOTV2DELETE'])
    expect(await offsets.get(`|${String(botId)}`)).toBe(4)
  })

  it("keeps ctx.session per portal: two portals' bots with the same ids, polled by one bot object, do not share sessions", async () => {
    const other = await startEmulator()
    try {
      // Two fresh portals give the same ids: the same bot id, the same user id, so the same dialog id.
      const here = await fetchBot('counter')
      const botToken = 'token-counter'
      const otherClient = createClient({ webhookUrl: other.webhookUrl, use: [botIdentity({ botToken })], retry: false, limiter: unlimited })
      const { bot: there } = await imbot(otherClient).v2.Bot.register({
        fields: { code: 'counter', botToken, eventMode: 'fetch', properties: { name: 'counter' } },
      })
      expect(there.id).toBe(here.botId)
      const alice = emulator.portal.createUser({ name: 'Alice' })
      const bob = other.portal.createUser({ name: 'Bob' })
      expect(bob.id).toBe(alice.id)

      const bot = createBot({ session: memorySessionStore() })
      const counted: string[] = []
      bot.on('ONIMBOTV2MESSAGEADD', (ctx) => {
        const count = Number(ctx.session.count ?? 0) + 1
        ctx.session.count = count
        counted.push(`${ctx.text ?? ''}: ${String(count)}`)
      })
      emulator.portal.as(alice.id).send(String(here.botId), 'alice 1')
      emulator.portal.as(alice.id).send(String(here.botId), 'alice 2')
      await emulator.portal.events.settled()
      const first = run(bot, { client: here.client, botId: here.botId, portal: new URL(emulator.url).host })
      await waitFor(() => {
        expect(counted).toHaveLength(2)
      })
      await first.stop()

      other.portal.as(bob.id).send(String(there.id), 'bob 1')
      await other.portal.events.settled()
      const second = run(bot, { client: otherClient, botId: there.id, portal: new URL(other.url).host })
      await waitFor(() => {
        expect(counted).toHaveLength(3)
      })
      await second.stop()
      expect(counted).toEqual(['alice 1: 1', 'alice 2: 2', 'bob 1: 1'])
    } finally {
      await other.close()
    }
  })
})

describe('startPolling on several replicas sharing a store with leases', () => {
  /** What one replica's handler saw. */
  interface Handled {
    readonly replica: string
    readonly eventId: number
  }

  /**
   * A replica's view of the shared store: it counts the leases it got and was refused, records each
   * renewal, stalls its renewals while `stall` is set (a network or GC pause), and lets nothing go
   * while `crashed` (a process that died).
   */
  function viewOf(shared: OffsetStore) {
    const view = {
      acquired: 0,
      refused: 0,
      renewals: [] as { at: number; held: boolean }[],
      stall: undefined as Promise<void> | undefined,
      crashed: false,
      /** The lease the store gave this replica last, to make the store forget it (as when it lapsed there first). */
      lease: undefined as PollLease | undefined,
      get: (key: string) => shared.get(key),
      set: (key: string, offset: number) => shared.set(key, offset),
      acquire: async (key: string, ttl: number): Promise<PollLease | undefined> => {
        const lease = await shared.acquire!(key, ttl)
        if (!lease) {
          view.refused += 1
          return undefined
        }
        view.acquired += 1
        view.lease = lease
        return {
          renew: async () => {
            if (view.stall) await view.stall
            const at = Date.now()
            const held = await lease.renew()
            view.renewals.push({ at, held })
            return held
          },
          release: async () => {
            if (!view.crashed) await lease.release()
          },
        }
      },
    } satisfies OffsetStore & Record<string, unknown>
    return view
  }

  /**
   * One replica: its own client (recording when it sends `Event.get`), its own bot object (recording
   * what it handled into `handled`, after `before` when given), its own view of the shared store.
   */
  function replica(
    name: string,
    botToken: string,
    shared: OffsetStore,
    handled: Handled[],
    before?: (text: string | undefined) => Promise<void> | undefined,
  ) {
    const polls: number[] = []
    const recordPolls: CallWrap = (request, next) => {
      if (request.method === 'imbot.v2.Event.get') polls.push(Date.now())
      return next(request)
    }
    const client = createClient({
      webhookUrl: emulator.webhookUrl,
      use: [botIdentity({ botToken }), recordPolls],
      retry: false,
      limiter: unlimited,
    })
    const bot = createBot()
    bot.use(async (ctx) => {
      await before?.(ctx.text)
      handled.push({ replica: name, eventId: ctx.event.eventId! })
    })
    return { name, client, bot, polls, view: viewOf(shared) }
  }

  type Replica = ReturnType<typeof replica>

  function runReplica(one: Replica, botId: number, options: Partial<PollingOptions> = {}) {
    return run(one.bot, { client: one.client, botId, offsets: one.view, ...options })
  }

  /** The ids `replica` handled, in order. */
  const handledBy = (handled: readonly Handled[], name: string): number[] =>
    handled.filter((entry) => entry.replica === name).map((entry) => entry.eventId)

  /**
   * A bot with `count` messages from Alice (`m0`, `m1`, ...) and two replicas sharing one memory store:
   * A polls first and its handler of `blockedAt` waits for `gate`; B starts once A polled. Resolves once
   * A is inside that handler.
   */
  async function handoverBlockedAt(code: string, count: number, blockedAt: string, leaseTtl: number) {
    const { botId } = await fetchBot(code)
    const alice = emulator.portal.createUser({ name: 'Alice' })
    for (let index = 0; index < count; index += 1) emulator.portal.as(alice.id).send(String(botId), `m${String(index)}`)
    await emulator.portal.events.settled()
    const ids = queuedIds(botId)
    const shared = memoryOffsetStore()
    const handled: Handled[] = []
    const entered = deferred()
    const gate = deferred()
    const a = replica('a', `token-${code}`, shared, handled, (text) => {
      if (text !== blockedAt) return undefined
      entered.resolve()
      return gate.promise
    })
    const b = replica('b', `token-${code}`, shared, handled)
    const first = runReplica(a, botId, { leaseTtl })
    await waitFor(() => {
      expect(a.polls.length).toBeGreaterThan(0)
    })
    const second = runReplica(b, botId, { leaseTtl })
    await entered.promise
    return { botId, alice, ids, shared, handled, gate, a, b, first, second }
  }

  it('two runners: only the one holding the lease polls, and every message is handled once, in order', async () => {
    const { botId } = await fetchBot('replicated')
    const alice = emulator.portal.createUser({ name: 'Alice' })
    const shared = memoryOffsetStore()
    const handled: Handled[] = []
    const replicas = [replica('a', 'token-replicated', shared, handled), replica('b', 'token-replicated', shared, handled)]
    const leaseTtl = 300
    const runners = replicas.map((one) => runReplica(one, botId, { leaseTtl }))
    for (let index = 0; index < 6; index += 1) {
      emulator.portal.as(alice.id).send(String(botId), `m${String(index)}`)
      await new Promise((resolve) => setTimeout(resolve, 15))
    }
    await emulator.portal.events.settled()
    await waitFor(() => {
      expect(handled).toHaveLength(7)
    })
    const [holder, other] =
      replicas[0]!.polls.length > 0 ? (replicas as [Replica, Replica]) : ([replicas[1], replicas[0]] as [Replica, Replica])
    // Until the holder has kept the lease by its renewals for longer than one ttl, and the other
    // runner has been refused many times meanwhile.
    await waitFor(() => {
      expect(holder.view.renewals.at(-1)!.at - holder.view.renewals[0]!.at).toBeGreaterThan(leaseTtl)
      expect(other.view.refused).toBeGreaterThan(5)
    })
    for (const runner of runners) await runner.stop()

    expect(handled.map((entry) => entry.eventId)).toEqual(queuedIds(botId))
    expect(holder.polls.length).toBeGreaterThan(5)
    expect(other.polls).toEqual([])
    expect(other.view.acquired).toBe(0)
    expect(other.view.refused).toBeGreaterThan(5)
    expect(holder.view.renewals.length).toBeGreaterThan(5)
    expect(holder.view.renewals.every((renewal) => renewal.held)).toBe(true)
    expect(handledBy(handled, other.name)).toEqual([])
  })

  it('a holder that stops lets go: the other takes over at once, from the offset it saved, and handles the rest', async () => {
    const leaseTtl = 2_000
    const { botId, ids, shared, handled, gate, a, b, first, second } = await handoverBlockedAt('handover', 6, 'm2', leaseTtl)
    // Stopped inside the handler of m2: it finishes m2, saves, lets go.
    const stopping = first.stop()
    gate.resolve()
    await stopping
    const stoppedAt = Date.now()
    await waitFor(() => {
      expect(handled).toHaveLength(ids.length)
    })
    await second.stop()

    expect(handledBy(handled, 'a')).toEqual(ids.slice(0, 4))
    expect(handledBy(handled, 'b')).toEqual(ids.slice(4))
    // No wait for the lease to lapse, and never both at once.
    expect(b.polls[0]! - stoppedAt).toBeLessThan(leaseTtl / 2)
    expect(b.polls[0]).toBeGreaterThanOrEqual(a.polls.at(-1)!)
    expect(await shared.get(`|${String(botId)}`)).toBe(ids.at(-1)! + 1)
  })

  it('a holder that dies without letting go is replaced once its lease lapsed, within the ttl plus one idle delay; nothing is lost', async () => {
    const { botId } = await fetchBot('crashing')
    const alice = emulator.portal.createUser({ name: 'Alice' })
    const shared = memoryOffsetStore()
    const handled: Handled[] = []
    const a = replica('a', 'token-crashing', shared, handled)
    const b = replica('b', 'token-crashing', shared, handled)
    const leaseTtl = 400
    const idleDelay = 20
    emulator.portal.as(alice.id).send(String(botId), 'before')
    const first = runReplica(a, botId, { leaseTtl, idleDelay })
    await waitFor(() => {
      expect(handled).toHaveLength(2)
    })
    const second = runReplica(b, botId, { leaseTtl, idleDelay })
    await waitFor(() => {
      expect(b.view.refused).toBeGreaterThan(1)
    })
    a.view.crashed = true
    await first.stop()
    const diedAt = Date.now()
    emulator.portal.as(alice.id).send(String(botId), 'after 1')
    emulator.portal.as(alice.id).send(String(botId), 'after 2')
    await waitFor(() => {
      expect(handled).toHaveLength(4)
    })
    await second.stop()

    const ids = queuedIds(botId)
    expect(handled.map((entry) => entry.eventId)).toEqual(ids)
    expect(handledBy(handled, 'b')).toEqual(ids.slice(2))
    const lapsed = a.view.renewals.at(-1)!.at + leaseTtl
    expect(b.polls[0]).toBeGreaterThanOrEqual(lapsed)
    // Scheduling slack on a busy machine on top of the bound.
    expect(b.polls[0]! - diedAt).toBeLessThanOrEqual(leaseTtl + idleDelay + 250)
  })

  it('a holder whose lease was taken while it stalled stops polling after the event in hand, commits nothing more, and goes back to waiting', async () => {
    const leaseTtl = 300
    const { botId, ids, shared, handled, gate, a, b, first, second } = await handoverBlockedAt('stalled', 6, 'm2', leaseTtl)
    // A's renewals stall while its handler of m2 runs: its lease lapses and B takes it.
    const thaw = deferred()
    a.view.stall = thaw.promise
    const pollsBeforeStall = a.polls.length
    await waitFor(() => {
      expect(handledBy(handled, 'b')).toEqual(ids.slice(3))
    })
    a.view.stall = undefined
    thaw.resolve()
    await waitFor(() => {
      expect(a.view.renewals.at(-1)?.held).toBe(false)
    })
    const refusedBefore = a.view.refused
    gate.resolve()
    // Back to acquiring, refused while B holds the lease.
    await waitFor(() => {
      expect(a.view.refused).toBeGreaterThan(refusedBefore + 2)
    })
    await first.stop()
    await second.stop()

    // A finished m2 but handled nothing after it; B started from the offset A had saved (m2), so only
    // the event in hand when the lease was lost came twice.
    expect(handledBy(handled, 'a')).toEqual(ids.slice(0, 4))
    expect(handledBy(handled, 'b')).toEqual(ids.slice(3))
    expect(a.polls).toHaveLength(pollsBeforeStall)
    expect(a.view.acquired).toBe(1)
    expect(b.polls[0]).toBeGreaterThanOrEqual(a.view.renewals.filter((renewal) => renewal.held).at(-1)!.at + leaseTtl)
    expect(await shared.get(`|${String(botId)}`)).toBe(ids.at(-1)! + 1)
  })

  it('a holder whose renewal says the lease was taken stops after the event in hand, though its own clock says it still holds it', async () => {
    // Renewed every 200 ms: well within the ttl, so only a renewal saying `false` can stop A.
    const leaseTtl = 600
    const { botId, alice, ids, shared, handled, gate, a, b, first, second } = await handoverBlockedAt('taken', 4, 'm1', leaseTtl)
    // The store loses A's hold (it lapsed there first): B takes the lease, and starts from m1.
    await a.view.lease!.release()
    await waitFor(() => {
      expect(handledBy(handled, 'b')).toEqual(ids.slice(2))
    })
    // A's next renewal, on its timer, says it lost the lease.
    await waitFor(() => {
      expect(a.view.renewals.at(-1)?.held).toBe(false)
    })
    expect(Date.now() - a.view.renewals.filter((renewal) => renewal.held).at(-1)!.at).toBeLessThan(leaseTtl)
    const refusedBefore = a.view.refused
    gate.resolve()
    await waitFor(() => {
      expect(a.view.refused).toBeGreaterThan(refusedBefore + 2)
    })
    emulator.portal.as(alice.id).send(String(botId), 'later')
    await waitFor(() => {
      expect(handled).toHaveLength(ids.length + 2)
    })
    await first.stop()
    await second.stop()

    expect(handledBy(handled, 'a')).toEqual(ids.slice(0, 3))
    expect(handledBy(handled, 'b')).toEqual([...ids.slice(2), ...queuedIds(botId).slice(ids.length)])
    expect(a.polls.every((at) => at < b.polls[0]!)).toBe(true)
    // A did not move the offset back after B's progress.
    expect(await shared.get(`|${String(botId)}`)).toBe(queuedIds(botId).at(-1)! + 1)
  })

  it('backs off while the store cannot give out or renew the lease, reporting it, and polls only once a renewal confirms it', async () => {
    const { client, botId } = await fetchBot('flaky')
    const alice = emulator.portal.createUser({ name: 'Alice' })
    emulator.portal.as(alice.id).send(String(botId), 'hello')
    await emulator.portal.events.settled()
    const shared = memoryOffsetStore()
    let acquireFailures = 2
    let renewFailures = 2
    const renewed: boolean[] = []
    const offsets: OffsetStore = {
      get: (key) => shared.get(key),
      set: (key, offset) => shared.set(key, offset),
      acquire: async (key, ttl) => {
        if (acquireFailures-- > 0) throw new Error('connection refused')
        const lease = await shared.acquire!(key, ttl)
        return (
          lease && {
            renew: async () => {
              if (renewFailures-- > 0) throw new Error('connection reset')
              const held = await lease.renew()
              renewed.push(held)
              return held
            },
            release: () => lease.release(),
          }
        )
      },
    }
    const reported: PollingErrorInfo[] = []
    const handled: string[] = []
    const bot = createBot()
    bot.on('ONIMBOTV2MESSAGEADD', (ctx) => {
      handled.push(ctx.text ?? '')
    })
    const runner = run(bot, { client, botId, offsets, leaseTtl: 60_000, retryDelay: 4, onError: (_error, info) => reported.push(info) })
    await waitFor(() => {
      expect(handled).toEqual(['hello'])
    })
    await runner.stop()
    expect(reported.map(({ stage, failures }) => [stage, failures])).toEqual([
      ['lease', 1],
      ['lease', 2],
      ['lease', 1],
      ['lease', 2],
    ])
    expect(reported.every((info) => info.retryIn !== undefined)).toBe(true)
    // The first poll went out after the first renewal that worked.
    expect(renewed[0]).toBe(true)
    // Stopping let go: the lease is free at once.
    expect(await shared.acquire!(`|${String(botId)}`, 60_000)).toBeDefined()
  })

  it('refuses a leaseTtl that is not a positive number of milliseconds', async () => {
    const { client, botId } = await fetchBot()
    for (const leaseTtl of [0, -1, Number.NaN])
      await expect(startPolling(createBot(), { client, botId, leaseTtl, stopOnSignals: false })).rejects.toThrow(/leaseTtl/)
    expect(sentOffsets()).toEqual([])
  })
})

describe('startPolling in a process killed mid-batch', () => {
  const packageDir = fileURLToPath(new URL('..', import.meta.url))
  let workDir: string
  const children: ChildProcess[] = []

  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'b24bot-polling-'))
  })
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    rmSync(workDir, { recursive: true, force: true })
  })

  /** Runs test/polling-child.ts (the runner, a file offset store, a slow recording handler) in its own Node process. */
  function startChild(botId: number, botToken: string, hangAt?: number) {
    const child = spawn(process.execPath, ['--import', './test/register-ts.mjs', 'test/polling-child.ts'], {
      cwd: packageDir,
      env: {
        ...process.env,
        CHILD_WEBHOOK_URL: emulator.webhookUrl,
        CHILD_BOT_TOKEN: botToken,
        CHILD_BOT_ID: String(botId),
        CHILD_OFFSET_FILE: join(workDir, 'state', 'offsets.json'),
        CHILD_STARTED_FILE: join(workDir, 'started.txt'),
        CHILD_HANDLED_FILE: join(workDir, 'handled.txt'),
        CHILD_HANDLER_DELAY_MS: '20',
        CHILD_HANG_AT: hangAt === undefined ? '' : String(hangAt),
        CHILD_LIMIT: '4',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        resolve({ code, signal })
      })
    })
    return { child, exited, output: () => output }
  }

  /** The eventIds the children's handler started (`'started'`) or finished (`'handled'`), in order. */
  function recorded(file: 'started' | 'handled'): number[] {
    try {
      return readFileSync(join(workDir, `${file}.txt`), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(Number)
    } catch {
      return []
    }
  }
  const handled = (): number[] => recorded('handled')

  it('SIGKILL in the middle of a batch, then a restart: every event is handled, none is lost', { timeout: 240_000 }, async () => {
    const { botId } = await fetchBot('crashy')
    const alice = emulator.portal.createUser({ name: 'Alice' })
    for (let index = 0; index < 11; index += 1) emulator.portal.as(alice.id).send(String(botId), `message ${String(index)}`)
    await emulator.portal.events.settled()
    const ids = queuedIds(botId)
    expect(ids).toHaveLength(12)

    // Batches of 4: killed inside the handler of the 7th event (which hangs), in the middle of the second batch.
    const first = startChild(botId, 'token-crashy', 7)
    await vi.waitFor(
      () => {
        expect(recorded('started').length).toBeGreaterThanOrEqual(7)
      },
      { timeout: 100_000, interval: 2 },
    )
    first.child.kill('SIGKILL')
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' })
    const beforeCrash = handled()
    expect(beforeCrash).toEqual(ids.slice(0, 6))

    const second = startChild(botId, 'token-crashy')
    await vi.waitFor(
      () => {
        expect(new Set(handled())).toEqual(new Set(ids))
      },
      { timeout: 100_000, interval: 10 },
    )
    second.child.kill('SIGTERM')
    expect(await second.exited, second.output()).toEqual({ code: 0, signal: null })
    expect(second.output()).toContain('stopped')

    const all = handled()
    // At least once each, in queue order; at most the event in flight at the kill comes twice.
    expect([...new Set(all)]).toEqual(ids)
    expect(all.length - ids.length).toBeLessThanOrEqual(1)
    // The restart went on from the saved offset: the event cut short came again, nothing handled before it.
    expect(all.slice(beforeCrash.length)).toEqual(ids.slice(6))
  })
})
