import { startEmulator, type Emulator } from '@b24bot/emulator'
import { botIdentity, decodeEvent, imbot, type ImbotEvent } from '@b24bot/imbot'
import { createClient, unlimited, type Client } from '@b24bot/transport'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBot, type Bot } from './bot.ts'
import { keyedLock } from './keyed-lock.ts'
import { memorySessionStore, type SessionStore } from './session.ts'

/** Whether `promise` has settled after the pending callbacks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false
  void promise.then(
    () => (done = true),
    () => (done = true),
  )
  await new Promise((resolve) => setTimeout(resolve, 0))
  return done
}

describe('memorySessionStore: lock', () => {
  it('holds a key until it is let go: the next caller of that key waits, in the order they came; other keys do not', async () => {
    const store = memorySessionStore()
    const order: string[] = []
    const first = await store.lock!('|1|chat7')
    const second = store.lock!('|1|chat7').then((release) => {
      order.push('second')
      return release
    })
    const third = store.lock!('|1|chat7').then((release) => {
      order.push('third')
      return release
    })
    // Another dialog is not held up.
    const other = await store.lock!('|1|chat8')
    expect(await settled(second)).toBe(false)

    await first()
    const releaseSecond = await second
    expect(await settled(third)).toBe(false)
    await releaseSecond()
    await (
      await third
    )()
    await other()
    expect(order).toEqual(['second', 'third'])
  })

  it('lets go once: a second call of the same release does not let a later holder go', async () => {
    const store = memorySessionStore()
    const first = await store.lock!('|1|chat7')
    const second = store.lock!('|1|chat7')
    await first()
    const releaseSecond = await second
    const third = store.lock!('|1|chat7')
    await first()
    expect(await settled(third)).toBe(false)
    await releaseSecond()
    await (
      await third
    )()
  })
})

describe('keyedLock', () => {
  it('keeps nothing for a key nobody holds or waits for', async () => {
    const locks = keyedLock()
    const releases = await Promise.all(
      Array.from({ length: 100 }, async (_, index) => locks.lock(`key${String(index % 10)}`).then((release) => release())),
    )
    expect(releases).toHaveLength(100)
    expect(locks.size).toBe(0)

    const held = await locks.lock('a')
    const waiting = locks.lock('a')
    const other = await locks.lock('b')
    expect(locks.size).toBe(2)
    await held()
    // The waiter holds `a` now: the key stays until it lets go.
    expect(locks.size).toBe(2)
    await (
      await waiting
    )()
    await other()
    expect(locks.size).toBe(0)
  })
})

describe('Bot.handle with a session store that locks', () => {
  let emulator: Emulator
  beforeEach(async () => {
    emulator = await startEmulator()
  })
  afterEach(async () => {
    await emulator.close()
  })

  /** Two messages of one user to a v2 bot, as the portal queued them, decoded. */
  async function twoMessagesOfOneDialog(): Promise<{
    client: Client
    botId: number
    events: [ImbotEvent, ImbotEvent]
    ids: [number, number]
  }> {
    const botToken = 'token-counter'
    const client = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ botToken })], retry: false, limiter: unlimited })
    const api = imbot(client)
    const { bot } = await api.v2.Bot.register({
      fields: { code: 'counter', botToken, eventMode: 'fetch', properties: { name: 'counter' } },
    })
    const alice = emulator.portal.createUser({ name: 'Alice' })
    emulator.portal.as(alice.id).send(String(bot.id), 'one')
    emulator.portal.as(alice.id).send(String(bot.id), 'two')
    await emulator.portal.events.settled()
    const { events } = await api.v2.Event.get({ botId: bot.id })
    const messages = events.filter((item) => item.type === 'ONIMBOTV2MESSAGEADD')
    expect(messages).toHaveLength(2)
    return {
      client,
      botId: bot.id,
      events: [decodeEvent(messages[0]), decodeEvent(messages[1])],
      ids: [messages[0]!.eventId, messages[1]!.eventId],
    }
  }

  /** A bot (a replica) whose handler counts the dialog's messages in its session, after an await. */
  function counter(session: SessionStore, dialogs: Set<string>): Bot {
    const bot = createBot({ session })
    bot.on('ONIMBOTV2MESSAGEADD', async (ctx) => {
      dialogs.add(ctx.dialogId ?? '')
      await new Promise((resolve) => setTimeout(resolve, 20))
      ctx.session.count = Number(ctx.session.count ?? 0) + 1
    })
    return bot
  }

  it("two events of one dialog handled at once by two bots sharing the store: neither loses the other's write", async () => {
    const { client, botId, events, ids } = await twoMessagesOfOneDialog()
    const dialogs: Set<string> = new Set()
    const shared = memorySessionStore()
    await Promise.all([
      counter(shared, dialogs).handle(events[0], { client, eventId: ids[0] }),
      counter(shared, dialogs).handle(events[1], { client, eventId: ids[1] }),
    ])
    expect(dialogs.size).toBe(1)
    const key = `|${String(botId)}|${[...dialogs][0]!}`
    expect(await shared.get(key)).toEqual({ count: 2 })

    // The same store without its lock: both read the empty session, the second write wins.
    const inner = memorySessionStore()
    const unlocked: SessionStore = {
      get: (name) => inner.get(name),
      set: (name, value) => inner.set(name, value),
      delete: (name) => inner.delete(name),
    }
    await Promise.all([
      counter(unlocked, dialogs).handle(events[0], { client, eventId: ids[0] }),
      counter(unlocked, dialogs).handle(events[1], { client, eventId: ids[1] }),
    ])
    expect(await inner.get(key)).toEqual({ count: 1 })
  })

  it('holds the key from before the read until after the write, and lets go when a handler throws', async () => {
    const { client, events, ids } = await twoMessagesOfOneDialog()
    const inner = memorySessionStore()
    const steps: string[] = []
    const store: SessionStore = {
      get: (key) => {
        steps.push('get')
        return inner.get(key)
      },
      set: (key, value) => {
        steps.push('set')
        return inner.set(key, value)
      },
      delete: (key) => inner.delete(key),
      lock: async (key) => {
        steps.push('lock')
        const release = await inner.lock!(key)
        return async () => {
          steps.push('release')
          await release()
        }
      },
    }
    const caught: unknown[] = []
    const bot = createBot({ session: store }).catch((error) => {
      steps.push('catch')
      caught.push(error)
    })
    bot.on('ONIMBOTV2MESSAGEADD', (ctx) => {
      steps.push(`handle ${ctx.text ?? ''}`)
      if (ctx.text === 'one') throw new Error('handler failed')
      ctx.session.seen = true
    })
    await bot.handle(events[0], { client, eventId: ids[0] })
    // The lock was let go: the next event of the dialog is not stuck behind the failed one.
    await bot.handle(events[1], { client, eventId: ids[1] })
    expect(steps).toEqual(['lock', 'get', 'handle one', 'release', 'catch', 'lock', 'get', 'handle two', 'set', 'release'])
    expect(caught).toMatchObject([{ name: 'BotError', eventId: ids[0] }])
  })

  it("a release that fails goes to the logger's warn; the session written stays, and handle resolves", async () => {
    const { client, botId, events, ids } = await twoMessagesOfOneDialog()
    const inner = memorySessionStore()
    const store: SessionStore = {
      get: (key) => inner.get(key),
      set: (key, value) => inner.set(key, value),
      delete: (key) => inner.delete(key),
      lock: async (key) => {
        const release = await inner.lock!(key)
        return async () => {
          await release()
          throw new Error('redis went away')
        }
      },
    }
    const logger = { debug: vi.fn(), warn: vi.fn() }
    const caught = vi.fn()
    const bot = createBot({ session: store, logger }).catch(caught)
    let dialogId = ''
    bot.on('ONIMBOTV2MESSAGEADD', (ctx) => {
      dialogId = ctx.dialogId ?? ''
      ctx.session.count = 1
    })
    await expect(bot.handle(events[0], { client, eventId: ids[0] })).resolves.toBe(true)
    expect(caught).not.toHaveBeenCalled()
    expect(logger.warn).toHaveBeenCalledWith({ error: new Error('redis went away') }, 'b24bot: a session lock could not be let go')
    expect(await inner.get(`|${String(botId)}|${dialogId}`)).toEqual({ count: 1 })
  })

  it('a lock that cannot be taken fails the event like a store that cannot be read: to bot.catch, no handler runs, false', async () => {
    const { client, events, ids } = await twoMessagesOfOneDialog()
    const inner = memorySessionStore()
    const store: SessionStore = { ...inner, lock: () => Promise.reject(new Error('redis is down')) }
    const caught: unknown[] = []
    const handler = vi.fn()
    const bot = createBot({ session: store }).catch((error) => caught.push(error))
    bot.on('ONIMBOTV2MESSAGEADD', handler)
    await expect(bot.handle(events[0], { client, eventId: ids[0] })).resolves.toBe(false)
    expect(handler).not.toHaveBeenCalled()
    expect(caught).toMatchObject([{ name: 'BotError', eventId: ids[0], cause: new Error('redis is down') }])
  })
})
