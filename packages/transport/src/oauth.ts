import { ApiError, B24Error, TimeoutError, toIssues } from '@b24bot/core'
import defaultKy, { type KyInstance } from 'ky'
import * as v from 'valibot'
import type { Auth, AuthorizedRequest, RefreshContext } from './auth.ts'
import { failureOf, verdict } from './error-policy.ts'
import { apiError, httpError, shapeError, timeoutError, type FailureContext } from './failures.ts'
import { exchange } from './http.ts'
import { readJson } from './read-response.ts'
import { createRedactor, type Redactor } from './redactor.ts'
import type { Tokens, TokenStore } from './token-store.ts'
import { parseHttpUrl, requireString } from './option-checks.ts'

/** Where Bitrix24 refreshes OAuth tokens, for every portal (imbot.md §8.2). */
export const defaultTokenUrl = 'https://oauth.bitrix.info/oauth/token/'
/** The name errors of a refresh carry in place of a method. */
const tokenEndpoint = 'oauth/token'
/** How long a refresh may take for a caller that set no time limit. */
const refreshTimeout = 60_000
/** How many tokens of a long-running auth are kept among the secrets: the latest ones (older ones are dead). */
const keptTokens = 8

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
  /**
   * Keeps the pair across processes: read before the first call. A store with `renew` (such as
   * `memoryTokenStore()`, or `@b24bot/redis`'s) makes each refresh happen once for every process
   * that shares it; without `renew`, it is read before each refresh and written after it, and the
   * refresh happens once per process.
   */
  readonly store?: TokenStore
}

