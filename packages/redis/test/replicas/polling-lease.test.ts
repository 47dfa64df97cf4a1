import { setTimeout as sleep } from 'node:timers/promises'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import { botIdentity, imbot } from '@b24bot/imbot'
import { createClient, unlimited } from '@b24bot/transport'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { hasRedisServer, startRedisServer, type RedisServer } from '../redis-server.ts'
import type { PollerConfig } from './poller-child.ts'
import { startReplica, stopReplicas, type Replica } from './replica-process.ts'

/*
 * Issue 12, figure 3: two polling replicas of one v2 fetch-mode bot, each in its own process, share
 * `redisOffsetStore`: one holds the lease and polls, the other waits. Users keep writing; the lease
 * holder is SIGKILLed twice (it cannot let go), and a fresh replica is started after each kill. The
 * lease (1 500 ms here, 15 s by default) lapses and a waiting replica takes over from the last committed
 * offset: every message is handled, and a kill costs at most one message handled twice (the one whose
 * handler finished when the process died, before its offset was saved).
 */

const messages = 300
const leaseTtl = 1_500

describe.skipIf(!hasRedisServer())('polling replicas sharing redisOffsetStore', () => {
  let redis: RedisServer
  let emulator: Emulator

  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterAll(async () => {
    await redis.stop()
  })
  beforeEach(async () => {
    emulator = await startEmulator()
  })
  afterEach(async () => {
    await stopReplicas()
    await emulator.close()
  })

  it(
    `2 replicas, the lease holder (leaseTtl ${String(leaseTtl)} ms) SIGKILLed twice and replaced: all ${String(messages)} messages handled, at most one duplicate per kill`,
    { timeout: 180_000 },
    async () => {
      const botToken = 'token-replicated'
      const owner = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ botToken })], limiter: unlimited })
      const { bot } = await imbot(owner).v2.Bot.register({
        fields: { code: 'replicated', botToken, eventMode: 'fetch', properties: { name: 'Replicated' } },
      })
      const alice = emulator.portal.createUser({ name: 'Alice' })
      const config: PollerConfig = {
        webhookUrl: emulator.webhookUrl,
        botToken,
        botId: bot.id,
        leaseTtl,
        handlerDelay: 2,
        redis: { url: redis.url, prefix: 'replicas-polling:' },
      }

      const replicas: Replica[] = []
      const startPoller = (): void => {
        replicas.push(startReplica(`poller ${String(replicas.length + 1)}`, './poller-child.ts', config))
      }
      const handledBy = (replica: Replica) => replica.messages.filter((message) => message.type === 'handled')
      const handled = () => replicas.flatMap(handledBy)
      const distinct = () => new Set(handled().map((message) => message.text)).size
      /** The live replica that handled the latest event: the lease holder. */
      const holder = (): Replica => {
        const latest = (replica: Replica) => Math.max(-1, ...handledBy(replica).map((message) => Number(message.eventId)))
        const live = replicas.filter((replica) => replica.child.exitCode === null && replica.child.signalCode === null)
        return live.reduce((best, replica) => (latest(replica) > latest(best) ? replica : best))
      }
      const killHolderAfter = async (count: number): Promise<Replica> => {
        await vi.waitFor(
          () => {
            expect(distinct()).toBeGreaterThanOrEqual(count)
          },
          { timeout: 60_000, interval: 5 },
        )
        const victim = holder()
        victim.child.kill('SIGKILL')
        expect(await victim.exited).toMatchObject({ signal: 'SIGKILL' })
        startPoller()
        return victim
      }

      startPoller()
      startPoller()
      // The users write over about 6 s, while the replicas poll, die and take over.
      const posting = (async () => {
        for (let index = 0; index < messages; index += 1) {
          emulator.portal.as(alice.id).send(String(bot.id), `message ${String(index)}`)
          await sleep(20)
        }
      })()
      const first = await killHolderAfter(80)
      const second = await killHolderAfter(180)
      await posting
      await vi.waitFor(
        () => {
          expect(distinct()).toBe(messages)
        },
        { timeout: 60_000, interval: 10 },
      )

      const all = handled()
      const duplicates = all.length - distinct()
      console.info(
        `polling replicas: ${String(all.length)} handlings of ${String(messages)} messages, ${String(duplicates)} duplicate(s); killed ${first.name} after ${String(handledBy(first).length)} and ${second.name} after ${String(handledBy(second).length)}`,
      )
      expect(new Set(all.map((message) => message.text))).toEqual(
        new Set(Array.from({ length: messages }, (_, index) => `message ${String(index)}`)),
      )
      expect(duplicates).toBeLessThanOrEqual(2)
      // One poller at a time: in queue order, the events pass from one replica to the next at each kill, and
      // otherwise only when a lease lapsed (a renewal late by more than the ttl on a busy machine): then the
      // other replica takes over from the committed offset, which the duplicate bound above keeps honest.
      const byEvent = replicas.flatMap((replica) =>
        handledBy(replica).map((message) => ({ eventId: Number(message.eventId), replica: replica.name })),
      )
      byEvent.sort((a, b) => a.eventId - b.eventId)
      const handOvers = byEvent.filter((entry, index) => index > 0 && entry.replica !== byEvent[index - 1]!.replica).length
      expect(handOvers).toBeGreaterThanOrEqual(2)
      // Each kill hit the replica that was polling, and another one took over after it.
      expect(first).not.toBe(second)
      expect(handledBy(first).length).toBeGreaterThan(0)
      expect(handledBy(second).length).toBeGreaterThan(0)

      // The survivors (the last one may still be starting) stop on SIGTERM, letting go of the lease.
      const survivors = replicas.filter((replica) => replica !== first && replica !== second)
      await Promise.all(survivors.map((replica) => replica.next((message) => message.type === 'started', 60_000)))
      for (const replica of survivors) replica.child.kill('SIGTERM')
      for (const replica of survivors) expect(await replica.exited, replica.output()).toEqual({ code: 0, signal: null })
    },
  )
})
