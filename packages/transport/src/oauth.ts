import { ApiError, B24Error, errorEnvelopeSchema, HttpError, NetworkError, ResponseShapeError, TimeoutError, toIssues } from '@b24bot/core'
import * as v from 'valibot'
import type { Auth, AuthorizedRequest } from './auth.ts'
import { createRedactor, type Redactor } from './redactor.ts'
import type { Tokens, TokenStore } from './token-store.ts'

/** Where Bitrix24 refreshes OAuth tokens, for every portal (imbot.md §8.2). */
export const defaultTokenUrl = 'https://oauth.bitrix.info/oauth/token/'
/** The name errors of a refresh carry in place of a method. */
const tokenEndpoint = 'oauth/token'
/** How long a refresh may take before it counts as failed. */
const refreshTimeout = 30_000

/** What {@link oauth} takes: the portal, the current token pair, and the app that owns it. */
export interface OAuthOptions {
  /** The portal: its URL or origin (`https://example.bitrix24.com`), or its bare domain. Calls go to `{origin}/rest/{method}`. */
  readonly portal: string | URL
  /** The current access token. With a `store` that holds a pair, the stored one is used instead. */
  readonly accessToken: string
  /** The current refresh token. With a `store` that holds a pair, the stored one is used instead. */
  readonly refreshToken: string
  /** The app's `client_id`, sent only to the token endpoint. */
  readonly clientId: string
  /** The app's `client_secret`, sent only to the token endpoint, never to the portal. */
  readonly clientSecret: string
  /** The token endpoint. Default `https://oauth.bitrix.info/oauth/token/`. */
  readonly tokenUrl?: string | URL
  /** Called with each new pair after a refresh, once the `store` has it. */
  readonly onTokens?: (tokens: Tokens) => void | Promise<void>
  /** Keeps the pair across processes: read before the first call and before each refresh, written after it. */
  readonly store?: TokenStore
  /** The `fetch` the token endpoint is called with. Default: the global one. */
  readonly fetch?: typeof globalThis.fetch
}

/** How a token auth renews its pair; absent when it cannot. */
export interface RefreshSettings {
  readonly clientId: string
  readonly clientSecret: string
  readonly tokenUrl: string
  readonly onTokens: ((tokens: Tokens) => void | Promise<void>) | undefined
  readonly store: TokenStore | undefined
  readonly fetch: typeof globalThis.fetch | undefined
}

/** What {@link createTokenAuth} is built from. */
interface TokenAuthSettings {
  /** The portal's origin. */
  readonly portal: string
  /** Where methods are called: `{restUrl}{method}`, ending in `/`. */
  readonly restUrl: string
  readonly tokens: Tokens
  readonly refresh: RefreshSettings | undefined
  /** Other secrets to keep out of errors and logs (an event's `application_token`). */
  readonly secrets: readonly string[]
}

const tokenResponseSchema = v.looseObject({
  access_token: v.pipe(v.string(), v.nonEmpty()),
  refresh_token: v.pipe(v.string(), v.nonEmpty()),
  expires: v.optional(v.union([v.number(), v.pipe(v.string(), v.toNumber())])),
})

