import { randomUUID } from 'node:crypto'
import { memoryLimiterStore, type BucketRule, type LimiterStore, type Logger } from '@b24bot/transport'
import { openConnection, script, type Connection, type RedisStoreOptions, type Script } from './connection.ts'
import { RedisUnavailableError } from './redis-unavailable-error.ts'

/**
 * What {@link redisLimiterStore} takes: where Redis is, and how the store reads time and behaves while Redis is away.
 *
 * @example
 * ```ts
 * import type { RedisLimiterStoreOptions } from '@b24bot/redis'
 *
 * const options: RedisLimiterStoreOptions = { url: process.env.REDIS_URL!, fallbackShare: 1 / 4, logger: console }
 * ```
 */
export type RedisLimiterStoreOptions = RedisStoreOptions & {
  /**
   * Whose clock the buckets are kept on. `'redis'` (the default): the server's (`TIME` inside each script), so replicas
   * whose clocks disagree still agree on every bucket; each call converts between its caller's clock and the server's by
   * the difference measured in that same call. `'caller'`: the times the limiter passes, as they are; for a limiter on a
   * fake clock (tests), or replicas whose clocks are known to agree. Every replica sharing a prefix must use the same.
   */
  readonly clock?: 'redis' | 'caller'
  /**
   * The caller's clock for `hold` and `heldUntil`, which are not given the time, in milliseconds. Give the same
   * function as `portalLimiter({ now })`. Default `Date.now`.
   */
  readonly now?: () => number
  /**
   * While Redis does not answer, this process paces itself to this share of the portal's bucket (burst and rate each
   * multiplied by it; a burst of at least 1), in its own memory, and goes back to the shared bucket once Redis answers.
   * Pick about 1 / (number of replicas). `false`: no fallback, every call fails with a {@link RedisUnavailableError}
   * while Redis is away. Default 1/3.
   */
  readonly fallbackShare?: number | false
  /** Told once per outage when the store falls back to its own share (`warn`), and when Redis answers again (`debug`). */
  readonly logger?: Logger
}

/**
 * A {@link LimiterStore} in Redis, and the way to end its connection.
 *
 * @example
 * ```ts
 * import { redisLimiterStore, type RedisLimiterStore } from '@b24bot/redis'
 *
 * const store: RedisLimiterStore = redisLimiterStore({ url: process.env.REDIS_URL! })
 * process.once('SIGTERM', () => void store.close())
 * ```
 */
export interface RedisLimiterStore extends LimiterStore {
  /** Ends the connection the store opened from `url`; a `client` you gave stays open. */
  close(): Promise<void>
}

/**
 * The common start of every limiter script. Times arrive and leave on the caller's clock (ARGV[2] is the caller's now);
 * they are stored on the server's clock when ARGV[1] is 'redis', shifted by `offset`, the difference between the two
 * clocks measured in this very call. Numbers are stored with 17 significant digits, so they read back exactly.
 */
const prelude = `
local function fmt(n) return string.format('%.17g', n) end
local now = tonumber(ARGV[2])
local offset = 0
if string.sub(ARGV[1], 1, 5) == 'redis' then
  if redis.replicate_commands then redis.replicate_commands() end
  local t = redis.call('TIME')
  offset = (tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000) - now
  -- 'redis:<estimate>': the caller's estimate of the offset, from its quickest recent round trips. The offset just
  -- measured also holds the time the call took to get here (a busy process, a slow network), which would make
  -- every slot early by that much; the smaller of the two is the nearer.
  local estimate = tonumber(string.sub(ARGV[1], 7))
  if estimate and estimate < offset then offset = estimate end
end
`

/**
 * The bucket scripts: the generic cell rate algorithm of `memoryLimiterStore`, line by line, with the same arithmetic
 * in the same order. One hash per key: `empty`, the moment the bucket would be empty, and while the reservation last
 * handed out can be undone, `slot`, `owner` and `before`: its slot as answered (on the caller's clock), the store that
 * answered it, and the "empty at" it found. A slot is matched on the clock of the store that answered it, not
 * converted: the offset measured in two calls differs by their latency, so a converted slot would not compare exactly,
 * and two replicas' clocks may give one number to two slots. The key lapses a second after `empty`: from then on a
 * missing key and the stored hash give the same answers (the slot it could undo has passed).
 */
