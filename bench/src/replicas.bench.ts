import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '@b24bot/emulator'
import { expect, it } from 'vitest'
import { record } from './results.ts'

/*
 * E. Replicas (issue 12): 3 processes x 1,000 unbatched `imbot.bot.list` calls, each process an OAuth
 * client whose token pair and portal bucket live in Redis (`redisTokenStore`, `redisLimiterStore`; see
 * replica-caller.mjs), against the emulator's limits in this process. The standard burst (50) with the
 * drain scaled 20x (40 requests a second instead of 2), so that the run takes about 75 s instead of
 * 25 minutes. The physical limit is the time the portal's bucket needs to admit every request,
 * max(0, 3,000 - 50) / 40 = 73.75 s. Goals: wall time <= 1.15x the physical limit, 0 errors; the 503s
 * the portal answered are reported. Needs redis-server on the PATH (skipped with a message without it)
 * and the built packages (`pnpm bench` builds them).
 */

const processes = 3
const callsEach = 1_000
const plan = { burst: 50, perSecond: 40 }
const physicalLimitMs = (Math.max(0, processes * callsEach - plan.burst) / plan.perSecond) * 1000
const rowName = 'E: 3 processes x 1,000 calls, Redis stores'
const hasRedisServer = spawnSync('redis-server', ['--version']).error === undefined
if (!hasRedisServer) {
  console.warn('bench E skipped: redis-server is not on the PATH (apt-get install -y redis-server)')
  record(rowName, { skipped: 'redis-server is not on the PATH' })
}

/**
 * The shape of packages/redis/test/redis-server.ts, the helper the Redis tests start their server with.
 * It lies outside this project's sources, so it is loaded at run time rather than imported.
 */
interface RedisServerHelper {
  readonly startRedisServer: () => Promise<{ readonly url: string; stop(): Promise<void> }>
}

/** What a replica prints when its calls are done. */
interface ReplicaOutcome {
  readonly ok: number
  readonly failed: number
  readonly errors: readonly string[]
}

/** Starts replica-caller.mjs with `config`; `ready` resolves once it is set up, `outcome` once its calls are done. */
function startReplica(config: object) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./replica-caller.mjs', import.meta.url))], {
    env: { ...process.env, REPLICA_CONFIG: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const nextLine = async (): Promise<string> => {
    const line = await lines.next()
    if (line.done) throw new Error(`a replica ended early (exit code ${String(child.exitCode)})`)
    return line.value
  }
  const ready = nextLine()
  return {
    child,
    ready,
    outcome: ready.then(async () => JSON.parse(await nextLine()) as ReplicaOutcome),
  }
}

it.skipIf(!hasRedisServer)(`${rowName}, against the emulator's standard limits (burst 50, drain scaled 20x: 40/s)`, async () => {
  const { startRedisServer } = (await import(
    new URL('../../packages/redis/test/redis-server.ts', import.meta.url).href
  )) as RedisServerHelper
  const redis = await startRedisServer()
  const emulator = await startEmulator({ limits: { requests: { burst: plan.burst, drainPerSecond: plan.perSecond } } })
  const replicas: ReturnType<typeof startReplica>[] = []
  try {
    const app = emulator.portal.addApp()
    const issued = emulator.portal.tokens.issue(app, 1)
    const oauth = {
      portal: emulator.url,
      tokenUrl: `${emulator.url}/oauth/token/`,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
    }
    const config = { calls: callsEach, plan, redisUrl: redis.url, prefix: 'bench-replicas:', tokenKey: 'bench|1', oauth }
    for (let index = 0; index < processes; index += 1) replicas.push(startReplica(config))
    await Promise.all(replicas.map((replica) => replica.ready))

    // From `go` to the last replica's last answer: process start-up is not in it.
    const started = performance.now()
    for (const replica of replicas) replica.child.stdin.write('go\n')
    const outcomes = await Promise.all(replicas.map((replica) => replica.outcome))
    const wallMs = performance.now() - started

    const refused = emulator.portal.requests.filter((request) => request.status === 503).length
    const failed = outcomes.reduce((sum, outcome) => sum + outcome.failed, 0)
    const ratio = wallMs / physicalLimitMs
    record(rowName, {
      limits: 'burst 50, drain 40/s (the standard 2/s x20)',
      wallMs: Math.round(wallMs),
      physicalLimitMs,
      ratio: Number(ratio.toFixed(3)),
      refused503: refused,
      failed,
      ...(failed > 0
        ? {
            errors: outcomes
              .flatMap((outcome) => outcome.errors)
              .slice(0, 3)
              .join('; '),
          }
        : {}),
      target: '<= 1.15x the physical limit, 0 errors',
    })
    expect(failed).toBe(0)
    expect(ratio).toBeLessThanOrEqual(1.15)
  } finally {
    const running = replicas.filter((replica) => replica.child.exitCode === null && replica.child.signalCode === null)
    for (const replica of running) replica.child.kill('SIGKILL')
    await Promise.all(running.map((replica) => once(replica.child, 'exit')))
    await emulator.close()
    await redis.stop()
  }
})
