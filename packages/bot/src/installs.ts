import { ApiError, HttpError, NetworkError } from '@b24bot/core'
import { createBaseClient, oauth, refreshTokens, type TokenGrant, type Tokens } from '@b24bot/transport'

/** Bitrix24's OAuth server, where tokens are exchanged unless the app says otherwise. */
const defaultTokenUrl = 'https://oauth.bitrix.info/oauth/token/'

/**
 * The OAuth app a bot belongs to: its `client_id` and `client_secret` (from the app's settings on the
 * portal or in the Vendor's account), and the OAuth server's token endpoint. Install events are
 * verified with them, and the tokens events bring are refreshed with them.
 *
 * @example
 * ```ts
 * import type { AppCredentials } from '@b24bot/bot'
 *
 * const app: AppCredentials = { clientId: process.env.B24_CLIENT_ID!, clientSecret: process.env.B24_CLIENT_SECRET! }
 * ```
 */
export interface AppCredentials {
  /** The application's `client_id` (from the app's page on the portal or in the partner area). */
  readonly clientId: string
  /** The application's `client_secret`; never logged. */
  readonly clientSecret: string
  /**
   * Where tokens are exchanged. Default `https://oauth.bitrix.info/oauth/token/`, Bitrix24's OAuth
   * server. Never taken from an event (its `server_endpoint` is whatever the sender wrote).
   */
  readonly tokenUrl?: string | URL
}

/**
 * An install of the app on one portal, verified against the OAuth server: the portal (`memberId`,
 * `domain`, `clientEndpoint`), the `applicationToken` its later events carry, and a fresh token pair
 * (the install's own refresh token was spent verifying it), ready for a `TokenStore`.
 *
 * @example
 * ```ts
 * import { createBot } from '@b24bot/bot'
 * import type { TokenStore } from '@b24bot/transport'
 *
 * declare const tokenStores: { for(memberId: string): TokenStore } // a token store per portal
 * const app = { clientId: process.env.B24_CLIENT_ID!, clientSecret: process.env.B24_CLIENT_SECRET! }
 * const bot = createBot({ app, onInstall: (install) => tokenStores.for(install.memberId).set(install.tokens) })
 * ```
 */
export interface Install {
  /** The portal's `member_id`: the key of everything kept per portal. */
  readonly memberId: string
  /** The portal's host, from the REST root the OAuth server named. */
  readonly domain: string
  /** The portal's REST root (`https://{domain}/rest/`), as the OAuth server named it: calls back go here, never to an event's. */
  readonly clientEndpoint: string
  /** The token every later event of this portal carries in `auth[application_token]`. A secret. */
  readonly applicationToken: string
  /** The verified, fresh pair. Secrets. */
  readonly tokens: Tokens
  /** The user who installed the app, when the OAuth server says. */
  readonly userId: number | undefined
  /** The granted scopes, comma-separated, when the OAuth server says. */
  readonly scope: string | undefined
}

/**
 * Where a bot keeps the verified installs of its app, by portal (`memberId`): what later events are
 * checked against. Async-capable, so a shared store (Redis, a database) fits the same shape. Give every
 * process of the bot the same store.
 *
 * @example
 * ```ts
 * import type { Install, InstallStore } from '@b24bot/bot'
 *
 * // Any key-value store: here a Redis client (node-redis or ioredis).
 * declare const redis: { get(key: string): Promise<string | null>; set(key: string, value: string): Promise<unknown>; del(key: string): Promise<unknown> }
 *
 * const installs: InstallStore = {
 *   get: async (memberId) => (JSON.parse((await redis.get(`install:${memberId}`)) ?? 'null') as Install | null) ?? undefined,
 *   set: async (install) => {
 *     await redis.set(`install:${install.memberId}`, JSON.stringify(install))
 *   },
 *   delete: async (memberId) => {
 *     await redis.del(`install:${memberId}`)
 *   },
 * }
 * ```
 */
export interface InstallStore {
  /** The install of the portal with this `member_id`, or `undefined`. */
  get(memberId: string): Install | undefined | Promise<Install | undefined>
  /** Saves an install (replacing the portal's previous one). */
  set(install: Install): void | Promise<void>
  /** Forgets the portal's install (on uninstall). */
  delete(memberId: string): void | Promise<void>
}

/**
 * An {@link InstallStore} in this process's memory: a restart forgets every install (events from their
 * portals get 401 until the app is installed again). For one process and for tests.
 *
 * @example
 * ```ts
 * import { createBot, memoryInstallStore } from '@b24bot/bot'
 *
 * const app = { clientId: process.env.B24_CLIENT_ID!, clientSecret: process.env.B24_CLIENT_SECRET! }
 * const bot = createBot({ app, installs: memoryInstallStore() })
 * ```
 */
export function memoryInstallStore(): InstallStore {
  const installs: Map<string, Install> = new Map()
  return {
    get: (memberId) => installs.get(memberId),
    set: (install) => {
      installs.set(install.memberId, install)
    },
    delete: (memberId) => {
      installs.delete(memberId)
    },
  }
}

