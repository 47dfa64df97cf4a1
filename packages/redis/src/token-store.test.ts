import { B24Error } from '@b24bot/core'
import { memoryTokenStore, type Tokens } from '@b24bot/transport'
import { describe, expect, it } from 'vitest'
import { gate, live, next, old, recordedRefresh, tokenContract, until } from '../test/contracts/tokens.ts'
import { hasRedisServer } from '../test/redis-server.ts'
import { redisForTests, eventually, unique } from '../test/stores.ts'
import { redisTokenStore, RedisUnavailableError, type RedisTokenStoreOptions } from './index.ts'

const withRedis = hasRedisServer()

describe('memoryTokenStore (the contract)', () => {
  tokenContract((initial) => {
    const store = memoryTokenStore(initial)
    return Promise.resolve([store, store] as const)
  })
})

describe.skipIf(!withRedis)('redisTokenStore', () => {
  const ownRedis = redisForTests()
  const { stores } = ownRedis

  /** Two replicas' stores of one pair: two connections, one key. */
  async function replicas(initial?: Tokens, options: Partial<RedisTokenStoreOptions> = {}) {
    const shared = { url: ownRedis.server.url, prefix: `${unique('tokens')}:`, key: 'member-1:7', ...options } as RedisTokenStoreOptions
    const first = stores.track(redisTokenStore(shared))
    const second = stores.track(redisTokenStore(shared))
    if (initial) await first.set(initial)
    return [first, second] as const
  }

  describe('two replicas on one Redis (the contract)', () => {
    tokenContract((initial) => replicas(initial))
  })

  it('keeps the pair as JSON under the prefix and the key, and names no token in any key', async () => {
    const prefix = `${unique('layout')}:`
    const store = stores.track(redisTokenStore({ url: ownRedis.server.url, prefix, key: 'member-1:7' }))
    const redis = stores.client(ownRedis.server.url)
    await store.set(old)
    const answer = gate<Tokens>()
    const { refresh, runs } = recordedRefresh(() => answer.promise)
    const renewal = store.renew('a1', refresh, live())
    await until(() => runs.length === 1)
    const keys = (await redis.keys(`${prefix}*`)).sort()
    expect(keys).toEqual([`${prefix}tokens:{member-1:7}`, `${prefix}tokens:{member-1:7}:lock`])
    for (const key of keys) for (const token of ['a1', 'r1']) expect(key).not.toContain(token)
    // The lock lapses by itself if its holder dies: 30 s by default.
    expect(await redis.pttl(`${prefix}tokens:{member-1:7}:lock`)).toBeGreaterThan(29_000)
    answer.open(next)
    await renewal
    expect(JSON.parse((await redis.get(`${prefix}tokens:{member-1:7}`))!)).toEqual(next)
    expect(await redis.exists(`${prefix}tokens:{member-1:7}:lock`)).toBe(0)
  })

  it('takes over the lock of a holder that died, once it lapses', async () => {
    const prefix = `${unique('dead')}:`
    const options = { url: ownRedis.server.url, prefix, key: 'member-1:7' }
    const store = stores.track(redisTokenStore(options))
    const redis = stores.client(ownRedis.server.url)
    await store.set(old)
    await redis.set(`${prefix}tokens:{member-1:7}:lock`, 'a-replica-that-died', 'PX', 300)
    const { refresh, runs } = recordedRefresh(() => Promise.resolve(next))
    const started = Date.now()
    expect(await store.renew('a1', refresh, live())).toEqual(next)
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    expect(runs).toEqual([old])
  })

  describe('fencing: a holder whose lock lapsed during the refresh', () => {
    it('still stores its pair while the stored pair is the one it renewed (the old refresh token is spent)', async () => {
      const prefix = `${unique('fence-store')}:`
      const store = stores.track(redisTokenStore({ url: ownRedis.server.url, prefix, key: 'k', lockTtl: 50 }))
      const redis = stores.client(ownRedis.server.url)
      await store.set(old)
      const { refresh } = recordedRefresh(async () => {
        await new Promise((resolve) => setTimeout(resolve, 150))
        expect(await redis.exists(`${prefix}tokens:{k}:lock`)).toBe(0) // lapsed
        return next
      })
      expect(await store.renew('a1', refresh, live())).toEqual(next)
      expect(await store.get()).toEqual(next)
    })

    it('keeps, and returns, a pair another replica stored meanwhile', async () => {
      const prefix = `${unique('fence-keep')}:`
      const options = { url: ownRedis.server.url, prefix, key: 'k', lockTtl: 50 }
      const slow = stores.track(redisTokenStore(options))
      const other = stores.track(redisTokenStore(options))
      await slow.set(old)
      const theirs: Tokens = { accessToken: 'a-theirs', refreshToken: 'r-theirs' }
      const answer = gate<Tokens>()
      const { refresh, runs } = recordedRefresh(() => answer.promise)
      const renewal = slow.renew('a1', refresh, live())
      await until(() => runs.length === 1)
      await new Promise((resolve) => setTimeout(resolve, 100)) // the slow holder's lock lapses
      expect(await other.renew('a1', () => Promise.resolve(theirs), live())).toEqual(theirs)
      answer.open(next)
      expect(await renewal).toEqual(theirs)
      expect(await other.get()).toEqual(theirs)
    })
  })

  it('gives the new pair to its caller when Redis fails as it is stored, and stores it at the next call', async () => {
    const store = stores.track(redisTokenStore({ url: ownRedis.server.url, prefix: `${unique('unsaved')}:`, key: 'k' }))
    await store.set(old)
    const { refresh } = recordedRefresh(async () => {
      await ownRedis.server.stop()
      return next
    })
    expect(await store.renew('a1', refresh, live())).toEqual(next)
    await ownRedis.server.start() // empty: the old pair went with it
    expect(await eventually(() => store.get())).toEqual(next)
  })

  it('fails with RedisUnavailableError, not a hang, when Redis is away', async () => {
    const store = stores.track(redisTokenStore({ url: ownRedis.server.url, prefix: `${unique('away')}:`, key: 'k' }))
    await store.set(old)
    await ownRedis.server.stop()
    const { refresh, runs } = recordedRefresh(() => Promise.resolve(next))
    const error: unknown = await store.renew('a1', refresh, live()).catch((caught: unknown) => caught)
    expect(RedisUnavailableError.isInstance(error)).toBe(true)
    expect((error as RedisUnavailableError).operation).toBe('tokens.renew')
    expect(runs).toEqual([])
  })

  it('says so, naming no value, when the key holds something else than a pair', async () => {
    const prefix = `${unique('garbage')}:`
    const store = stores.track(redisTokenStore({ url: ownRedis.server.url, prefix, key: 'k' }))
    await stores.client(ownRedis.server.url).set(`${prefix}tokens:{k}`, '{"access":"secret-value"}')
    const error: unknown = await store.get().catch((caught: unknown) => caught)
    expect(B24Error.isInstance(error)).toBe(true)
    expect((error as Error).message).not.toContain('secret-value')
  })
})
