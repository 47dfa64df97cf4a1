import { B24Error } from '@b24bot/core'
import type { Tokens, TokenStore } from '@b24bot/transport'
import { delay, openConnection, script, type Connection, type RedisStoreOptions, type Script } from './connection.ts'
import { checkTtl, newHolder, tryLock, unlock } from './lock.ts'
import { RedisUnavailableError } from './redis-unavailable-error.ts'

/**
 * What {@link redisTokenStore} takes: where Redis is, whose pair it keeps, and how long a renewal may hold the lock.
 *
 * @example
 * ```ts
 * import type { RedisTokenStoreOptions } from '@b24bot/redis'
 *
 * declare const memberId: string, userId: number // the portal's member_id and the user the tokens are for
 * const options: RedisTokenStoreOptions = { url: process.env.REDIS_URL!, key: `${memberId}:${userId}` }
 * ```
 */
export type RedisTokenStoreOptions = RedisStoreOptions & {
  /**
   * Whose pair this is: one portal and one user, e.g. `${memberId}:${userId}`. The pair is kept as JSON under
   * `${prefix}tokens:{${key}}`. Never put a token in it: keys are not secret.
   */
  readonly key: string
  /**
   * How long one renewal may hold the lock, in milliseconds: longer than a token request can take (the client's
   * timeout and retries). A holder that dies frees it after this long. Default 30 000.
   */
  readonly lockTtl?: number
}

/**
 * A {@link TokenStore} in Redis with `renew`, and the way to end its connection.
 *
 * @example
 * ```ts
 * import { redisTokenStore, type RedisTokenStore } from '@b24bot/redis'
 *
 * declare const memberId: string // the portal's member_id
 * const store: RedisTokenStore = redisTokenStore({ url: process.env.REDIS_URL!, key: memberId })
 * const pair = await store.get()
 * ```
 */
export interface RedisTokenStore extends TokenStore {
  /**
   * Renews the pair whose access token `expired` the portal refused, once for every process sharing the key: see
   * {@link redisTokenStore}.
   */
  renew(expired: string, refresh: (stored: Tokens | undefined) => Promise<Tokens>, signal: AbortSignal): Promise<Tokens>
  /** Ends the connection the store opened from `url`; a `client` you gave stays open. */
  close(): Promise<void>
}

/**
 * Stores the renewed pair ARGV[3] when this holder (ARGV[1]) still holds the lock KEYS[1], or, failing that, when the
 * stored pair is still the one that was renewed (its access token is ARGV[2]) or nothing is stored (Redis lost it):
 * the old refresh token is spent, so the new pair must not be lost. Answers 1 or 2 when it stored the pair, 0 when
 * another pair was stored meanwhile (that one stays).
 */
const storeRenewed: Script = script(
  'tokens_store_renewed',
  `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[2], ARGV[3])
  return 1
end
local current = redis.call('GET', KEYS[2])
local renewed = not current
if current then
  local ok, pair = pcall(cjson.decode, current)
  renewed = ok and type(pair) == 'table' and pair.accessToken == ARGV[2]
end
if renewed then
  redis.call('SET', KEYS[2], ARGV[3])
  return 2
end
return 0`,
  2,
)

/** How long a renewal waits between two looks at the lock and the stored pair: 25 to 50 ms. */
const pollDelay = (): number => 25 + Math.random() * 25

function isTokens(value: unknown): value is Tokens {
  if (typeof value !== 'object' || value === null) return false
  const pair = value as Record<string, unknown>
  return (
    typeof pair.accessToken === 'string' &&
    typeof pair.refreshToken === 'string' &&
    (pair.expires === undefined || typeof pair.expires === 'number')
  )
}

/** `work`'s outcome, or `signal`'s reason once it aborts first; `work` goes on either way. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(signal.reason as Error)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    work
      .then(resolve, reject)
      .finally(() => {
        signal.removeEventListener('abort', onAbort)
      })
      .catch(() => undefined)
  })
}

/**
 * A {@link TokenStore} in Redis for one portal and user: every replica given the same `key` (and `prefix`) shares the
 * pair, and renews it once for all of them. Give it to `oauth({ store })`.
 *
 * `renew(expired, refresh, signal)` takes a lock (`SET lock holder NX PX lockTtl`), reads the stored pair again, and
 * returns it when its access token is no longer `expired` (another replica renewed it); otherwise it runs `refresh` with
 * it and stores the new pair. Callers meanwhile, in any process, look at the stored pair every 25 to 50 ms and return
 * as soon as it is renewed, or take the lock once it is free (a holder that died frees it after `lockTtl`) and look
 * again before refreshing: `refresh` never runs twice for one stored pair. When `refresh` throws, nothing is stored and
 * the error reaches that caller; the next may try again. A caller whose `signal` aborts gets its reason at once (a
 * refresh it started still completes and is stored: its refresh token is spent).
 *
 * The new pair is written by a Lua script that checks the lock is still this holder's (fencing). When it lapsed (the
 * refresh took longer than `lockTtl`), the pair is still written while the stored pair is the one renewed, because
 * the old refresh token is spent; when another pair was stored meanwhile, that one is kept and returned. When Redis
 * fails at that moment, the caller still gets the new pair, and the store writes it at its next call.
 *
 * See the package README, "Running several replicas", and docs/decisions/039-redis-shared-state.md.
 *
 * @example
 * ```ts
 * import { createClient, oauth, type Tokens } from '@b24bot/transport'
 * import { redisTokenStore } from '@b24bot/redis'
 *
 * declare const memberId: string, userId: number // the portal's member_id and the user the tokens are for
 * declare const saved: Tokens // the pair stored at install
 * const store = redisTokenStore({ url: process.env.REDIS_URL!, key: `${memberId}:${userId}` })
 * const client = createClient({
 *   auth: oauth({
 *     portal: 'https://example.bitrix24.com',
 *     clientId: process.env.B24_CLIENT_ID!,
 *     clientSecret: process.env.B24_CLIENT_SECRET!,
 *     ...saved,
 *     store,
 *   }),
 * })
 * ```
 */
