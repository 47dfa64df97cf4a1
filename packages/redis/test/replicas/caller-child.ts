/*
 * One replica of a bot that calls its portal, in its own process (see replica-process.ts): it makes
 * `calls` unbatched `imbot.bot.list` calls after the parent's `go` (all at once, or `concurrency` at a
 * time), and reports how they went.
 * Its limiter keeps the portal's bucket in Redis, in this process's memory (the control: each replica
 * paces itself alone), or paces nothing; an OAuth replica keeps its token pair in Redis (or, for the
 * control, in its memory). Prints `ready`, then `done` with the counts, then exits; `redis` lines when its limiter store
 * loses Redis (`state: 'away'`) and finds it again (`'back'`).
 */
import { imbot } from '@b24bot/imbot'
import { redisLimiterStore, redisTokenStore } from '@b24bot/redis'
import {
  createClient,
  memoryLimiterStore,
  memoryTokenStore,
  oauth,
  portalLimiter,
  unlimited,
  type Auth,
  type Limiter,
} from '@b24bot/transport'
import { config, describe, go, report } from './child-io.ts'

/** What the parent gives a caller replica. */
export interface CallerConfig {
  /** How many calls it makes. */
  readonly calls: number
  /** How many it keeps going at once. Default: all of them, issued together. */
  readonly concurrency?: number
  /**
   * How it paces: to `plan` (the emulator's bucket, time-scaled), with the bucket kept in Redis (shared by
   * the replicas) or in this process's memory (the control: each replica alone); or not at all.
   */
  readonly limiter: { readonly store: 'redis' | 'memory'; readonly plan: { readonly burst: number; readonly perSecond: number } } | 'none'
  readonly redis: { readonly url: string; readonly prefix: string }
  /** A webhook, or an OAuth pair kept under `key` in Redis (or, for the control, in this process's memory). */
  readonly auth:
    | { readonly webhookUrl: string }
    | {
        readonly portal: string
        readonly tokenUrl: string
        readonly clientId: string
        readonly clientSecret: string
        readonly accessToken: string
        readonly refreshToken: string
        readonly key: string
        readonly store: 'redis' | 'memory'
      }
}

const settings = config() as CallerConfig
const { url, prefix } = settings.redis

function limiterOf(): Limiter {
  const { limiter } = settings
  if (limiter === 'none') return unlimited
  // The store tells when it falls back to this process's share of the bucket (Redis away) and when it is back.
  const logger = {
    warn: (fields: object) => {
      report('redis', { state: 'away', ...fields })
    },
    debug: () => {
      report('redis', { state: 'back' })
    },
  }
  const store = limiter.store === 'redis' ? redisLimiterStore({ url, prefix, logger }) : memoryLimiterStore()
  return portalLimiter({ plan: limiter.plan, store })
}

function authOf(): { readonly webhookUrl: string } | { readonly auth: Auth } {
  const auth = settings.auth
  if ('webhookUrl' in auth) return { webhookUrl: auth.webhookUrl }
  const { key, store, ...pair } = auth
  return { auth: oauth({ ...pair, store: store === 'redis' ? redisTokenStore({ url, prefix, key }) : memoryTokenStore() }) }
}

const api = imbot(createClient({ ...authOf(), limiter: limiterOf(), autoBatch: false }))
report('ready')
await go()

const errors: string[] = []
let issued = 0
/** One of `concurrency` callers in this process: calls until all `calls` were made. */
async function caller(): Promise<void> {
  while (issued < settings.calls) {
    issued += 1
    try {
      await api.bot.list()
    } catch (error) {
      errors.push(describe(error))
    }
  }
}
await Promise.all(Array.from({ length: Math.min(settings.concurrency ?? settings.calls, settings.calls) }, caller))
report('done', { ok: settings.calls - errors.length, failed: errors.length, errors: [...new Set(errors)].slice(0, 5) })
// Open Redis connections would keep the process alive: it is done.
process.exit(0)
