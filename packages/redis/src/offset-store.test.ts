import { memoryOffsetStore } from '@b24bot/bot'
import { describe, expect, it } from 'vitest'
import { offsetContract } from '../test/contracts/offsets.ts'
import { hasRedisServer } from '../test/redis-server.ts'
import { redisForTests, unique } from '../test/stores.ts'
import { redisOffsetStore } from './index.ts'

const withRedis = hasRedisServer()

describe('memoryOffsetStore (the contract)', () => {
  offsetContract(() => {
    const store = memoryOffsetStore()
    return Promise.resolve([store, store] as const)
  })
})

describe.skipIf(!withRedis)('redisOffsetStore', () => {
  const ownRedis = redisForTests()
  const { stores } = ownRedis

  function replicas(prefix = `${unique('offsets')}:`) {
    const shared = { url: ownRedis.server.url, prefix }
    return [stores.track(redisOffsetStore(shared)), stores.track(redisOffsetStore(shared))] as const
  }

  describe('two replicas on one Redis (the contract)', () => {
    offsetContract(() => Promise.resolve(replicas()))
  })

  it('never moves an offset back: a replica that lost its lease cannot undo a newer commit', async () => {
    const [late, current] = replicas()
    await current.set('|42', 230)
    await late.set('|42', 120)
    expect(await current.get('|42')).toBe(230)
    await late.set('|42', 231)
    expect(await current.get('|42')).toBe(231)
  })

  it('keeps offsets and leases under the prefix, the lease lapsing after its ttl', async () => {
    const prefix = `${unique('layout')}:`
    const [store] = replicas(prefix)
    const redis = stores.client(ownRedis.server.url)
    await store.set('portal|42', 5)
    await store.acquire('portal|42', 15_000)
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual([`${prefix}offset:{portal|42}`, `${prefix}offset:{portal|42}:lease`])
    expect(await redis.get(`${prefix}offset:{portal|42}`)).toBe('5')
    expect(await redis.pttl(`${prefix}offset:{portal|42}:lease`)).toBeGreaterThan(14_000)
  })
})