export function redisTokenStore(options: RedisTokenStoreOptions): RedisTokenStore {
  if (typeof options.key !== 'string') throw new TypeError('redisTokenStore: key must be a string that names a portal and user')
  const lockTtl = checkTtl('redisTokenStore: lockTtl', options.lockTtl ?? 30_000)
  const connection: Connection = openConnection(options, 'redisTokenStore')
  const tokensKey = connection.key('tokens', options.key)
  const lockKey = connection.key('tokens', options.key, 'lock')
  /** A renewed pair Redis failed to take: written at the next call, unless another pair was stored meanwhile. */
  let unsaved: { readonly expired: string; readonly json: string } | undefined

  async function read(operation: string, signal?: AbortSignal): Promise<Tokens | undefined> {
    const raw = await connection.run(operation, (redis) => redis.get(tokensKey), signal)
    if (raw === null) return undefined
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      value = undefined
    }
    if (!isTokens(value))
      throw new B24Error(`The value under the token store's key is not a token pair (${operation})`, {
        hint: 'Store pairs through the store (set), or delete the key.',
      })
    return value
  }

  /** Stores the renewed pair, fenced (see `storeRenewed`): 0 when another pair was stored meanwhile. */
  async function storeFenced(operation: string, holder: string, pending: NonNullable<typeof unsaved>): Promise<number> {
    return Number(await connection.eval(operation, storeRenewed, [lockKey, tokensKey], [holder, pending.expired, pending.json]))
  }

  /** Writes a renewed pair Redis missed, if any. A Redis still away keeps it for the next call. */
  async function saveUnsaved(operation: string): Promise<void> {
    const pending = unsaved
    if (pending === undefined) return
    try {
      await storeFenced(operation, '', pending)
      if (unsaved === pending) unsaved = undefined
    } catch (error) {
      if (!RedisUnavailableError.isInstance(error)) throw error
    }
  }

  async function renewHolding(holder: string, expired: string, refresh: (stored: Tokens | undefined) => Promise<Tokens>): Promise<Tokens> {
    try {
      // Renewed between the last look and taking the lock: nothing to do.
      const stored = await read('tokens.renew')
      if (stored !== undefined && stored.accessToken !== expired) return stored
      const pair = await refresh(stored)
      const pending = { expired, json: JSON.stringify(pair) }
      try {
        if ((await storeFenced('tokens.renew', holder, pending)) === 0) return (await read('tokens.renew')) ?? pair
      } catch (error) {
        if (!RedisUnavailableError.isInstance(error)) throw error
        unsaved = pending
      }
      return pair
    } finally {
      // A lock not let go (Redis away) lapses after lockTtl.
      await unlock(connection, 'tokens.renew', lockKey, holder).catch(() => undefined)
    }
  }

  async function renewing(expired: string, refresh: (stored: Tokens | undefined) => Promise<Tokens>, signal: AbortSignal): Promise<Tokens> {
    await saveUnsaved('tokens.renew')
    for (;;) {
      // A caller that stopped waiting takes no lock and runs no refresh.
      signal.throwIfAborted()
      const stored = await read('tokens.renew', signal)
      if (stored !== undefined && stored.accessToken !== expired) return stored
      const holder = newHolder()
      // Not cut short by the signal: a lock taken by a command whose answer nobody read would stay taken for lockTtl.
      if (await tryLock(connection, 'tokens.renew', lockKey, holder, lockTtl)) {
        if (signal.aborted) {
          await unlock(connection, 'tokens.renew', lockKey, holder).catch(() => undefined)
          signal.throwIfAborted()
        }
        return renewHolding(holder, expired, refresh)
      }
      await delay(pollDelay(), signal)
    }
  }

  return {
    async get() {
      await saveUnsaved('tokens.get')
      return read('tokens.get')
    },
    async set(tokens) {
      unsaved = undefined
      const json = JSON.stringify(tokens)
      await connection.run('tokens.set', (redis) => redis.set(tokensKey, json))
    },
    renew(expired, refresh, signal) {
      if (signal.aborted) return Promise.reject(signal.reason as Error)
      return untilAborted(renewing(expired, refresh, signal), signal)
    },
    close: () => connection.close(),
  }
}
