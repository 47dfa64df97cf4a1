import { ApiError, HttpError, NetworkError } from '@b24bot/core'
import { createBaseClient, eventAuth, oauth, refreshTokens, type Auth, type EventAuthBlock, type TokenGrant } from '@b24bot/transport'
import { normalHost, type Install } from './installs.ts'

/**
 * The credentials of the OAuth app a bot belongs to, as {@link oauthApp} takes them: its `client_id` and
 * `client_secret` (from the app's settings on the portal or in the Vendor's account), and the OAuth
 * server's token endpoint.
 *
 * @example
 * ```ts
 * import { oauthApp, type AppCredentials } from '@b24bot/bot'
 *
 * const credentials: AppCredentials = { clientId: process.env.B24_CLIENT_ID!, clientSecret: process.env.B24_CLIENT_SECRET! }
 * const app = oauthApp(credentials)
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

/** What an install event says of itself: its claims, to be checked. */
export interface InstallClaim {
  /** The install's `auth[refresh_token]`: exchanged at the OAuth server, which proves it was issued to this app. */
  readonly refreshToken: string | undefined
  /** The portal the event claims to come from (`auth[member_id]`). */
  readonly memberId: string | undefined
  /** The portal's host the event claims (`auth[domain]`). */
  readonly domain: string | undefined
  /** The token the portal's later events will carry (`auth[application_token]`), trusted only once verified. */
  readonly applicationToken: string | undefined
}

/** How verifying an install ended: verified, refused (a forgery, or claims that do not match), or undecided (the OAuth server or the portal could not answer now). */
export type InstallVerdict =
  | { readonly kind: 'verified'; readonly install: Install }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'undecided'; readonly reason: string }

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
async function verifyInstall(claim: InstallClaim, app: AppCredentials, signal: AbortSignal): Promise<InstallVerdict> {
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
  let grant: TokenGrant
  try {
    grant = await refreshTokens({ refreshToken, ...app, signal })
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
      ...app,
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

/**
 * The OAuth app a bot belongs to, as `createBot({ app })` uses it: made by {@link oauthApp}, which
 * brings the OAuth code (token exchange and renewal) into a bundle only when a bot uses it.
 */
export interface OAuthApp {
  /** The app's credentials, as given. */
  readonly credentials: AppCredentials
  /**
   * Verifies an install event's claims against Bitrix24 (decision 037): its refresh token exchanged
   * at the OAuth server with the app's credentials, the portal the answer names asked whether the
   * installing user is an administrator. Never rejects: a verdict says how it ended.
   */
  verifyInstall(claim: InstallClaim, signal: AbortSignal): Promise<InstallVerdict>
  /** Auth for the tokens an event brought, renewed with the app's credentials when they expire (`eventAuth` of `@b24bot/transport`). */
  eventAuth(block: EventAuthBlock): Auth
}

/**
 * The OAuth app a bot belongs to, for `createBot({ app })`: with it, each `ONAPPINSTALL` is verified
 * against Bitrix24 before its token is trusted, and the tokens events bring are renewed when they
 * expire. The credentials are checked here: a `TypeError` names a missing one, never its value.
 *
 * @example
 * ```ts
 * import { createBot, memoryInstallStore, oauthApp } from '@b24bot/bot'
 *
 * const bot = createBot({
 *   app: oauthApp({ clientId: process.env.B24_CLIENT_ID!, clientSecret: process.env.B24_CLIENT_SECRET! }),
 *   installs: memoryInstallStore(),
 *   onInstall: (install) => console.log('installed on', install.domain),
 * })
 * ```
 */
export function oauthApp(credentials: AppCredentials): OAuthApp {
  for (const name of ['clientId', 'clientSecret'] as const) {
    const value: unknown = credentials[name]
    if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`oauthApp: ${name} is required (a non-empty string)`)
  }
  // Only the credentials go on to the transport, whatever else the object holds.
  const { clientId, clientSecret, tokenUrl } = credentials
  const app: AppCredentials = { clientId, clientSecret, ...(tokenUrl === undefined ? {} : { tokenUrl }) }
  return {
    credentials,
    verifyInstall: (claim, signal) => verifyInstall(claim, app, signal),
    eventAuth: (block) => eventAuth(block, app),
  }
}
