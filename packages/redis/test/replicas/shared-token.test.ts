import { ACCESS_TOKEN_SECONDS, startEmulator, type Emulator, type PortalApp } from '@b24bot/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { hasRedisServer, startRedisServer, type RedisServer } from '../redis-server.ts'
import type { CallerConfig } from './caller-child.ts'
import { runTogether, startReplica, stopReplicas } from './replica-process.ts'

/*
 * Issue 12, figure 2: three replicas of an OAuth app, each in its own process, hold the same token pair
 * and meet its expiry at the same moment. With `redisTokenStore({ key })` the pair is renewed once for
 * all of them: one request to the token endpoint, and every call goes on with the new pair. The portal
 * (the emulator, in this process) has no request limits here, and the replicas do not pace: the figure
 * is about the refresh.
 */

const processes = 3
const callsEach = 30

describe.skipIf(!hasRedisServer())('replicas sharing redisTokenStore({ key })', () => {
  let redis: RedisServer
  let emulator: Emulator
  let app: PortalApp

  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterAll(async () => {
    await redis.stop()
  })
  beforeEach(async () => {
    emulator = await startEmulator()
    app = emulator.portal.addApp()
  })
  afterEach(async () => {
    await stopReplicas()
    await emulator.close()
  })

  /** Starts the replicas with one fresh pair, lets its access token expire once all are ready, and runs their calls. */
  async function run(store: 'redis' | 'memory', key: string) {
    const issued = emulator.portal.tokens.issue(app, 1)
    const auth = {
      portal: emulator.url,
      tokenUrl: `${emulator.url}/oauth/token/`,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
      key,
      store,
    }
    const config: CallerConfig = { calls: callsEach, limiter: 'none', redis: { url: redis.url, prefix: 'replicas-token:' }, auth }
    const replicas = Array.from({ length: processes }, (_, index) =>
      startReplica(`oauth caller ${String(index + 1)}`, './caller-child.ts', config),
    )
    const { reports } = await runTogether(replicas, {
      timeoutMs: 60_000,
      // The portal's clock passes the hour: every call made after `go` meets 401 expired_token first.
      beforeGo: () => {
        emulator.portal.clock.advance((ACCESS_TOKEN_SECONDS + 60) * 1000)
      },
    })
    const requests = emulator.portal.requests.filter((request) => request.method === 'imbot.bot.list')
    return {
      tokenRequests: emulator.portal.tokenRequests.map((request) => request.status),
      expired: requests.filter((request) => request.status === 401).length,
      answered: requests.filter((request) => request.status === 200).length,
      failed: reports.reduce((sum, report) => sum + Number(report.failed), 0),
      errors: reports.flatMap((report) => report.errors as string[]),
    }
  }

  it(
    `${String(processes)} processes x ${String(callsEach)} concurrent calls after the access token expired: exactly 1 token request, 0 failed calls`,
    { timeout: 120_000 },
    async () => {
      const shared = await run('redis', 'portal-1|user-1')
      console.info(
        `shared pair: ${String(shared.tokenRequests.length)} token request(s), ${String(shared.expired)} calls met expired_token, ${String(shared.failed)} failed`,
      )
      expect(shared.errors).toEqual([])
      expect(shared.failed).toBe(0)
      expect(shared.tokenRequests).toEqual([200])
      // Every replica met the expiry (at least one 401 each), and every call was answered with the new pair.
      expect(shared.expired).toBeGreaterThanOrEqual(processes)
      expect(shared.answered).toBe(processes * callsEach)
    },
  )

  it(
    'the control: each process with its own store refreshes alone, so the same refresh token goes out more than once',
    { timeout: 120_000 },
    async () => {
      const alone = await run('memory', 'unused')
      console.info(
        `own pairs: ${String(alone.tokenRequests.length)} token requests (${alone.tokenRequests.join(', ')}), ${String(alone.failed)} failed`,
      )
      expect(alone.tokenRequests.length).toBeGreaterThan(1)
    },
  )
})
