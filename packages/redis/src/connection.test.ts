import { inspect } from 'node:util'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { hasRedisServer, startRedisServer } from '../test/redis-server.ts'
import { redisForTests, eventually, unique } from '../test/stores.ts'
import { redisLimiterStore, redisOffsetStore, redisSessionStore, redisTokenStore, RedisUnavailableError } from './index.ts'

const withRedis = hasRedisServer()

/** Every way an error can be seen: its message, stack, JSON, inspection, and the same of each `cause` down the chain. */
function renderings(error: unknown): string[] {
  const seen: string[] = []
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 10; depth++) {
    if (current instanceof Error) {
      seen.push(current.message, current.stack ?? '', JSON.stringify(current), String(current))
      current = current.cause
    } else {
      seen.push(inspect(current))
      break
    }
  }
  seen.push(inspect(error, { depth: 10, showHidden: true }))
  return seen
}

/** Your client, for `stores.track`: disconnected when the test is done. */
function yours(client: Redis): { close(): Promise<void> } {
  return {
    close: () => {
      client.disconnect()
      return Promise.resolve()
    },
  }
}

async function failureOf(call: () => unknown): Promise<unknown> {
  try {
    await call()
  } catch (error) {
    return error
  }
  throw new Error('the call did not fail')
}

describe.skipIf(!withRedis)('connections', () => {
  const ownRedis = redisForTests()
  const { stores } = ownRedis

  /** One store of each kind on `url`, and one call each that must reach Redis (no fallback). */
  function everyStore(url: string) {
    const prefix = `${unique('every')}:`
    const limiter = stores.track(redisLimiterStore({ url, prefix, fallbackShare: false }))
    const tokens = stores.track(redisTokenStore({ url, prefix, key: 'member-1:7' }))
    const sessions = stores.track(redisSessionStore({ url, prefix }))
    const offsets = stores.track(redisOffsetStore({ url, prefix }))
    return {
      'limiter.reserve': () => limiter.reserve('portal', { burst: 50, perSecond: 2 }, Date.now()),
      'limiter.heldUntil': () => limiter.heldUntil('portal', ['imbot.chat.get']),
      'tokens.set': () => tokens.set({ accessToken: 'a1', refreshToken: 'r1' }),
      'tokens.get': () => tokens.get(),
      'session.set': () => sessions.set('dialog', { step: 1 }),
      'session.lock': async () => (await sessions.lock('dialog'))(),
      'offsets.set': () => offsets.set('|42', 7),
      'offsets.acquire': async () => (await offsets.acquire('|42', 1_000))?.release(),
    }
  }

  it('fails fast with RedisUnavailableError while Redis is away, and works again when it is back, with the same stores', async () => {
    const calls = everyStore(ownRedis.server.url)
    for (const call of Object.values(calls)) await call()
    await ownRedis.server.stop()
    for (const [operation, call] of Object.entries(calls)) {
      const started = Date.now()
      const error = await failureOf(call)
      expect(Date.now() - started, operation).toBeLessThan(500)
      expect(RedisUnavailableError.isInstance(error), operation).toBe(true)
      const unavailable = error as RedisUnavailableError
      expect(unavailable.name).toBe('RedisUnavailableError')
      expect(unavailable.operation).toBe(operation)
      expect(unavailable.retryable).toBe(true)
      expect(unavailable.message).toMatch(
        new RegExp(
          `^Redis is unreachable \\((ECONNREFUSED|ECONNRESET|EPIPE|not connected)\\): ${operation.replace('.', '\\.')} failed\\. `,
        ),
      )
    }
    await ownRedis.server.start() // on the same port, empty: its script cache too
    for (const [operation, call] of Object.entries(calls))
      await eventually(async () => call(), 5_000).catch((error: unknown) => expect.fail(`${operation}: ${String(error)}`))
  })

  it('waits for the first connection of a new store instead of failing its first call', async () => {
    const store = stores.track(redisOffsetStore({ url: ownRedis.server.url, prefix: `${unique('first')}:` }))
    await store.set('|1', 1)
    expect(await store.get('|1')).toBe(1)
  })

  describe('the deadline', () => {
    it('ends a call Redis does not answer with RedisUnavailableError (timeout), on a connection the store opened', async () => {
      const store = stores.track(redisSessionStore({ url: ownRedis.server.url, prefix: `${unique('deadline')}:`, timeout: 200 }))
      await store.get('dialog')
      const admin = stores.client(ownRedis.server.url)
      await admin.call('CLIENT', 'PAUSE', '1000')
      const started = Date.now()
      const error = await failureOf(() => store.get('dialog'))
      const took = Date.now() - started
      expect(took).toBeGreaterThanOrEqual(190)
      expect(took).toBeLessThan(700)
      expect(RedisUnavailableError.isInstance(error)).toBe(true)
      expect((error as RedisUnavailableError).reason).toBe('timeout')
      expect((error as RedisUnavailableError).message).toMatch(
        /^Redis is unreachable \(timeout: no answer within 200 ms\): session\.get failed/,
      )
      await admin.call('CLIENT', 'UNPAUSE')
    })

    it('ends a script Redis does not answer, on your own client with its offline queue and no command timeout', async () => {
      const client = new Redis(ownRedis.server.url)
      stores.track(yours(client))
      const store = stores.track(redisLimiterStore({ client, prefix: `${unique('deadline-client')}:`, timeout: 200, fallbackShare: false }))
      await store.reserve('portal', { burst: 5, perSecond: 1 }, Date.now())
      const admin = stores.client(ownRedis.server.url)
      await admin.call('CLIENT', 'PAUSE', '1000')
      const started = Date.now()
      const error = await failureOf(() => store.reserve('portal', { burst: 5, perSecond: 1 }, Date.now()))
      expect(Date.now() - started).toBeLessThan(700)
      expect((error as RedisUnavailableError).reason).toBe('timeout')
      expect((error as RedisUnavailableError).operation).toBe('limiter.reserve')
      await admin.call('CLIENT', 'UNPAUSE')
    })
  })

  describe('a password in the URL', () => {
    const password = 'pAss-W0rd-4f9c2e'

    it('never appears in an error, its cause or its stack: Redis away, a deadline, a refused password', async () => {
      const admin = stores.client(ownRedis.server.url)
      await admin.call('ACL', 'SETUSER', 'bot', 'on', `>${password}`, '~*', '+@all')
      const dead = await startRedisServer()
      await dead.stop()
      const urls = {
        away: `redis://bot:${password}@127.0.0.1:${String(dead.port)}`,
        refused: `redis://bot:${password}-wrong@127.0.0.1:${String(ownRedis.server.port)}`,
        paused: `redis://bot:${password}@127.0.0.1:${String(ownRedis.server.port)}`,
      }
      const errors: unknown[] = []
      for (const url of [urls.away, urls.refused]) {
        const calls = everyStore(url)
        for (const call of Object.values(calls)) errors.push(await failureOf(call))
      }
      const paused = stores.track(redisSessionStore({ url: urls.paused, timeout: 200 }))
      await paused.get('dialog') // the right password works
      await admin.call('CLIENT', 'PAUSE', '600')
      errors.push(await failureOf(() => paused.get('dialog')))
      await admin.call('CLIENT', 'UNPAUSE')

      expect(errors.map((error) => (error as RedisUnavailableError).reason)).toContain('WRONGPASS')
      expect(errors.map((error) => (error as RedisUnavailableError).reason)).toContain('timeout')
      const refused = errors.find((error) => (error as RedisUnavailableError).reason === 'WRONGPASS') as RedisUnavailableError
      expect(refused.retryable).toBe(false)
      expect(refused.message).toMatch(/^Redis refused .* \(WRONGPASS\)/)
      for (const error of errors) {
        expect(RedisUnavailableError.isInstance(error)).toBe(true)
        for (const text of renderings(error)) {
          expect(text).not.toContain(password)
          expect(text).not.toContain('bot:')
          expect(text).not.toContain('redis://')
        }
      }
    })

    it('is not echoed by a URL the store cannot use', () => {
      const error = (() => {
        try {
          redisSessionStore({ url: `http://bot:${password}@example.com` })
        } catch (caught) {
          return caught
        }
        return undefined
      })()
      expect(error).toBeInstanceOf(TypeError)
      for (const text of renderings(error)) expect(text).not.toContain(password)
    })
  })

  describe('close', () => {
    it('ends a connection the store opened; later calls fail, saying the store was closed', async () => {
      const admin = stores.client(ownRedis.server.url)
      const clients = async () => ((await admin.call('CLIENT', 'LIST')) as string).trim().split('\n').length
      const before = await clients()
      const store = redisOffsetStore({ url: ownRedis.server.url, prefix: `${unique('close')}:` })
      await store.set('|1', 1)
      expect(await clients()).toBe(before + 1)
      await store.close()
      await eventually(async () => {
        expect(await clients()).toBe(before)
      })
      const error = await failureOf(() => store.get('|1'))
      expect((error as RedisUnavailableError).reason).toBe('closed')
      expect((error as RedisUnavailableError).retryable).toBe(false)
    })

    it('leaves your client open', async () => {
      const client = new Redis(ownRedis.server.url)
      stores.track(yours(client))
      const store = redisSessionStore({ client, prefix: `${unique('yours')}:` })
      await store.set('dialog', { step: 1 })
      await store.close()
      expect(await client.ping()).toBe('PONG')
      expect(((await failureOf(() => store.get('dialog'))) as RedisUnavailableError).reason).toBe('closed')
    })
  })

  it('takes either a url or a client, and a positive timeout', () => {
    const client = new Redis(ownRedis.server.url, { lazyConnect: true })
    expect(() => redisSessionStore({ url: ownRedis.server.url, client } as never)).toThrow(TypeError)
    expect(() => redisSessionStore({} as never)).toThrow(TypeError)
    expect(() => redisSessionStore({ url: ownRedis.server.url, timeout: 0 })).toThrow(RangeError)
    client.disconnect()
  })
})