/** How a token auth renews its pair; absent when it cannot. */
export interface RefreshSettings {
  readonly clientId: string
  readonly clientSecret: string
  readonly tokenUrl: string
  readonly onTokens: ((tokens: Tokens) => void | Promise<void>) | undefined
  readonly store: TokenStore | undefined
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

const wireText = v.optional(v.union([v.string(), v.pipe(v.number(), v.transform(String))]))
const tokenResponseSchema = v.looseObject({
  access_token: v.pipe(v.string(), v.nonEmpty()),
  refresh_token: v.pipe(v.string(), v.nonEmpty()),
  expires: v.optional(v.union([v.number(), v.pipe(v.string(), v.toNumber())])),
  member_id: wireText,
  domain: wireText,
  client_endpoint: wireText,
  server_endpoint: wireText,
  user_id: v.optional(v.union([v.number(), v.pipe(v.string(), v.toNumber())])),
  scope: wireText,
  status: wireText,
})

/**
 * What the OAuth server answers for a refresh token: the new pair, and whom it was issued for (the
 * portal's `memberId` and `clientEndpoint`, the user, the scope), as far as the answer says.
 *
 * @example
 * ```ts
 * import { refreshTokens, type TokenGrant } from '@b24bot/transport'
 *
 * declare const refreshToken: string // the stored refresh token
 * const grant: TokenGrant = await refreshTokens({
 *   refreshToken,
 *   clientId: process.env.B24_CLIENT_ID!,
 *   clientSecret: process.env.B24_CLIENT_SECRET!,
 * })
 * if (grant.memberId !== event.auth?.member_id) throw new Error('not the portal it claims to be')
 * ```
 */
export interface TokenGrant extends Tokens {
  /** The portal's `member_id`. */
  readonly memberId?: string
  /**
   * The `domain` the answer names. Bitrix24's OAuth server names itself here (`oauth.bitrix.info`),
   * not the portal: read the portal from {@link clientEndpoint}.
   */
  readonly domain?: string
  /** The portal's REST root (`https://example.bitrix24.com/rest/`): the portal the tokens act on. */
  readonly clientEndpoint?: string
  /** The OAuth server's REST root (`https://oauth.bitrix.info/rest/`). */
  readonly serverEndpoint?: string
  /** The user the tokens act as. */
  readonly userId?: number
  /** The granted scopes, comma-separated. */
  readonly scope?: string
  /** The app's status on the portal (`L` local, `F` free, `P` paid, ...). */
  readonly status?: string
}

/** What {@link refreshTokens} takes. */
export interface RefreshTokensOptions {
  /** The refresh token to exchange. It works once: after a definite answer it is spent. */
  readonly refreshToken: string
  /** The app's `client_id`. */
  readonly clientId: string
  /** The app's `client_secret`. */
  readonly clientSecret: string
  /** The token endpoint. Default `https://oauth.bitrix.info/oauth/token/`. */
  readonly tokenUrl?: string | URL
  /** The ky instance to send with. Default: ky itself. */
  readonly ky?: KyInstance
  /** Aborts the request. */
  readonly signal?: AbortSignal
  /** Time limit in milliseconds, or `false`. Default 60 000. */
  readonly timeout?: number | false
}

/** What to do to get a usable pair again after the token endpoint refused the refresh token. */
const reauthorize =
  'The refresh token is no longer valid: authorize the app again (reinstall it, or open it on the portal as the user) and give the client the new pair, or put it in the token store.'

/**
 * Calls the token endpoint once with `refreshToken` through the client's ky instance and returns the
 * new pair, or throws an error naming `oauth/token`. GET with the query, as documented
 * (server-behavior §1.3); a redirect is not followed, so the credentials in the query go nowhere else.
 * No time limit of its own: `signal` (a {@link RefreshBound}'s) cuts it.
 */
async function requestTokens(
  settings: Pick<RefreshSettings, 'clientId' | 'clientSecret' | 'tokenUrl'>,
  refreshToken: string,
  ky: KyInstance,
  signal: AbortSignal,
  redactor: Redactor,
  timeout: number | false = false,
): Promise<TokenGrant> {
  const url = new URL(settings.tokenUrl)
  url.search = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: settings.clientId,
    client_secret: settings.clientSecret,
    refresh_token: refreshToken,
  }).toString()
  // Safe to send again when no definite answer came (the policy's "if safe"): the token was not spent then.
  const failure: FailureContext = { method: tokenEndpoint, idempotent: true, redactor }
  const answer = await exchange(ky, { url: url.href, httpMethod: 'GET', headers: { accept: 'application/json' }, timeout, signal }, failure)
  const { json, failure: envelope } = readJson(answer.text)
  if (envelope?.success) {
    const refused = verdict({ kind: 'api', code: envelope.output.error, status: answer.status }).repeat === 'never'
    throw apiError({ ...failure, idempotent: !refused }, envelope.output, answer.status)
  }
  if (!answer.ok) throw httpError(failure, answer.status, answer.text)
  const parsed = v.safeParse(tokenResponseSchema, json?.value)
  // The body may hold tokens: it is not kept.
  if (!parsed.success) throw shapeError(failure, toIssues(parsed.issues, { quoteValues: false }), undefined)
  const {
    access_token: accessToken,
    refresh_token: next,
    expires,
    member_id: memberId,
    domain,
    client_endpoint: clientEndpoint,
    server_endpoint: serverEndpoint,
    user_id: userId,
    scope,
    status,
  } = parsed.output
  const described = {
    memberId,
    domain,
    clientEndpoint,
    serverEndpoint,
    scope,
    status,
    userId: userId !== undefined && Number.isFinite(userId) ? userId : undefined,
  }
  return {
    accessToken,
    refreshToken: next,
    ...(expires !== undefined && Number.isFinite(expires) ? { expires } : {}),
    ...Object.fromEntries(Object.entries(described).filter(([, value]) => value !== undefined)),
  }
}

