import { memoryLimiterStore, type BucketRule, type Logger } from '@b24bot/transport'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { limiterContract } from '../test/contracts/limiter.ts'
import { hasRedisServer } from '../test/redis-server.ts'
import { redisForTests, eventually, unique } from '../test/stores.ts'
import { redisLimiterStore, RedisUnavailableError, type RedisLimiterStoreOptions } from './index.ts'

const withRedis = hasRedisServer()

describe('memoryLimiterStore (the contract)', () => {
  limiterContract(() => memoryLimiterStore())
})

describe.skipIf(!withRedis)('redisLimiterStore', () => {
  const ownRedis = redisForTests()
  const { stores } = ownRedis

  function open(options: Omit<RedisLimiterStoreOptions, 'url' | 'client'> = {}) {
    return stores.track(redisLimiterStore({ url: ownRedis.server.url, prefix: `${unique('limiter')}:`, ...options }))
  }

  describe("on the caller's clock (the contract)", () => {
    limiterContract((now) => open({ clock: 'caller', now }))
  })

  it('answers what memoryLimiterStore answers, for any operations at any times', async () => {
    type Operation =
      | { readonly kind: 'reserve'; readonly key: string; readonly gap: number }
      | { readonly kind: 'release'; readonly key: string; readonly gap: number; readonly pick: number | 'last' }
      | { readonly kind: 'fill'; readonly key: string; readonly gap: number }
      | { readonly kind: 'hold'; readonly key: string; readonly gap: number; readonly method: string; readonly ahead: number }
      | { readonly kind: 'heldUntil'; readonly key: string; readonly gap: number; readonly methods: readonly string[] }
    const key = fc.constantFrom('a', 'b')
    const gap = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2_000 }))
    const method = fc.constantFrom('imbot.chat.get', 'imbot.bot.list', 'imbot.message.add')
    const operation: fc.Arbitrary<Operation> = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('reserve' as const), key, gap }) },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('release' as const), key, gap, pick: fc.oneof(fc.nat(), fc.constant('last' as const)) }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('fill' as const), key, gap }) },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('hold' as const), key, gap, method, ahead: fc.integer({ min: -5_000, max: 600_000 }) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('heldUntil' as const),
          key,
          gap,
          methods: fc.subarray(['imbot.chat.get', 'imbot.bot.list', 'imbot.message.add']),
        }),
      },
    )
    const rule: fc.Arbitrary<BucketRule> = fc.record({
      // Small bursts as often as large ones: slots ahead, to give back, come from a bucket that is often full.
      burst: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 60 })),
      perSecond: fc.constantFrom(1, 2, 3, 5, 7, 10),
      margin: fc.constantFrom(0, 50, 0.5),
    })
    await fc.assert(
      fc.asyncProperty(
        rule,
        fc.array(operation, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        async (plan, operations, start) => {
          let now = start
          const clock = () => now
          const memory = memoryLimiterStore()
          const redis = open({ clock: 'caller', now: clock })
          const slots: Record<string, number[]> = { a: [], b: [] }
          // A hold that has passed may be forgotten: both answers mean "not held".
          const held = (until: number) => (until <= now ? 0 : until)
          for (const step of operations) {
            now += step.gap
            const taken = slots[step.key]!
            switch (step.kind) {
              case 'reserve': {
                const slot = await memory.reserve(step.key, plan, now)
                expect(await redis.reserve(step.key, plan, now)).toBe(slot)
                taken.push(slot)
                break
              }
              case 'release': {
                if (taken.length === 0) break
                // The last slot handed out (undone when still ahead), or any other (it stays counted).
                const slot = taken.splice(step.pick === 'last' ? -1 : step.pick % taken.length, 1)[0]!
                await memory.release(step.key, plan, slot, now)
                await redis.release(step.key, plan, slot, now)
                break
              }
              case 'fill':
                await memory.fill(step.key, plan, now)
                await redis.fill(step.key, plan, now)
                break
              case 'hold':
                await memory.hold(step.key, step.method, now + step.ahead)
                await redis.hold(step.key, step.method, now + step.ahead)
                break
              case 'heldUntil':
                expect(held(await redis.heldUntil(step.key, step.methods))).toBe(held(await memory.heldUntil(step.key, step.methods)))
                break
            }
          }
          await redis.close()
        },
      ),
      { numRuns: 60 },
    )
  })

  it('undoes only a reservation this store answered: a replica giving back the same number changes nothing', async () => {
    const prefix = `${unique('owner')}:`
    const first = open({ clock: 'caller', prefix })
    const second = open({ clock: 'caller', prefix })
    const rule = { burst: 1, perSecond: 1 }
    expect(await first.reserve('portal', rule, 0)).toBe(0)
    expect(await second.reserve('portal', rule, 0)).toBe(1_000)
    await first.release('portal', rule, 1_000, 0) // not its slot: on another clock the same number is another time
    expect(await first.reserve('portal', rule, 0)).toBe(2_000)
    await first.release('portal', rule, 2_000, 0) // its own, the last: undone
    expect(await second.reserve('portal', rule, 0)).toBe(2_000)
  })

  describe("on Redis's clock", () => {
    const skewedBy = (ms: number) => () => Date.now() + ms
    const rule = { burst: 3, perSecond: 10, margin: 0 }

    it('paces replicas whose clocks disagree by minutes as one bucket', async () => {
      const prefix = `${unique('skew')}:`
      const ahead = skewedBy(600_000)
      const behind = skewedBy(-300_000)
      const replicas = [
        { store: stores.track(redisLimiterStore({ url: ownRedis.server.url, prefix, now: ahead })), now: ahead, skew: 600_000 },
        { store: stores.track(redisLimiterStore({ url: ownRedis.server.url, prefix, now: behind })), now: behind, skew: -300_000 },
      ]
      const started = Date.now()
      const slots: number[] = []
      for (let i = 0; i < 6; i++) {
        const replica = replicas[i % 2]!
        // Each slot on the true clock: the replica's answer, less its skew.
        slots.push((await replica.store.reserve('portal', rule, replica.now())) - replica.skew - started)
      }
      const spent = Date.now() - started
      // The burst at once, then one slot every 100 ms, whichever replica asked, within the time the calls took.
      for (const [index, expected] of [0, 0, 0, 100, 200, 300].entries()) {
        expect(slots[index]).toBeGreaterThanOrEqual(expected - 1)
        expect(slots[index]).toBeLessThanOrEqual(expected + spent + 1)
      }
    })

    it('undoes the last slot exactly, though each call measures the offset anew', async () => {
      const store = open({ prefix: `${unique('undo')}:` })
      const single = { burst: 1, perSecond: 1, margin: 0 }
      await store.reserve('portal', single, Date.now())
      const last = await store.reserve('portal', single, Date.now())
      await store.release('portal', single, last, Date.now())
      // The same slot again, within the millisecond the offsets of two calls may differ by: not one interval later.
      expect(Math.abs((await store.reserve('portal', single, Date.now())) - last)).toBeLessThanOrEqual(2)
    })

    it('does not take a slot early when a call reaches Redis late (a busy process): the offset comes from the quickest round trips', async () => {
      const store = open({ prefix: `${unique('late')}:` })
      const single = { burst: 1, perSecond: 1, margin: 0 }
      // The first call starts the clock probe; its answer is the estimate the next calls use.
      await store.reserve('warm-up', single, Date.now())
      await new Promise((resolve) => setTimeout(resolve, 50))
      const first = await store.reserve('portal', single, Date.now())
      // A caller that read its clock 200 ms before Redis ran the script: measured in that call alone, the
      // offset would be 200 ms too large, and the slot 200 ms early (first + 800).
      const second = await store.reserve('portal', single, Date.now() - 200)
      expect(second).toBeGreaterThanOrEqual(first + 1_000 - 2)
    })

    it("would not without it: on the callers' clocks the replica behind waits for the skew", async () => {
      const prefix = `${unique('skew-caller')}:`
      const ahead = stores.track(redisLimiterStore({ url: ownRedis.server.url, prefix, clock: 'caller' }))
      const behind = stores.track(redisLimiterStore({ url: ownRedis.server.url, prefix, clock: 'caller' }))
      for (let i = 0; i < 3; i++) await ahead.reserve('portal', rule, Date.now() + 600_000)
      const at = Date.now() - 300_000
      expect((await behind.reserve('portal', rule, at)) - at).toBeGreaterThan(800_000)
    })

    it("shows a hold on each replica's own clock", async () => {
      const prefix = `${unique('skew-hold')}:`
      const ahead = skewedBy(600_000)
      const behind = skewedBy(-300_000)
      const first = stores.track(redisLimiterStore({ url: ownRedis.server.url, prefix, now: ahead }))
      const second = stores.track(redisLimiterStore({ url: ownRedis.server.url, prefix, now: behind }))
      await first.hold('portal', 'imbot.chat.get', ahead() + 5_000)
      const remaining = (await second.heldUntil('portal', ['imbot.chat.get'])) - behind()
      expect(remaining).toBeGreaterThan(4_900)
      expect(remaining).toBeLessThanOrEqual(5_001)
    })

    it('lets a bucket and its holds lapse once they cannot matter', async () => {
      const prefix = `${unique('expiry')}:`
      const store = open({ clock: 'redis', prefix })
      const redis = stores.client(ownRedis.server.url)
      await store.reserve('portal', { burst: 2, perSecond: 1 }, Date.now())
      await store.reserve('portal', { burst: 2, perSecond: 1 }, Date.now())
      await store.hold('portal', 'imbot.chat.get', Date.now() + 3_000)
      const keys = await redis.keys(`${prefix}*`)
      expect(keys.sort()).toEqual([`${prefix}limiter:{portal}:bucket`, `${prefix}limiter:{portal}:holds`])
      for (const key of keys) {
        const ttl = await redis.pttl(key)
        // The bucket is empty 2 s on, the hold ends 3 s on: each lapses a second after.
        expect(ttl).toBeGreaterThan(2_500)
        expect(ttl).toBeLessThanOrEqual(4_000)
      }
    })
  })

  describe('while Redis is away', () => {
    function recorder() {
      const lines: { level: 'warn' | 'debug'; object: Readonly<Record<string, unknown>>; message: string }[] = []
      const logger: Logger = {
        warn: (object, message) => lines.push({ level: 'warn', object, message }),
        debug: (object, message) => lines.push({ level: 'debug', object, message }),
      }
      return { lines, logger }
    }

    afterEach(async () => {
      await ownRedis.server.start()
    })

    it('paces to its share of the bucket in memory, warns once, and goes back to Redis when it answers', async () => {
      const { lines, logger } = recorder()
      const prefix = `${unique('fallback')}:`
      const store = open({ clock: 'caller', fallbackShare: 1 / 2, logger, prefix })
      const rule = { burst: 4, perSecond: 2 }
      expect(await store.reserve('portal', rule, 0)).toBe(0)
      await ownRedis.server.stop()
      // Half the burst (2) and half the rate (1 per second), in this process.
      const slots: number[] = []
      for (let i = 0; i < 4; i++) slots.push(await store.reserve('portal', rule, 1_000))
      expect(slots).toEqual([1_000, 1_000, 2_000, 3_000])
      expect(lines.filter((line) => line.level === 'warn')).toHaveLength(1)
      expect(lines[0]!.message).toMatch(
        /^Redis is unreachable \(([A-Z]+|disconnected)\): until it answers, this process paces itself to 0\.5 of each portal's bucket$/,
      )
      expect(lines[0]!.object).toMatchObject({ fallbackShare: 0.5 })

      await ownRedis.server.start()
      const redis = stores.client(ownRedis.server.url)
      // Redis came back empty. Once the store asks it again (a read, here, which changes nothing), the bucket is
      // Redis's again, counted full at first, as what the replicas sent meanwhile is not in it: burst 4 at 2 per
      // second, so the next slot comes 1.5 s after, where an empty bucket would have answered at once.
      await eventually(async () => {
        expect(await redis.ping()).toBe('PONG')
        await store.heldUntil('portal', ['imbot.chat.get'])
        expect(lines.map((line) => line.level)).toEqual(['warn', 'debug'])
      })
      expect(await store.reserve('portal', rule, 10_000)).toBe(10_500)
      expect(await redis.keys(`${prefix}*`)).toEqual([`${prefix}limiter:{portal}:bucket`])
      expect(lines.map((line) => line.level)).toEqual(['warn', 'debug'])
    })

    it('gives a slot back to the bucket that answered it', async () => {
      const store = open({ clock: 'caller', fallbackShare: 1 / 2 })
      const rule = { burst: 2, perSecond: 2 }
      await ownRedis.server.stop()
      const slots = [await store.reserve('portal', rule, 0), await store.reserve('portal', rule, 0)]
      expect(slots).toEqual([0, 1_000])
      await store.release('portal', rule, 1_000, 500)
      expect(await store.reserve('portal', rule, 500)).toBe(1_000)
    })

    it('keeps the holds it made, to read them while Redis is away', async () => {
      const store = open({ clock: 'caller', now: () => 0 })
      await store.hold('portal', 'imbot.chat.get', 60_000)
      await ownRedis.server.stop()
      expect(await store.heldUntil('portal', ['imbot.chat.get'])).toBe(60_000)
    })

    it('fails fast with RedisUnavailableError when told not to fall back', async () => {
      const store = open({ fallbackShare: false })
      await store.reserve('portal', standardRule, Date.now())
      await ownRedis.server.stop()
      const started = Date.now()
      const error: unknown = await Promise.resolve(store.reserve('portal', standardRule, Date.now())).catch((caught: unknown) => caught)
      expect(Date.now() - started).toBeLessThan(500)
      expect(RedisUnavailableError.isInstance(error)).toBe(true)
      expect((error as RedisUnavailableError).operation).toBe('limiter.reserve')
      expect((error as RedisUnavailableError).retryable).toBe(true)
    })

    it('refuses a share outside (0, 1]', () => {
      expect(() => redisLimiterStore({ url: ownRedis.server.url, fallbackShare: 0 })).toThrow(RangeError)
      expect(() => redisLimiterStore({ url: ownRedis.server.url, fallbackShare: 1.5 })).toThrow(RangeError)
    })
  })
})

const standardRule: BucketRule = { burst: 50, perSecond: 2 }
