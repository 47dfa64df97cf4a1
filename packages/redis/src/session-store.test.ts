import { B24Error } from '@b24bot/core'
import { memorySessionStore } from '@b24bot/bot'
import { describe, expect, it } from 'vitest'
import { sessionContract } from '../test/contracts/sessions.ts'
import { hasRedisServer } from '../test/redis-server.ts'
import { redisForTests, eventually, unique } from '../test/stores.ts'
import { redisSessionStore, RedisUnavailableError, type RedisSessionStoreOptions } from './index.ts'

const withRedis = hasRedisServer()

describe('memorySessionStore (the contract)', () => {
  sessionContract(() => {
    const store = memorySessionStore()
    return Promise.resolve([store, store] as const)
  })
})

describe.skipIf(!withRedis)('redisSessionStore', () => {
  const ownRedis = redisForTests()
  const { stores } = ownRedis

  function replicas(options: Partial<RedisSessionStoreOptions> = {}) {
    const shared = { url: ownRedis.server.url, prefix: `${unique('sessions')}:`, ...options } as RedisSessionStoreOptions
    return [stores.track(redisSessionStore(shared)), stores.track(redisSessionStore(shared))] as const
  }

  describe('two replicas on one Redis (the contract)', () => {
    sessionContract(() => Promise.resolve(replicas()))
  })

  it('keeps sessions as JSON under the prefix, lapsing ttl ms after the last write', async () => {
    const prefix = `${unique('ttl')}:`
    const [store] = replicas({ prefix, ttl: 60_000 })
    const redis = stores.client(ownRedis.server.url)
    await store.set('portal|42|chat7', { step: 1 })
    expect(JSON.parse((await redis.get(`${prefix}session:{portal|42|chat7}`))!)).toEqual({ step: 1 })
    const ttl = await redis.pttl(`${prefix}session:{portal|42|chat7}`)
    expect(ttl).toBeGreaterThan(59_000)
    expect(ttl).toBeLessThanOrEqual(60_000)
    const [forever] = replicas({ prefix })
    await forever.set('portal|42|chat7', { step: 2 })
    expect(await redis.pttl(`${prefix}session:{portal|42|chat7}`)).toBe(-1)
  })

  it('takes over the lock of a holder that died once it lapses', async () => {
    const prefix = `${unique('dead')}:`
    const [store] = replicas({ prefix })
    await stores.client(ownRedis.server.url).set(`${prefix}session:{dialog}:lock`, 'a-replica-that-died', 'PX', 200)
    const started = Date.now()
    const release = await store.lock('dialog')
    expect(Date.now() - started).toBeGreaterThanOrEqual(150)
    await release()
  })

  it('keeps extending the lock of a living holder past lockTtl', async () => {
    const [holder, waiter] = replicas({ lockTtl: 150 })
    const release = await holder.lock('dialog')
    let taken = false
    const waiting = waiter.lock('dialog').then((letGo) => {
      taken = true
      return letGo
    })
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(taken).toBe(false)
    await release()
    await (
      await waiting
    )()
    expect(taken).toBe(true)
  })

  it('fails with RedisUnavailableError rather than wait while Redis is away', async () => {
    const [store] = replicas()
    await store.set('k', {})
    await ownRedis.server.stop()
    const error: unknown = await store.lock('dialog').catch((caught: unknown) => caught)
    expect(RedisUnavailableError.isInstance(error)).toBe(true)
    expect((error as RedisUnavailableError).operation).toBe('session.lock')
    // The process's own queue for that dialog is not left held.
    await ownRedis.server.start()
    const release = await eventually(() => store.lock('dialog'))
    await release()
  })

  it('says so when a key holds something else than JSON', async () => {
    const prefix = `${unique('garbage')}:`
    const [store] = replicas({ prefix })
    await stores.client(ownRedis.server.url).set(`${prefix}session:{k}`, 'not json')
    await expect(store.get('k')).rejects.toSatisfy((error) => B24Error.isInstance(error))
  })
})
