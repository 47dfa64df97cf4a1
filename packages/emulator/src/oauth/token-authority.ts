import type { PortalClock } from '../model/clock.ts'
import type { AppStatus, PortalApp } from '../model/entities.ts'

/** A token pair as `oauth.bitrix.info` hands it out, with the portal fields Bitrix24 adds. */
export interface OAuthTokens {
  /** The token for REST calls (`auth=`), valid one hour ({@link ACCESS_TOKEN_SECONDS}). */
  readonly access_token: string
  /** Trades once, at the token endpoint, for a new pair; valid 180 days. */
  readonly refresh_token: string
  /** Unix seconds when the access token expires. */
  readonly expires: number
  /** Seconds the access token lives: 3600. */
  readonly expires_in: number
  /** The app's granted scopes, comma-separated (`imbot,im,basic`). */
  readonly scope: string
  /** The portal's host, port included (`127.0.0.1:41234`); `oauth.bitrix.info` in what the token endpoint answers. */
  readonly domain: string
  /** The REST base URL to call with the token: the emulator's `{url}/rest/` (on the cloud, the OAuth server's). */
  readonly server_endpoint: string
  /** The portal's REST base URL, `{url}/rest/`. */
  readonly client_endpoint: string
  /** The portal's unique id, the same in every token answer and event `auth` block. */
  readonly member_id: string
  /** The user the tokens act as. */
  readonly user_id: number
  /** The app's status (`PortalApp.status`), the same in token answers and event `auth` blocks. */
  readonly status: AppStatus
}

/**
 * What the token endpoint answers for `grant_type=authorization_code` (imbot §8.2): a token pair
 * without `expires` and `user_id`, which only a refresh adds.
 */
export type CodeExchange = Omit<OAuthTokens, 'expires' | 'user_id'>

/**
 * What a portal appends to an app's `redirect_uri` when a user installs or opens it (imbot §8.2):
 * an authorization `code`, valid 30 seconds and once, to exchange at the token endpoint.
 */
export interface AuthorizationCode {
  /** The code to exchange at the token endpoint: valid 30 seconds, once. */
  readonly code: string
  /** The portal's host, port included. */
  readonly domain: string
  /** The portal's unique id, as in the token answers. */
  readonly member_id: string
  /** The app's granted scopes, comma-separated. */
  readonly scope: string
  /** The OAuth server to exchange the code at: `oauth.bitrix.info`. */
  readonly server_domain: string
}

/** Access tokens live one hour (server-behavior §1.3). */
export const ACCESS_TOKEN_SECONDS = 3600
/** Refresh tokens live 180 days. */
const REFRESH_TOKEN_SECONDS = 180 * 24 * 3600
/** Authorization codes live 30 seconds (imbot §8.2). */
const AUTHORIZATION_CODE_SECONDS = 30
/** The OAuth server, which names itself as the `domain` of what its token endpoint answers. */
const OAUTH_SERVER = 'oauth.bitrix.info'

interface AccessGrant {
  readonly app: PortalApp
  readonly userId: number
  readonly expires: number
}

/** What a refresh token or an authorization code stands for. */
interface RefreshGrant {
  readonly app: PortalApp
  readonly userId: number
  readonly expires: number
}

/** What a REST call's access token resolves to. */
export type TokenCheck =
  | { readonly ok: true; readonly app: PortalApp; readonly userId: number }
  | { readonly ok: false; readonly error: 'expired_token' | 'invalid_token' }

/** An error of the token endpoint, as an OAuth 2 server answers it. */
export interface TokenEndpointError {
  /** The HTTP status: 400 for a bad grant or grant type, 401 for bad client credentials. */
  readonly status: number
  /** The OAuth 2 error code: `invalid_grant`, `invalid_client` or `unsupported_grant_type`. */
  readonly error: string
  /** A human-readable explanation of `error`. */
  readonly error_description: string
}

function randomToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * Issues, checks and refreshes OAuth tokens like `oauth.bitrix.info`: access tokens expire on the
 * portal clock after an hour; a refresh token works once (a reused one is refused, as on the real
 * server) and gives a new pair.
 */
export class TokenAuthority {
  readonly #clock: PortalClock
  readonly #endpoint: () => string
  readonly #memberId = randomToken()

  /** The portal's `member_id`, as tokens and event `auth` blocks carry it. */
  get memberId(): string {
    return this.#memberId
  }
  readonly #access: Map<string, AccessGrant> = new Map()
  readonly #refresh: Map<string, RefreshGrant> = new Map()
  readonly #codes: Map<string, RefreshGrant> = new Map()

