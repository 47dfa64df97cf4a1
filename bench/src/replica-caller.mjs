// One replica of a bot in its own process, for bench E (replicas.bench.ts): an OAuth client whose token
// pair and whose portal bucket live in Redis (`redisTokenStore`, `redisLimiterStore`), as every replica of
// a real deployment has. Needs the built packages (`pnpm bench` builds them first). Settings come as JSON
// in REPLICA_CONFIG; prints `ready`, makes its calls (all at once, unbatched) when it reads `go` on stdin,
// prints one JSON line with the outcome, and exits.
import process from 'node:process'
import { createInterface } from 'node:readline'
import { imbot } from '@b24bot/imbot'
import { redisLimiterStore, redisTokenStore } from '@b24bot/redis'
import { createClient, oauth, portalLimiter } from '@b24bot/transport'

const { calls, plan, redisUrl, prefix, tokenKey, oauth: pair } = JSON.parse(process.env.REPLICA_CONFIG ?? '{}')
const limiter = portalLimiter({ plan, store: redisLimiterStore({ url: redisUrl, prefix }) })
const auth = oauth({ ...pair, store: redisTokenStore({ url: redisUrl, prefix, key: tokenKey }) })
const api = imbot(createClient({ auth, limiter, autoBatch: false }))

process.stdout.write('ready\n')
await new Promise((resolve) => createInterface({ input: process.stdin }).once('line', resolve))

const outcomes = await Promise.allSettled(Array.from({ length: calls }, () => api.bot.list()))
const errors = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => String(outcome.reason))
process.stdout.write(`${JSON.stringify({ ok: calls - errors.length, failed: errors.length, errors: [...new Set(errors)].slice(0, 3) })}\n`)
process.exit(0)
