/**
 * An OAuth token pair, as {@link oauth} keeps it. Both tokens are secrets: store them as such.
 *
 * @example
 * ```ts
 * import type { Tokens } from '@b24bot/transport'
 *
 * const auth = event.auth
 * if (event.event === 'ONAPPINSTALL' && auth?.access_token && auth.refresh_token) {
 *   const tokens: Tokens = { accessToken: auth.access_token, refreshToken: auth.refresh_token }
 * }
 * ```
 */
export interface Tokens {
  /** Authorizes REST calls for an hour. */
  readonly accessToken: string
  /** Gets the next pair, once: a refresh token works a single time. */
  readonly refreshToken: string
  /** When the access token expires, in Unix seconds, when known (the token endpoint's `expires`). */
  readonly expires?: number
}

/**
 * Where {@link oauth} keeps the current token pair, so that it outlives the process and is shared
 * by every process that calls the same portal as the same user. One store holds one pair: give each
 * portal (and user) its own store, keyed however your storage keys things.
 *
 * `get` is read before the first call. Without `renew`, it is read again before every refresh, to
 * pick up a pair another process refreshed, and `set` is called after every refresh, before any call
 * goes on with the new pair: the refresh happens once per process, and two processes that meet the
 * same expiry both send the same refresh token (the second is refused with `invalid_grant`). With
 * `renew`, every refresh goes through it, once for all the processes that share the store.
 *
 * @example
 * ```ts
 * import type { Tokens, TokenStore } from '@b24bot/transport'
 *
 * // Any key-value store: here a Redis client (node-redis or ioredis) and the portal's member_id.
 * declare const redis: { get(key: string): Promise<string | null>; set(key: string, value: string): Promise<unknown> }
 * declare const memberId: string
 *
 * const store: TokenStore = {
 *   get: async () => (JSON.parse((await redis.get(`b24:${memberId}`)) ?? 'null') as Tokens | null) ?? undefined,
 *   set: async (tokens) => {
 *     await redis.set(`b24:${memberId}`, JSON.stringify(tokens))
 *   },
 * }
 * ```
 */
export interface TokenStore {
  /** The current pair, or `undefined` when none was stored yet. */
  get(): Promise<Tokens | undefined>
  /** Replaces the pair. */
  set(tokens: Tokens): Promise<void>
  /**
   * Optional. Renews the pair whose access token `expired` the portal refused, once for everything that shares this store
   * (this process and others): the first caller runs `refresh` with the stored pair (`undefined` when nothing is stored yet)
   * and stores the pair it returns; callers that come while that runs, here or elsewhere, wait for it and get the new pair;
   * a caller that finds the stored pair already renewed (its access token is not `expired`) gets it without refreshing.
   * `refresh` is never run twice for one stored pair. When `refresh` throws, nothing is stored, the error reaches that
   * caller, and the next caller may try again. Waiting ends with `signal`'s reason when it aborts.
   * Without `renew`, the client refreshes once per process.
   *
   * @example
   * ```ts
   * import type { Tokens, TokenStore } from '@b24bot/transport'
   *
   * // A lock held across processes (here a database row lock), around a read, a refresh and a write.
   * interface Transaction {
   *   selectForUpdate(key: string, options: { signal: AbortSignal }): Promise<Tokens | undefined>
   *   write(key: string, tokens: Tokens): Promise<void>
   * }
   * declare const db: { transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> }
   * declare const memberId: string
   * declare const plain: TokenStore // its get and set
   *
   * const store: TokenStore = {
   *   get: plain.get,
   *   set: plain.set,
   *   renew: (expired, refresh, signal) =>
   *     db.transaction(async (tx) => {
   *       const stored = await tx.selectForUpdate(`b24:${memberId}`, { signal })
   *       if (stored && stored.accessToken !== expired) return stored
   *       const pair = await refresh(stored)
   *       await tx.write(`b24:${memberId}`, pair)
   *       return pair
   *     }),
   * }
   * ```
   */
  renew?(expired: string, refresh: (stored: Tokens | undefined) => Promise<Tokens>, signal: AbortSignal): Promise<Tokens>
}

/**
 * A {@link TokenStore} in memory: for tests, and for one process that needs no persistence. Its
 * `renew` is a lock in the process (a promise chain): concurrent renewals run one after another, so
 * every client that shares the store (several `oauth()` for one portal and user) refreshes once
 * per expiry. A renewal waiting in line ends with its signal's reason when the signal aborts, and
 * then never runs its `refresh`.
 *
 * @example
 * ```ts
 * import { memoryTokenStore, oauth, type Tokens } from '@b24bot/transport'
 *
 * declare const saved: Tokens // the pair stored at install
 * const store = memoryTokenStore(saved)
 * const auth = oauth({
 *   portal: 'https://example.bitrix24.com',
 *   ...saved,
 *   clientId: process.env.B24_CLIENT_ID!,
 *   clientSecret: process.env.B24_CLIENT_SECRET!,
 *   store,
 * })
 * ```
 */
export function memoryTokenStore(initial?: Tokens): TokenStore {
  let current = initial
  /** The last renewal in line, settled or not: the next one starts once it has settled. */
  let line: Promise<unknown> = Promise.resolve()
  return {
    get: () => Promise.resolve(current),
    set: (tokens) => {
      current = tokens
      return Promise.resolve()
    },
    renew: (expired, refresh, signal) => {
      if (signal.aborted) return Promise.reject(reasonOf(signal))
      const turn = line.then(async () => {
        // Its caller stopped waiting: nobody would get the pair, so it refreshes nothing.
        if (signal.aborted) throw reasonOf(signal)
        if (current !== undefined && current.accessToken !== expired) return current
        const pair = await refresh(current)
        current = pair
        return pair
      })
      line = turn.catch(() => undefined)
      return untilAborted(turn, signal)
    },
  }
}

/** What an aborted `signal` ends a wait with: its reason. */
function reasonOf(signal: AbortSignal): Error {
  return signal.reason as Error
}

/** `work`'s outcome, or `signal`'s reason once it aborts first; `work` goes on either way. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(reasonOf(signal))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    void work.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', onAbort)
    })
  })
}