const bucket = `${prelude}
local burst = tonumber(ARGV[3])
local interval = 1000 / tonumber(ARGV[4])
local fields = redis.call('HMGET', KEYS[1], 'empty', 'slot', 'owner', 'before')
local stored = fields[1]
if stored then stored = tonumber(stored) - offset end
local last = nil
if fields[2] then last = { slot = tonumber(fields[2]), owner = fields[3], before = tonumber(fields[4]) - offset } end
-- Saves "empty at" and, given one, the reservation that can be undone ({ slot, owner, before }); without one, none can.
local function save(empty, undo)
  if undo then
    redis.call('HSET', KEYS[1], 'empty', fmt(empty + offset), 'slot', fmt(undo.slot), 'owner', undo.owner, 'before', fmt(undo.before + offset))
  else
    redis.call('HSET', KEYS[1], 'empty', fmt(empty + offset))
    redis.call('HDEL', KEYS[1], 'slot', 'owner', 'before')
  end
  redis.call('PEXPIRE', KEYS[1], math.max(math.ceil(empty - now), 0) + 1000)
end
`

/** Answers the server's clock, in milliseconds. */
const timeScript: Script = script(
  'limiter_time',
  `local t = redis.call('TIME')
return string.format('%.17g', tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000)`,
  0,
)

/**
 * How far Redis's clock is ahead of this process's, estimated as NTP does: a probe's answer is taken to be read
 * halfway through its round trip, and of the recent probes (a window of about ten seconds, so drift is followed)
 * the one with the quickest round trip is trusted, since a slow one (a busy event loop, a slow network) says least.
 * Probes run in the background, at most once a second; `estimate()` is `undefined` until the first answers.
 */
function clockOffset(connection: Connection, now: () => number): { estimate(): number | undefined } {
  const samples: { readonly offset: number; readonly trip: number; readonly at: number }[] = []
  let probing = false
  let probedAt = Number.NEGATIVE_INFINITY
  const probe = (): void => {
    probing = true
    probedAt = now()
    const sent = now()
    connection
      .eval('limiter.time', timeScript, [], [])
      .then(
        (answer) => {
          const received = now()
          samples.push({ offset: Number(answer) - (sent + received) / 2, trip: received - sent, at: received })
          while (samples.length > 0 && (samples[0]?.at ?? received) < received - 10_000) samples.shift()
        },
        () => undefined,
      )
      .finally(() => {
        probing = false
      })
  }
  return {
    estimate() {
      if (!probing && now() - probedAt >= 1_000) probe()
      let best: { readonly offset: number; readonly trip: number } | undefined
      for (const sample of samples) if (!best || sample.trip < best.trip) best = sample
      return best?.offset
    },
  }
}

/** Takes the next slot: ARGV[5] is the rule's margin, ARGV[6] the store asking. Answers the slot. */
const reserveScript: Script = script(
  'limiter_reserve',
  `${bucket}
local empty = now
if stored then empty = math.max(stored, now) end
-- The portal admits a request when the level it finds, plus one, is at most the burst: when at most burst - 1
-- intervals remain until the bucket is empty. Whole milliseconds, rounded up, as timers wait.
local slot = math.max(now, math.ceil(empty - (burst - 1) * interval + tonumber(ARGV[5])))
save(math.max(empty, slot) + interval, { slot = slot, owner = ARGV[6], before = empty })
return fmt(slot)`,
  1,
)

/** Undoes the reservation last handed out, when it is the slot ARGV[5] that the store ARGV[6] answered and still ahead. */
const releaseScript: Script = script(
  'limiter_release',
  `${bucket}
-- Only the reservation last handed out is undone: the bucket goes back to what it found. An earlier slot stays
-- counted: the bucket may empty between it and a later one, so no earlier "empty at" takes out that slot alone.
local slot = tonumber(ARGV[5])
if slot <= now or not last or last.slot ~= slot or last.owner ~= ARGV[6] then return 0 end
save(last.before, nil)
return 1`,
  1,
)