/**
 * Exchanges a refresh token at the OAuth server once (`grant_type=refresh_token`, GET, redirects not
 * followed) and resolves to the new pair and whom it was issued for. Only a genuine token of this app
 * (its `clientId` and `clientSecret`) gets an answer, which makes this the check of an install event
 * that cannot be checked any other way. Every error names `oauth/token`, and no token or secret
 * appears in any of them.
 *
 * @example
 * ```ts
 * import { memoryTokenStore, refreshTokens } from '@b24bot/transport'
 *
 * const store = memoryTokenStore()
 * const refreshToken = event.auth?.refresh_token
 * if (refreshToken) {
 *   const grant = await refreshTokens({ refreshToken, clientId: process.env.B24_CLIENT_ID!, clientSecret: process.env.B24_CLIENT_SECRET! })
 *   await store.set({ accessToken: grant.accessToken, refreshToken: grant.refreshToken })
 * }
 * ```
 */
export async function refreshTokens(options: RefreshTokensOptions): Promise<TokenGrant> {
  const where = 'refreshTokens()'
  const refreshToken = requireString(options.refreshToken, 'refreshToken', where)
  const clientId = requireString(options.clientId, 'clientId', where)
  const clientSecret = requireString(options.clientSecret, 'clientSecret', where)
  const tokenUrl = parseHttpUrl(options.tokenUrl ?? defaultTokenUrl, 'tokenUrl', where).href
  const redactor = createRedactor([refreshToken, clientId, clientSecret])
  const signal = options.signal ?? new AbortController().signal
  const grant = await requestTokens(
    { clientId, clientSecret, tokenUrl },
    refreshToken,
    options.ky ?? defaultKy,
    signal,
    redactor,
    options.timeout ?? refreshTimeout,
  )
  return grant
}

/**
 * How long one refresh may take: as long as the most patient of the callers that wait for it waits
 * (its time limit from when it came, {@link refreshTimeout} for one without). Then the request is cut,
 * the refresh fails with a `TimeoutError`, and the next call sends the refresh token again. A caller
 * with a short limit who started the refresh does not cut it short for the others: an answer that
 * comes in their time is used (the token endpoint may have spent the refresh token by then).
 */
interface RefreshBound {
  /** Aborts the request, with a `TimeoutError` naming `oauth/token`, once no caller waits any longer. */
  readonly signal: AbortSignal
  /** Lets the refresh run as long as a caller that came now waits: `timeout` ms, or `false` for none. */
  allow(timeout: number | false): void
  /** Stops the clock, once the refresh settled. */
  clear(): void
}

function refreshBound(redactor: Redactor): RefreshBound {
  const controller = new AbortController()
  const started = Date.now()
  let until = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  return {
    signal: controller.signal,
    allow: (timeout) => {
      const now = Date.now()
      const end = now + (timeout === false ? refreshTimeout : timeout)
      if (end <= until || controller.signal.aborted) return
      until = end
      clearTimeout(timer)
      timer = setTimeout(() => {
        controller.abort(timeoutError({ method: tokenEndpoint, idempotent: true, redactor }, until - started))
      }, end - now)
    },
    clear: () => {
      clearTimeout(timer)
    },
  }
}

/**
 * Waits for `work` as one caller: no longer than its signal and its time limit allow. A time limit
 * (its own, the refresh's cut at it, or the client's deadline as the signal's `TimeoutError`) ends
 * the wait with a `TimeoutError` naming `oauth/token`.
 */
function waitAs<T>(work: Promise<T>, context: RefreshContext, redactor: Redactor): Promise<T> {
  const { signal, timeout } = context
  if (!signal && timeout === false) return work
  const failure: FailureContext = { method: tokenEndpoint, idempotent: true, redactor }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      done()
      const reason = signal?.reason as Error
      // The client's deadline ran out while the refresh was on its way: what did not complete is the refresh.
      if (TimeoutError.isInstance(reason) && reason.method !== tokenEndpoint)
        reject(timeoutError(failure, reason.timeout, { deadline: true }))
      else reject(reason)
    }
    const timer =
      timeout === false
        ? undefined
        : setTimeout(() => {
            done()
            reject(timeoutError(failure, timeout))
          }, timeout)
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
    if (signal?.aborted) {
      onAbort()
      return
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    work.then(
      (value) => {
        done()
        resolve(value)
      },
      (error: unknown) => {
        done()
        // Cut at the limit of its most patient caller: this caller's limit is up too.
        if (TimeoutError.isInstance(error) && timeout !== false) reject(timeoutError(failure, timeout))
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the refresh's own error, passed on as it is
        else reject(error)
      },
    )
  })
}

