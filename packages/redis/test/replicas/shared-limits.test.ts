import { startEmulator, type Emulator } from '@b24bot/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { hasRedisServer, startRedisServer, type RedisServer } from '../redis-server.ts'
import type { CallerConfig } from './caller-child.ts'
import { runTogether, startReplica, stopReplicas } from './replica-process.ts'

/*
 * Issue 12, figure 1: three replicas of a bot, each in its own process, call one portal and share its
 * request bucket through `redisLimiterStore`. The portal is the emulator with the standard plan's
 * limits, time-scaled so that CI stays fast: the standard burst (50) with the drain 10x faster (20
 * requests a second instead of 2); the replicas' limiters pace to the same numbers. The physical limit
 * is the time the portal's bucket needs to admit every request: max(0, N - 50) / 20 seconds.
 */

const plan = { burst: 50, perSecond: 20 }
const processes = 3
const callsEach = 150
const total = processes * callsEach
/** How long the portal's bucket needs to admit `total` requests, in milliseconds. */
const physicalLimitMs = (Math.max(0, total - plan.burst) / plan.perSecond) * 1000

describe.skipIf(!hasRedisServer())('replicas sharing redisLimiterStore (standard burst 50, drain scaled 10x: 20/s)', () => {
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

  /** Runs the replicas, each making `callsEach` unbatched calls at once, and reads what the portal saw. */
  async function run(store: 'redis' | 'memory', prefix: string) {
    const config: CallerConfig = {
      calls: callsEach,
      limiter: { store, plan },
      redis: { url: redis.url, prefix },
      auth: { webhookUrl: emulator.webhookUrl },
    }
    const replicas = Array.from({ length: processes }, (_, index) =>
      startReplica(`caller ${String(index + 1)}`, './caller-child.ts', config),
    )
    const { wallMs, reports } = await runTogether(replicas, { timeoutMs: 300_000 })
    const requests = emulator.portal.requests.filter((request) => request.method === 'imbot.bot.list')
    const refused = requests.filter(
      (request) => request.status === 503 && (request.response as { error?: string }).error === 'QUERY_LIMIT_EXCEEDED',
    ).length
    const answered = requests.filter((request) => request.status === 200).length
    const failed = reports.reduce((sum, report) => sum + Number(report.failed), 0)
    const errors = reports.flatMap((report) => report.errors as string[])
    return { wallMs, ratio: wallMs / physicalLimitMs, refused, answered, failed, errors }
  }

  it(
    `${String(processes)} processes x ${String(callsEach)} unbatched calls: no error, at most 5 503s at the portal, wall <= 1.15x the physical limit`,
    { timeout: 180_000 },
    async () => {
      const shared = await run('redis', 'replicas-limits-shared:')
      console.info(
        `shared bucket: ${String(Math.round(shared.wallMs))} ms (physical limit ${String(physicalLimitMs)} ms, ${shared.ratio.toFixed(3)}x), ${String(shared.refused)} 503s, ${String(shared.failed)} failed`,
      )
      expect(shared.errors).toEqual([])
      expect(shared.failed).toBe(0)
      expect(shared.answered).toBe(total)
      expect(shared.refused).toBeLessThanOrEqual(5)
      expect(shared.wallMs).toBeLessThanOrEqual(1.15 * physicalLimitMs)
    },
  )

  it(
    `the control: the same ${String(processes)} processes, each with its own bucket, meet the portal's refusals (many 503s) or fail`,
    { timeout: 300_000 },
    async () => {
      const alone = await run('memory', 'replicas-limits-alone:')
      console.info(
        `own buckets: ${String(Math.round(alone.wallMs))} ms (${alone.ratio.toFixed(3)}x), ${String(alone.refused)} 503s, ${String(alone.failed)} failed`,
      )
      // Each replica takes the whole burst for itself: 150 requests arrive at once, the portal admits 50
      // (a few more drain while they arrive), and every replica goes on at the full drain rate.
      expect(alone.refused).toBeGreaterThan(10 * 5)
    },
  )
})