/** Counts the bucket as full from now; nothing before it can be undone. */
const fillScript: Script = script(
  'limiter_fill',
  `${bucket}
local current = now
if stored then current = stored end
-- An undo would restore an "empty at" from before the refusal: nothing can be undone now.
save(math.max(current, now + burst * interval), nil)
return 1`,
  1,
)

/** Holds the method ARGV[3] until ARGV[4], keeping a hold already reaching further. The hash lapses a second after its furthest hold. */
const holdScript: Script = script(
  'limiter_hold',
  `${prelude}
local current = redis.call('HGET', KEYS[1], ARGV[3])
local held = 0
if current then held = tonumber(current) - offset end
local until_ = math.max(held, tonumber(ARGV[4]))
redis.call('HSET', KEYS[1], ARGV[3], fmt(until_ + offset))
local ttl = math.max(math.ceil(until_ - now), 0) + 1000
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return 1`,
  1,
)

/** The latest hold of the methods ARGV[3..], or 0. */
const heldUntilScript: Script = script(
  'limiter_held_until',
  `${prelude}
local latest = 0
for _, value in ipairs(redis.call('HMGET', KEYS[1], unpack(ARGV, 3))) do
  if value then latest = math.max(latest, tonumber(value) - offset) end
end
return fmt(latest)`,
  1,
)

const clocks: ReadonlySet<string> = new Set(['redis', 'caller'])

/** After a failure, how long the store keeps to its own share before it asks Redis again, in milliseconds. */
const probeInterval = 1_000

function checkShare(share: number | false): number | false {
  if (share !== false && (!Number.isFinite(share) || share <= 0 || share > 1)) {
    throw new RangeError(`redisLimiterStore: fallbackShare must be a number above 0 and at most 1, or false; got ${String(share)}`)
  }
  return share
}

/**
 * A {@link LimiterStore} in Redis: every replica given one (with the same `prefix`) shares each portal's request bucket
 * and method holds, so together they never send more than the portal admits. Give it to `portalLimiter({ store })`,
 * and that limiter to `createClient({ limiter })`.
 *
 * Each of the five operations is one Lua script, atomic across processes, computing exactly what `memoryLimiterStore`
 * computes (the same generic cell rate algorithm: one "empty at" time per portal, the rule's `margin`, slots rounded up
 * to whole milliseconds, `release` undoing exactly the reservation last handed out, when this store answered it and it
 * is still ahead, and leaving any other slot counted). The time is Redis's own (`clock: 'redis'`), so replicas with
 * skewed clocks agree. Keys lapse once they can no longer matter: a bucket a second after it would be empty, holds a
 * second after the furthest one.
 *
 * While Redis does not answer, the store falls back to a bucket in this process's memory with `fallbackShare` (1/3) of
 * the portal's burst and rate, warns once through `logger`, and goes back to Redis when it answers again (it asks again
 * a second after each failure); calls never wait on a Redis that is away.
 *
 * See the package README, "Running several replicas", and docs/decisions/039-redis-shared-state.md.
 *
 * @example
 * ```ts
 * import { createClient, portalLimiter } from '@b24bot/transport'
 * import { redisLimiterStore } from '@b24bot/redis'
 *
 * const store = redisLimiterStore({ url: process.env.REDIS_URL!, logger: console })
 * const client = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL!, limiter: portalLimiter({ store }) }) // one bucket for all replicas
 * ```
 */