  /** `endpoint` gives the portal's base URL, known only once the server listens. */
  constructor(clock: PortalClock, endpoint: () => string) {
    this.#clock = clock
    this.#endpoint = endpoint
  }

  /** A new token pair for a user of an app, as an install or an authorization would give. */
  issue(app: PortalApp, userId: number): OAuthTokens {
    const now = this.#clock.seconds()
    const accessToken = randomToken()
    const refreshToken = randomToken()
    this.#access.set(accessToken, { app, userId, expires: now + ACCESS_TOKEN_SECONDS })
    this.#refresh.set(refreshToken, { app, userId, expires: now + REFRESH_TOKEN_SECONDS })
    const endpoint = this.#endpoint()
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      expires: now + ACCESS_TOKEN_SECONDS,
      expires_in: ACCESS_TOKEN_SECONDS,
      scope: [...app.scopes].join(','),
      // The host of `client_endpoint`, port included, as on a portal (where both are `<portal>`): clients
      // build `https://{domain}/rest/` from it, and the bot package checks an install's domain against it.
      domain: new URL(endpoint).host,
      server_endpoint: `${endpoint}/rest/`,
      client_endpoint: `${endpoint}/rest/`,
      member_id: this.#memberId,
      user_id: userId,
      status: app.status,
    }
  }

  /**
   * An authorization code for a user of an app, as the portal hands it to the app's `redirect_uri` on
   * install or open: valid 30 seconds on the portal clock, once, and only with this app's credentials.
   *
   * @example
   * ```ts
   * const { portal } = emulator
   * const app = portal.addApp()
   * const { code } = portal.tokens.authorize(app, 1)
   * // GET {url}/oauth/token/?grant_type=authorization_code&client_id=...&client_secret=...&code=...
   * ```
   */
  authorize(app: PortalApp, userId = 1): AuthorizationCode {
    const code = randomToken()
    this.#codes.set(code, { app, userId, expires: this.#clock.seconds() + AUTHORIZATION_CODE_SECONDS })
    return {
      code,
      domain: new URL(this.#endpoint()).host,
      member_id: this.#memberId,
      scope: [...app.scopes].join(','),
      server_domain: OAUTH_SERVER,
    }
  }

  /** Checks an access token: `expired_token` once `expires <= time()`, `invalid_token` when unknown. */
  check(accessToken: string): TokenCheck {
    const grant = this.#access.get(accessToken)
    if (!grant) return { ok: false, error: 'invalid_token' }
    if (grant.expires <= this.#clock.seconds()) return { ok: false, error: 'expired_token' }
    return { ok: true, app: grant.app, userId: grant.userId }
  }

  /**
   * The token endpoint: `grant_type=authorization_code` trades a valid, unused code of this client for
   * a token pair; `grant_type=refresh_token` a valid, unused refresh token for a new pair.
   */
  grant(params: Readonly<Record<string, unknown>>, apps: readonly PortalApp[]): OAuthTokens | CodeExchange | TokenEndpointError {
    const grantType = params.grant_type
    if (grantType !== 'refresh_token' && grantType !== 'authorization_code') {
      return {
        status: 400,
        error: 'unsupported_grant_type',
        error_description: 'Only grant_type=authorization_code or refresh_token is supported',
      }
    }
    const app = apps.find((candidate) => candidate.clientId === params.client_id && candidate.clientSecret === params.client_secret)
    if (!app) return { status: 401, error: 'invalid_client', error_description: 'Invalid client_id or client_secret' }
    const byCode = grantType === 'authorization_code'
    const grants = byCode ? this.#codes : this.#refresh
    const key = byCode ? params.code : params.refresh_token
    const token = typeof key === 'string' ? key : ''
    const grant = grants.get(token)
    if (grant?.app !== app || grant.expires <= this.#clock.seconds()) {
      return { status: 400, error: 'invalid_grant', error_description: byCode ? 'Invalid authorization code' : 'Invalid refresh token' }
    }
    grants.delete(token)
    // The OAuth server names itself as the domain of what it answers; the portal is in `client_endpoint`.
    const { expires, user_id: userId, ...tokens } = { ...this.issue(app, grant.userId), domain: OAUTH_SERVER }
    return byCode ? tokens : { ...tokens, expires, user_id: userId }
  }
}