/** What an install event says of itself: its claims, to be checked. */
export interface InstallClaim {
  readonly refreshToken: string | undefined
  readonly memberId: string | undefined
  readonly domain: string | undefined
  readonly applicationToken: string | undefined
}

/** How verifying an install ended: verified, refused (a forgery, or claims that do not match), or undecided (the OAuth server or the portal could not answer now). */
export type InstallVerdict =
  | { readonly kind: 'verified'; readonly install: Install }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'undecided'; readonly reason: string }

/** A host as portals and events spell it: lower case, no scheme, no trailing dot or slash. */
export function normalHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[/.]+$/, '')
}

/** What a token, a `member_id` and a domain look like: a few hundred characters at most, no spaces or controls. */
const tokenShape = /^[\w.~+/=-]{8,256}$/
const domainShape = /^[a-z0-9.-]{1,253}(?::\d{1,5})?$/i

/** The portal host a REST root names (`https://example.bitrix24.com/rest/`), or `undefined`. */
function hostOf(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined
  try {
    const url = new URL(endpoint)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.host : undefined
  } catch {
    return undefined
  }
}

/** Whether an error means "no answer now": the OAuth server or the portal could not be reached, or the time ran out. */
function passing(error: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return true
  if (NetworkError.isInstance(error)) return true
  if (HttpError.isInstance(error)) return error.status >= 500 || error.status === 429 || error.status === 408
  if (ApiError.isInstance(error)) return error.status >= 500 || error.status === 429 || error.code === 'QUERY_LIMIT_EXCEEDED'
  return false
}

/**
 * Verifies an install event against Bitrix24 itself (decision 037), in three steps:
 * 1. its refresh token is exchanged at the app's token endpoint with the app's own credentials: only a
 *    refresh token the OAuth server issued to this app answers, and the answer names the portal it was
 *    issued for (`member_id`, and the portal's REST root `client_endpoint`; its `domain` is the OAuth
 *    server's own), which the event must claim;
 * 2. the fresh access token asks that portal (at the REST root the OAuth server named, never the
 *    event's) whether its user is an administrator (`user.admin`): any user who opens the app holds a
 *    refresh token of it, but an install is made by an administrator;
 * 3. only then is the install's `application_token` trusted.
 * Anything that does not hold is refused; an OAuth server or portal that cannot answer now leaves it
 * undecided. The claims' shapes are checked before anything is sent.
 */
export async function verifyInstall(claim: InstallClaim, app: AppCredentials, signal: AbortSignal): Promise<InstallVerdict> {
  const { refreshToken, memberId, domain, applicationToken } = claim
  if (!refreshToken || !memberId || !domain || !applicationToken)
    return { kind: 'refused', reason: 'the install event lacks its tokens, member_id or domain' }
  if (
    !tokenShape.test(refreshToken) ||
    !tokenShape.test(memberId) ||
    !tokenShape.test(applicationToken) ||
    !domainShape.test(normalHost(domain))
  ) {
    return { kind: 'refused', reason: "the install event's tokens, member_id or domain are not shaped as Bitrix24 writes them" }
  }
  const tokenUrl = app.tokenUrl ?? defaultTokenUrl
  let grant: TokenGrant
  try {
    grant = await refreshTokens({ refreshToken, clientId: app.clientId, clientSecret: app.clientSecret, tokenUrl, signal })
  } catch (error) {
    if (passing(error, signal)) return { kind: 'undecided', reason: 'the OAuth server could not be asked now' }
    // An answer of the OAuth server refusing the token: not a genuine install of this app.
    return {
      kind: 'refused',
      reason: `the OAuth server refused its refresh token (${ApiError.isInstance(error) ? error.code : (error as Error).name})`,
    }
  }
  const portalHost = hostOf(grant.clientEndpoint)
  if (grant.memberId !== memberId) return { kind: 'refused', reason: 'its member_id is not the one the OAuth server issued the token for' }
  if (portalHost === undefined || normalHost(portalHost) !== normalHost(domain))
    return { kind: 'refused', reason: 'its domain is not the portal the OAuth server issued the token for' }
  const restUrl = grant.clientEndpoint ?? ''
  const client = createBaseClient({
    auth: oauth({
      portal: new URL(restUrl).origin,
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      tokenUrl,
    }),
    retry: false,
  })
  let admin: unknown
  try {
    admin = await client.call('user.admin', {}, { signal, idempotent: true })
  } catch (error) {
    if (passing(error, signal))
      return { kind: 'undecided', reason: 'the portal could not be asked now whether the installing user is an administrator' }
    return {
      kind: 'refused',
      reason: `the portal would not say whether the installing user is an administrator (${ApiError.isInstance(error) ? error.code : (error as Error).name})`,
    }
  }
  if (admin !== true && admin !== 'Y' && admin !== 1)
    return { kind: 'refused', reason: 'its tokens are those of a user who is not an administrator of the portal' }
  return {
    kind: 'verified',
    install: {
      memberId,
      domain: portalHost,
      clientEndpoint: restUrl,
      applicationToken,
      tokens: {
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
        ...(grant.expires === undefined ? {} : { expires: grant.expires }),
      },
      userId: grant.userId,
      scope: grant.scope,
    },
  }
}
