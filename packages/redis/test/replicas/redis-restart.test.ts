import { setTimeout as sleep } from 'node:timers/promises'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { hasRedisServer, startRedisServer, type RedisServer } from '../redis-server.ts'
import type { CallerConfig } from './caller-child.ts'
import { runTogether, startReplica, stopReplicas } from './replica-process.ts'

/*
 * Issue 12, figure 4: Redis goes away in the middle of a run. Two replicas share the portal's bucket
 * through `redisLimiterStore` (time-scaled as in shared-limits.test.ts: the standard burst of 50 with the
 * drain 10x faster, 20/s); 3 s in, redis-server stops, and starts again on the same port a second later,
 * empty. Meanwhile each replica paces itself to its share of the bucket in its own memory (the store's
 * fallback), and goes back to Redis once it answers. The run completes: every call succeeds (a 503 met
 * on the way is sent again), perhaps later, and no replica hangs.
 */

const plan = { burst: 50, perSecond: 20 }
const processes = 2
const callsEach = 150
/**
 * Calls in flight per replica: they keep reserving slots as the run goes, so Redis is asked throughout
 * (150 calls issued at once would reserve every slot in the first milliseconds).
 */
const concurrency = 10
const physicalLimitMs = (Math.max(0, processes * callsEach - plan.burst) / plan.perSecond) * 1000

describe.skipIf(!hasRedisServer())('replicas when Redis restarts (standard burst 50, drain scaled 10x: 20/s)', () => {
  let redis: RedisServer
  let emulator: Emulator

  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterAll(async () => {
    await redis.stop()
  })
  beforeEach(async () => {
    emulator = await startEmulator({ limits: { requests: { burst: plan.burst, drainPerSecond: plan.perSecond } } })
  })
  afterEach(async () => {
    await stopReplicas()
    await emulator.close()
  })

  it(
    `${String(processes)} processes x ${String(callsEach)} calls (${String(concurrency)} in flight each) with the Redis limiter, redis-server stopped for 1 s in the middle: every call succeeds, no replica hangs`,
    { timeout: 180_000 },
    async () => {
      const config: CallerConfig = {
        calls: callsEach,
        concurrency,
        limiter: { store: 'redis', plan },
        redis: { url: redis.url, prefix: 'replicas-restart:' },
        auth: { webhookUrl: emulator.webhookUrl },
      }
      const replicas = Array.from({ length: processes }, (_, index) =>
        startReplica(`caller ${String(index + 1)}`, './caller-child.ts', config),
      )
      let restarted = Promise.resolve()
      const run = runTogether(replicas, {
        // Hanging past three times the physical limit counts as hanging.
        timeoutMs: 3 * physicalLimitMs + 30_000,
        beforeGo: () => {
          restarted = (async () => {
            await sleep(3_000)
            await redis.stop()
            await sleep(1_000)
            await redis.start()
          })()
        },
      })
      const { wallMs, reports } = await run
      await restarted
      const answered = emulator.portal.requests.filter((request) => request.method === 'imbot.bot.list' && request.status === 200).length
      const refused = emulator.portal.requests.filter((request) => request.status === 503).length
      const failed = reports.reduce((sum, report) => sum + Number(report.failed), 0)
      console.info(
        `redis restarted mid-run: ${String(Math.round(wallMs))} ms (physical limit ${String(physicalLimitMs)} ms), ${String(refused)} 503s, ${String(failed)} failed`,
      )
      expect(reports.flatMap((report) => report.errors as string[])).toEqual([])
      expect(failed).toBe(0)
      expect(answered).toBe(processes * callsEach)
      for (const replica of replicas) {
        expect(await replica.exited, replica.output()).toEqual({ code: 0, signal: null })
        // Each replica did lose Redis in the middle of its calls, went on alone, and came back to the shared bucket.
        expect(replica.messages.filter((message) => message.type === 'redis').map((message) => message.state)).toEqual(['away', 'back'])
      }
    },
  )
})
