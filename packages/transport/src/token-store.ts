/**
 * An OAuth token pair, as {@link oauth} keeps it. Both tokens are secrets: store them as such.
 *
 * @example
 * ```ts
 * const tokens: Tokens = { accessToken: install.access_token, refreshToken: install.refresh_token }
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
 * `set` is called after every refresh, before any call goes on with the new pair. `get` is read
 * before the first call and before every refresh, to pick up a pair another process refreshed.
 *
 * @example
 * ```ts
 * const store: TokenStore = {
 *   get: async () => JSON.parse((await redis.get(`b24:${memberId}`)) ?? 'null') ?? undefined,
 *   set: async (tokens) => { await redis.set(`b24:${memberId}`, JSON.stringify(tokens)) },
 * }
 * ```
 */
export interface TokenStore {
  /** The current pair, or `undefined` when none was stored yet. */
  get(): Promise<Tokens | undefined>
  /** Replaces the pair. */
  set(tokens: Tokens): Promise<void>
}

/**
 * A {@link TokenStore} in memory: for tests, and for one process that needs no persistence.
 *
 * @example
 * ```ts
 * const store = memoryTokenStore({ accessToken, refreshToken })
 * const auth = oauth({ portal, accessToken, refreshToken, clientId, clientSecret, store })
 * ```
 */
export function memoryTokenStore(initial?: Tokens): TokenStore {
  let current = initial
  return {
    get: () => Promise.resolve(current),
    set: (tokens) => {
      current = tokens
      return Promise.resolve()
    },
  }
}