/** Throws a TypeError naming `name` unless `value` is a non-empty string. Never echoes the value. */
export function requireString(value: unknown, name: string, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${where}: ${name} is required (a non-empty string)`)
  return value
}

/** A URL option as an http(s) URL without credentials, query or fragment; the message names the option only. */
export function parseHttpUrl(value: unknown, name: string, where: string): URL {
  let url: URL
  try {
    const text = value instanceof URL ? value.href : String(value)
    url = new URL(/^[\w.-]+(?::\d+)?$/.test(text) ? `https://${text}` : text)
  } catch {
    throw new TypeError(`${where}: ${name} is not a valid URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`${where}: ${name} must use https (or http for a local portal)`)
  if (url.username || url.password || url.search || url.hash) throw new TypeError(`${where}: ${name} must have no credentials, query or fragment`)
  return url
}

/** Calls the token endpoint once with `refreshToken` and returns the new pair, or throws a clean error. */
async function requestTokens(settings: RefreshSettings, refreshToken: string, redactor: Redactor): Promise<Tokens> {
  const url = new URL(settings.tokenUrl)
  url.search = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: settings.clientId,
    client_secret: settings.clientSecret,
    refresh_token: refreshToken,
  }).toString()
  const fetch = settings.fetch ?? globalThis.fetch
  let response: Response
  let text: string
  try {
    // GET with the query, as documented (server-behavior §1.3); a redirect is not followed, so the
    // credentials in the query go nowhere else.
    response = await fetch(url, { method: 'GET', headers: { accept: 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(refreshTimeout) })
    text = await response.text()
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') throw new TimeoutError({ method: tokenEndpoint, timeout: refreshTimeout })
    throw new NetworkError({ method: tokenEndpoint, cause: redactor.error(error) })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  const failure = v.safeParse(errorEnvelopeSchema, json)
  if (failure.success) {
    throw new ApiError({ method: tokenEndpoint, code: failure.output.error, description: redactor.text(failure.output.error_description), status: response.status })
  }
  if (!response.ok) throw new HttpError({ method: tokenEndpoint, status: response.status, body: redactor.text(text) })
  const parsed = v.safeParse(tokenResponseSchema, json)
  if (!parsed.success) {
    // The body may hold tokens: it is not kept.
    throw new ResponseShapeError({ method: tokenEndpoint, issues: toIssues(parsed.issues), received: undefined })
  }
  const { access_token: accessToken, refresh_token: next, expires } = parsed.output
  return { accessToken, refreshToken: next, ...(expires !== undefined && Number.isFinite(expires) ? { expires } : {}) }
}

/**
 * The auth behind {@link oauth} and {@link eventAuth}: a Bearer token, renewed once for all callers
 * that hit the same expiry, with a refresh token never sent twice.
 */
export function createTokenAuth(settings: TokenAuthSettings): Auth {
  const { restUrl, refresh: renewal } = settings
  let secrets: readonly string[] = []
  const remember = (...values: readonly string[]): void => {
    const fresh = [...new Set(values)].filter((value) => value !== '' && !secrets.includes(value))
    if (fresh.length > 0) secrets = [...secrets, ...fresh]
  }
  const redactor = createRedactor(() => secrets)
  remember(...settings.secrets, ...(renewal ? [renewal.clientSecret] : []))

  let current = settings.tokens
  const adopt = (tokens: Tokens): void => {
    current = tokens
    remember(tokens.accessToken, tokens.refreshToken)
  }
  adopt(current)
  /** Refresh tokens that were sent once: each works only once, so none is sent again. */
  const spent: Set<string> = new Set()
  /** The code of the last refresh that failed, for the error of the next attempt. */
  let lastFailure: string | undefined
  let inFlight: Promise<void> | undefined
  const store = renewal?.store

  /** The stored pair (an error that names the store, never a token, when it fails). */
  async function readStore(): Promise<Tokens | undefined> {
    try {
      return await store?.get()
    } catch (error) {
      throw new B24Error('The token store failed to read the OAuth tokens (store.get() threw)', { cause: redactor.error(error) })
    }
  }
  let loaded = store === undefined
  let loading: Promise<void> | undefined
  /** Reads the store once before the first call: it may hold a newer pair than the options. */
  function load(): Promise<void> {
    loading ??= readStore().then(
      (stored) => {
        if (stored && !spent.has(stored.refreshToken)) adopt(stored)
        loaded = true
      },
      (error: unknown) => {
        loading = undefined
        throw error
      },
    )
    return loading
  }

  const request = (method: string): AuthorizedRequest => ({
    url: `${restUrl}${method}`,
    headers: { authorization: `Bearer ${current.accessToken}` },
    credential: current.accessToken,
  })

  async function persist(tokens: Tokens): Promise<void> {
    if (!renewal) return
    const steps = [
      ['store.set()', () => renewal.store?.set(tokens)],
      ['onTokens()', () => renewal.onTokens?.(tokens)],
    ] as const
    for (const [name, step] of steps) {
      try {
        await step()
      } catch (error) {
        throw new B24Error(`The OAuth tokens were refreshed, but ${name} threw; the new pair is used in this process only`, { cause: redactor.error(error) })
      }
    }
  }

  async function renew(settings: RefreshSettings, expired: string): Promise<void> {
    if (store) {
      const stored = await readStore()
      // Another process refreshed: its pair is the one to use.
      if (stored && stored.accessToken !== expired && !spent.has(stored.refreshToken)) {
        adopt(stored)
        return
      }
    }
    const { refreshToken } = current
    if (spent.has(refreshToken)) {
      const why = lastFailure === undefined ? '' : ` (that refresh failed with ${lastFailure})`
      throw new B24Error(
        `${tokenEndpoint} was not called: the refresh token was already sent once${why} and works only once. Authorize the app again, or put a new pair in the token store.`,
        { method: tokenEndpoint },
      )
    }
    spent.add(refreshToken)
    let tokens: Tokens
    try {
      tokens = await requestTokens(settings, refreshToken, redactor)
    } catch (error) {
      lastFailure = ApiError.isInstance(error) ? error.code : (error as Error).name
      throw error
    }
    lastFailure = undefined
    adopt(tokens)
    await persist(tokens)
  }

  return {
    portal: settings.portal,
    authorize: (method) => (loaded ? request(method) : load().then(() => request(method))),
    ...(renewal
      ? {
          refresh: (expired: string): Promise<void> => {
            // Every caller that hit an expiry while a refresh runs waits for that one refresh.
            if (inFlight) return inFlight
            // Someone already replaced the expired token: go on with the new one.
            if (current.accessToken !== expired) return Promise.resolve()
            inFlight = renew(renewal, expired).finally(() => {
              inFlight = undefined
            })
            return inFlight
          },
        }
      : {}),
    secrets: () => secrets,
  }
}

/**
 * Auth by OAuth tokens, for an app installed on a portal: calls go to `{portal}/rest/{method}` with
 * the access token in an `Authorization: Bearer` header. When the portal answers 401 `expired_token`,
 * the pair is refreshed at the token endpoint (once for all concurrent callers) and the call
 * replayed. A refresh token works once: it is never sent twice, and a failed refresh fails every
 * waiting call with the token endpoint's code (`invalid_grant`, ...) until a new pair arrives
 * through the `store`. No token and no `client_secret` ever appears in an error.
 *
 * @example
 * ```ts
 * const client = createClient({
 *   auth: oauth({
 *     portal: 'https://example.bitrix24.com',
 *     accessToken, refreshToken,
 *     clientId: process.env.B24_CLIENT_ID!, clientSecret: process.env.B24_CLIENT_SECRET!,
 *     onTokens: (tokens) => saveTokens(tokens),
 *   }),
 * })
 * ```
 */
export function oauth(options: OAuthOptions): Auth {
  const where = 'oauth()'
  const portal = parseHttpUrl(options.portal, 'portal', where).origin
  const accessToken = requireString(options.accessToken, 'accessToken', where)
  const refreshToken = requireString(options.refreshToken, 'refreshToken', where)
  const clientId = requireString(options.clientId, 'clientId', where)
  const clientSecret = requireString(options.clientSecret, 'clientSecret', where)
  const tokenUrl = parseHttpUrl(options.tokenUrl ?? defaultTokenUrl, 'tokenUrl', where).href
  return createTokenAuth({
    portal,
    restUrl: `${portal}/rest/`,
    tokens: { accessToken, refreshToken },
    refresh: { clientId, clientSecret, tokenUrl, onTokens: options.onTokens, store: options.store, fetch: options.fetch },
    secrets: [],
  })
}
