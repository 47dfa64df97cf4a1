import { ApiError, HttpError, NetworkError, ResponseShapeError } from '@b24bot/core'
import { refreshTokens, type Tokens } from '@b24bot/transport'

/**
 * The OAuth app a bot belongs to: its `client_id` and `client_secret` (from the app's settings on the
 * portal or in the Vendor's account), and the OAuth server's token endpoint. Install events are
 * verified with them, and the tokens events bring are refreshed with them.
 *
 * @example
 * ```ts
 * const app: AppCredentials = { clientId: process.env.B24_CLIENT_ID!, clientSecret: process.env.B24_CLIENT_SECRET! }
 * ```
 */
export interface AppCredentials {
  readonly clientId: string
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
 * const bot = createBot({ app, onInstall: (install) => tokenStores.for(install.memberId).set(install.tokens) })
 * ```
 */
export interface Install {
  /** The portal's `member_id`: the key of everything kept per portal. */
  readonly memberId: string
  /** The portal's domain, as the OAuth server names it. */
  readonly domain: string
  /** The portal's REST root (`https://{domain}/rest/`), as the OAuth server names it. */
  readonly clientEndpoint: string | undefined
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
 * const installs: InstallStore = {
 *   get: async (memberId) => JSON.parse((await redis.get(`install:${memberId}`)) ?? 'null') ?? undefined,
 *   set: async (install) => { await redis.set(`install:${install.memberId}`, JSON.stringify(install)) },
 *   delete: async (memberId) => { await redis.del(`install:${memberId}`) },
 * }
 * ```
 */
export interface InstallStore {
  get(memberId: string): Install | undefined | Promise<Install | undefined>
  set(install: Install): void | Promise<void>
  delete(memberId: string): void | Promise<void>
}

/**
 * An {@link InstallStore} in this process's memory: a restart forgets every install (events from their
 * portals get 401 until the app is installed again). For one process and for tests.
 *
 * @example
 * ```ts
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

/** How verifying an install ended: verified, refused (a forgery, or claims that do not match), or undecided (the OAuth server could not answer now). */
export type InstallVerdict =
  | { readonly kind: 'verified'; readonly install: Install }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'undecided'; readonly reason: string }

/** A domain as portals and the OAuth server spell it: lower case, no scheme, no trailing slash. */
function sameDomain(claimed: string, granted: string): boolean {
  const normal = (domain: string): string => domain.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '')
  return normal(claimed) === normal(granted)
}

/**
 * Verifies an install event against Bitrix24 itself (decision 037): its refresh token is exchanged at
 * the app's token endpoint with the app's own credentials. Only a token the OAuth server issued to this
 * app for an install gets an answer, and the answer names the portal (`member_id`, `domain`) the event
 * must claim. Anything else is refused; an OAuth server that cannot answer now leaves it undecided.
 */
export async function verifyInstall(claim: InstallClaim, app: AppCredentials, signal: AbortSignal): Promise<InstallVerdict> {
  const { refreshToken, memberId, domain, applicationToken } = claim
  if (!refreshToken || !memberId || !domain || !applicationToken) return { kind: 'refused', reason: 'the install event lacks its tokens, member_id or domain' }
  let grant: Awaited<ReturnType<typeof refreshTokens>>
  try {
    grant = await refreshTokens({ refreshToken, clientId: app.clientId, clientSecret: app.clientSecret, ...(app.tokenUrl === undefined ? {} : { tokenUrl: app.tokenUrl }), signal })
  } catch (error) {
    // An answer of the OAuth server refusing the token: not a genuine install of this app.
    if (ApiError.isInstance(error) || ResponseShapeError.isInstance(error) || (HttpError.isInstance(error) && error.status < 500 && error.status !== 429)) {
      return { kind: 'refused', reason: `the OAuth server refused its refresh token (${ApiError.isInstance(error) ? error.code : error.name})` }
    }
    if (NetworkError.isInstance(error) || HttpError.isInstance(error)) return { kind: 'undecided', reason: `the OAuth server could not be asked (${error.name})` }
    throw error
  }
  if (grant.memberId !== memberId) return { kind: 'refused', reason: 'its member_id is not the one the OAuth server issued the token for' }
  if (grant.domain === undefined || !sameDomain(domain, grant.domain)) return { kind: 'refused', reason: 'its domain is not the one the OAuth server issued the token for' }
  return {
    kind: 'verified',
    install: {
      memberId,
      domain: grant.domain,
      clientEndpoint: grant.clientEndpoint,
      applicationToken,
      tokens: { accessToken: grant.accessToken, refreshToken: grant.refreshToken, ...(grant.expires === undefined ? {} : { expires: grant.expires }) },
      userId: grant.userId,
      scope: grant.scope,
    },
  }
}