export function redisLimiterStore(options: RedisLimiterStoreOptions): RedisLimiterStore {
  const clock = options.clock ?? 'redis'
  if (!clocks.has(clock)) throw new TypeError(`redisLimiterStore: clock must be 'redis' or 'caller'`)
  const share = checkShare(options.fallbackShare ?? 1 / 3)
  const now = options.now ?? Date.now
  const logger = options.logger
  const connection = openConnection(options, 'redisLimiterStore')
  const bucketKey = (key: string): string => connection.key('limiter', key, 'bucket')
  const holdsKey = (key: string): string => connection.key('limiter', key, 'holds')
  /** This store, in the bucket's undo record: only the store that answered a slot can match it on its own clock. */
  const owner = randomUUID()

  /** The fallback: this process's share of each bucket, and every hold this process made (so it outlives an outage). */
  const local = memoryLimiterStore()
  /** The keys paced by the fallback since Redis last answered for them: counted full when it does again. */
  const pacedAlone: Set<string> = new Set()
  /** Per key, the slots the fallback answered that are still ahead: only the fallback can give them back. */
  const localSlots: Map<string, Set<number>> = new Map()
  /** While Redis is away: when to ask it again (`Date.now()` ms). */
  let probeAt: number | undefined

  function shareOf(rule: BucketRule): BucketRule {
    const ratio = share === false ? 1 : share
    return { ...rule, burst: Math.max(1, Math.floor(rule.burst * ratio)), perSecond: rule.perSecond * ratio }
  }

  /** Runs `remote`; when Redis is away (or was a moment ago), runs `fallback` instead, unless there is no fallback. */
  async function withFallback<T>(remote: () => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
    if (share === false) return remote()
    if (probeAt !== undefined && Date.now() < probeAt) return fallback()
    try {
      const answer = await remote()
      if (probeAt !== undefined) {
        probeAt = undefined
        logger?.debug({}, 'Redis answers again: the limiter shares the portal buckets in Redis again')
      }
      return answer
    } catch (error) {
      if (!RedisUnavailableError.isInstance(error)) throw error
      if (probeAt === undefined) {
        logger?.warn(
          { reason: error.reason, operation: error.operation, fallbackShare: share },
          `Redis is unreachable (${error.reason}): until it answers, this process paces itself to ${String(Math.round(share * 1000) / 1000)} of each portal's bucket`,
        )
      }
      probeAt = Date.now() + probeInterval
      return fallback()
    }
  }

  const offsets = clock === 'redis' ? clockOffset(connection, now) : undefined
  /** The clock argument of the scripts: `'caller'`, or `'redis'` with the offset estimate when there is one. */
  const clockArg = (): string => {
    const estimate = offsets?.estimate()
    return estimate === undefined ? clock : `redis:${String(estimate)}`
  }
  const args = (rule: BucketRule, at: number): (string | number)[] => [clockArg(), at, rule.burst, rule.perSecond]

  return {
    reserve(key, rule, at) {
      return withFallback(
        async () => {
          if (pacedAlone.delete(key)) {
            // Back from an outage: what the replicas sent meanwhile is nowhere in Redis (a restarted one is
            // empty), so the bucket is counted full rather than empty: a wait of one burst, not a run of 503s.
            await connection.eval('limiter.fill', fillScript, [bucketKey(key)], args(rule, at))
          }
          return Number(
            await connection.eval('limiter.reserve', reserveScript, [bucketKey(key)], [...args(rule, at), rule.margin ?? 0, owner]),
          )
        },
        async () => {
          pacedAlone.add(key)
          const slot = await local.reserve(key, shareOf(rule), at)
          const slots = localSlots.get(key) ?? new Set<number>()
          for (const old of slots) if (old <= at) slots.delete(old)
          slots.add(slot)
          localSlots.set(key, slots)
          return slot
        },
      )
    },
    async release(key, rule, slot, at) {
      const slots = localSlots.get(key)
      if (slots?.delete(slot)) {
        if (slots.size === 0) localSlots.delete(key)
        await local.release(key, shareOf(rule), slot, at)
        return
      }
      // A slot Redis answered: only Redis can take it back. While it is away the slot stays counted (the slow side).
      await withFallback(
        async () => {
          await connection.eval('limiter.release', releaseScript, [bucketKey(key)], [...args(rule, at), slot, owner])
        },
        () => undefined,
      )
    },
    async fill(key, rule, at) {
      await withFallback(
        async () => {
          await connection.eval('limiter.fill', fillScript, [bucketKey(key)], args(rule, at))
        },
        () => local.fill(key, shareOf(rule), at),
      )
    },
    async hold(key, method, until) {
      await local.hold(key, method, until)
      await withFallback(
        async () => {
          await connection.eval('limiter.hold', holdScript, [holdsKey(key)], [clockArg(), now(), method, until])
        },
        () => undefined,
      )
    },
    async heldUntil(key, methods) {
      if (methods.length === 0) return 0
      return withFallback(
        async () => Number(await connection.eval('limiter.heldUntil', heldUntilScript, [holdsKey(key)], [clockArg(), now(), ...methods])),
        () => local.heldUntil(key, methods),
      )
    },
    close: () => connection.close(),
  }
}