/**
 * The auth behind {@link oauth} and {@link eventAuth}: a Bearer token, renewed once for all callers
 * that hit the same expiry. A refresh token the OAuth server answered for (a new pair, or a refusal)
 * is never sent again; after a passing fault (a 5xx, a lost connection, a timeout) the next caller
 * sends it again, since nothing proves it was spent. With a store that has `renew`, the one refresh of
 * this process goes through it, so that every process sharing the store refreshes once in all.
 */
export function createTokenAuth(settings: TokenAuthSettings): Auth {
  const { restUrl, refresh: renewal } = settings
  const fixed = [...settings.secrets, ...(renewal ? [renewal.clientSecret, renewal.clientId] : [])].filter((value) => value !== '')
  let tokens: readonly string[] = []
  let secrets: readonly string[] = fixed
  const remember = (...values: readonly string[]): void => {
    const fresh = [...new Set(values)].filter((value) => value !== '' && !tokens.includes(value))
    if (fresh.length === 0) return
    tokens = [...tokens, ...fresh].slice(-keptTokens)
    secrets = [...fixed, ...tokens]
  }
  const redactor = createRedactor(() => secrets)

  let current = settings.tokens
  const adopt = (pair: Tokens): void => {
    current = pair
    remember(pair.accessToken, pair.refreshToken)
  }
  adopt(current)
  /** Refresh tokens the OAuth server answered for: each works only once, so none is sent again. */
  const spent: Set<string> = new Set()
  /** The refusal of the token endpoint, kept for the callers after it (until a new pair arrives). */
  let refusal: { readonly token: string; readonly error: unknown } | undefined
  /** The refresh on its way, shared by every caller that hit the same expiry, and its time bound. */
  let inFlight: { readonly done: Promise<void>; readonly bound: RefreshBound } | undefined
  const store = renewal?.store

  /** The stored pair (an error that names the store, never a token, when it fails). */
  async function readStore(): Promise<Tokens | undefined> {
    try {
      return await store?.get()
    } catch (error) {
      throw new B24Error('The token store failed to read the OAuth tokens (store.get() threw)', {
        cause: redactor.error(error),
        method: tokenEndpoint,
      })
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

  /** Hands a pair this process got to `onTokens`, after writing it to the store unless the store keeps it already (its `renew` did). */
  async function persist(pair: Tokens, stored: boolean): Promise<void> {
    if (!renewal) return
    const steps: readonly (readonly [string, () => unknown])[] = [
      ...(stored ? [] : [['store.set()', () => renewal.store?.set(pair)] as const]),
      ['onTokens()', () => renewal.onTokens?.(pair)],
    ]
    for (const [name, step] of steps) {
      try {
        await step()
      } catch (error) {
        throw new B24Error(`The OAuth tokens were refreshed, but ${name} threw; the new pair is used in this process only`, {
          cause: redactor.error(error),
          method: tokenEndpoint,
        })
      }
    }
  }

  /**
   * Exchanges `refreshToken` at the token endpoint once and returns the new pair, marking the token
   * spent once the OAuth server answered for it. A refusal is kept, for the callers after it.
   */
  async function exchangeToken(settings: RefreshSettings, refreshToken: string, ky: KyInstance, signal: AbortSignal): Promise<Tokens> {
    let pair: Tokens
    try {
      const grant = await requestTokens(settings, refreshToken, ky, signal, redactor)
      // The pair is what is kept and stored; whom it was issued for is not part of it.
      pair = {
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
        ...(grant.expires === undefined ? {} : { expires: grant.expires }),
      }
    } catch (error) {
      // A refusal of the OAuth server (its error envelope, `invalid_grant`, `invalid_client`) spent the
      // token or refused it for good. Nothing else proves the OAuth server saw it: a passing fault, a
      // page with no envelope (a proxy's 403), a 2xx that is not a pair (a captive page, `{}`); the next
      // call sends it again, and meets the refusal if it was spent after all.
      if (ApiError.isInstance(error) && verdict(failureOf(error)).repeat === 'never') {
        spent.add(refreshToken)
        const refused = ApiError.isInstance(error)
          ? new ApiError({
              method: tokenEndpoint,
              code: error.code,
              description: error.description,
              status: error.status,
              details: error.details,
              hint: reauthorize,
            })
          : error
        refusal = { token: refreshToken, error: refused }
        throw refused
      }
      throw error
    }
    spent.add(refreshToken)
    return pair
  }

  async function renew(settings: RefreshSettings, expired: string, ky: KyInstance, signal: AbortSignal): Promise<void> {
    if (store?.renew) {
      await renewShared(store.renew.bind(store), settings, expired, ky, signal)
      return
    }
    if (store) {
      const stored = await readStore()
      // Another process refreshed: its pair is the one to use.
      if (stored && stored.accessToken !== expired && !spent.has(stored.refreshToken)) {
        adopt(stored)
        refusal = undefined
        return
      }
    }
    const { refreshToken } = current
    if (refusal?.token === refreshToken) throw refusal.error
    const pair = await exchangeToken(settings, refreshToken, ky, signal)
    refusal = undefined
    adopt(pair)
    await persist(pair, false)
  }

  /**
   * Renews through the store's `renew` (`renewStored`), once for every process that shares the
   * store: the store runs the refresh here, or hands over the pair another process (or client) got.
   * `again` is set for the one renewal of a pair the store gave back although this process had spent
   * its refresh token (the store failed to keep the pair that came back, which this process holds
   * and refreshes from).
   */
  async function renewShared(
    renewStored: NonNullable<TokenStore['renew']>,
    settings: RefreshSettings,
    expired: string,
    ky: KyInstance,
    signal: AbortSignal,
    again = false,
  ): Promise<void> {
    /** What the refresh run here came to: the pair it got from the token endpoint, or what it threw. */
    const outcome: { got?: Tokens; failed?: { readonly error: unknown } } = {}
    const refresh = async (stored: Tokens | undefined): Promise<Tokens> => {
      try {
        // The stored pair, unless this process exchanged its refresh token already and was not refused:
        // then the store failed to keep what came back, and this process holds it.
        const from = stored !== undefined && (!spent.has(stored.refreshToken) || refusal?.token === stored.refreshToken) ? stored : current
        if (refusal?.token === from.refreshToken) throw refusal.error
        if (spent.has(from.refreshToken))
          throw new B24Error('Every refresh token this client knows was exchanged already, and the token store holds no newer pair', {
            method: tokenEndpoint,
            hint: reauthorize,
          })
        // A pair from the store may be new to this process: its tokens are kept out of errors too.
        remember(from.accessToken, from.refreshToken)
        const got = await exchangeToken(settings, from.refreshToken, ky, signal)
        outcome.got = got
        return got
      } catch (error) {
        outcome.failed = { error }
        throw error
      }
    }
    let pair: Tokens
    try {
      pair = await renewStored(expired, refresh, signal)
    } catch (error) {
      // The refresh's own failure, or the wait cut at the time limit: passed on as they are.
      if ((outcome.failed && outcome.failed.error === error) || (signal.aborted && error === signal.reason)) throw error
      const { got } = outcome
      if (got) {
        refusal = undefined
        adopt(got)
        throw new B24Error('The OAuth tokens were refreshed, but store.renew() threw; the new pair is used in this process only', {
          cause: redactor.error(error),
          method: tokenEndpoint,
        })
      }
      throw new B24Error('The token store failed to renew the OAuth tokens (store.renew() threw)', {
        cause: redactor.error(error),
        method: tokenEndpoint,
      })
    }
    if (outcome.got?.refreshToken === pair.refreshToken) {
      refusal = undefined
      adopt(pair)
      await persist(pair, true)
      return
    }
    if (spent.has(pair.refreshToken)) {
      if (again)
        throw new B24Error('The token store keeps a pair whose refresh token was exchanged already', {
          method: tokenEndpoint,
          hint: reauthorize,
        })
      await renewShared(renewStored, settings, pair.accessToken, ky, signal, true)
      return
    }
    // Another process (or client) renewed: its pair is the one to use.
    refusal = undefined
    adopt(pair)
  }

  return {
    portal: settings.portal,
    authorize: (method) => (loaded ? request(method) : load().then(() => request(method))),
    ...(renewal
      ? {
          refresh: (expired: string, context: RefreshContext): Promise<void> => {
            // Every caller that hit an expiry while a refresh runs waits for that one refresh, each
            // no longer than its own signal and time limit allow; the refresh runs as long as the most
            // patient of them waits (never the signal of one: the others wait for it too).
            if (!inFlight || inFlight.bound.signal.aborted) {
              // Someone already replaced the expired token: go on with the new one.
              if (current.accessToken !== expired) return Promise.resolve()
              const bound = refreshBound(redactor)
              const done: Promise<void> = renew(renewal, expired, context.ky, bound.signal).finally(() => {
                bound.clear()
                if (inFlight?.done === done) inFlight = undefined
              })
              inFlight = { done, bound }
              // A refresh nobody waits for any more still settles; its failure is for its waiters only.
              done.catch(() => undefined)
            }
            inFlight.bound.allow(context.timeout)
            return waitAs(inFlight.done, context, redactor)
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
 * replayed. Each waiting caller waits no longer than its own signal and time limit allow; the refresh
 * runs as long as the most patient of them waits, and no longer.
 *
 * A refresh token works once. Once the OAuth server answered for it (a new pair, or a refusal such as
 * `invalid_grant`) it is never sent again: a refusal fails the waiting calls, and every later expiry,
 * with an `ApiError` (`method: 'oauth/token'`) that says to authorize the app again, until a new pair
 * comes through the `store`. After a passing fault of the endpoint (a 5xx, a reset or refused
 * connection, a timeout) nothing proves the token was spent: the call is retried as the client's retry
 * policy allows, and a later call sends the same refresh token again. The token endpoint is called
 * through the client's ky instance. No token and no `client_secret` ever appears in an error.
 *
 * Several processes (replicas) that call one portal as one user share a `store`. When it has `renew`
 * (`memoryTokenStore()` within a process, `@b24bot/redis` across processes), one expiry makes one
 * refresh for all of them: the others wait for it and go on with the pair it stored. Without `renew`,
 * each process refreshes once, and two that meet the same expiry both send the same refresh token.
 *
 * @example
 * ```ts
 * import { createClient, oauth, type Tokens, type TokenStore } from '@b24bot/transport'
 *
 * declare const saved: Tokens // the pair stored at install
 * declare function saveTokens(tokens: Tokens): Promise<void>
 *
 * const client = createClient({
 *   auth: oauth({
 *     portal: 'https://example.bitrix24.com',
 *     accessToken: saved.accessToken,
 *     refreshToken: saved.refreshToken,
 *     clientId: process.env.B24_CLIENT_ID!,
 *     clientSecret: process.env.B24_CLIENT_SECRET!,
 *     onTokens: (tokens) => saveTokens(tokens),
 *   }),
 * })
 *
 * // Replicas of one bot: one refresh per expiry for all of them, through the store they share
 * // (a TokenStore with `renew`, such as the one @b24bot/redis provides).
 * declare const sharedStore: TokenStore
 * const auth = oauth({
 *   portal: 'https://example.bitrix24.com',
 *   ...saved,
 *   clientId: process.env.B24_CLIENT_ID!,
 *   clientSecret: process.env.B24_CLIENT_SECRET!,
 *   store: sharedStore,
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
    refresh: { clientId, clientSecret, tokenUrl, onTokens: options.onTokens, store: options.store },
    secrets: [],
  })
}
