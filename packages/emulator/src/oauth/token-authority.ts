import type { PortalClock } from '../model/clock.ts'
import type { PortalApp } from '../model/entities.ts'

/** A token pair as `oauth.bitrix.info` hands it out, with the portal fields Bitrix24 adds. */
export interface OAuthTokens {
  readonly access_token: string
  readonly refresh_token: string
  /** Unix seconds when the access token expires. */
  readonly expires: number
  readonly expires_in: number
  readonly scope: string
  readonly domain: string
  readonly server_endpoint: string
  readonly client_endpoint: string
  readonly member_id: string
  readonly user_id: number
  readonly status: 'L'
}

/** Access tokens live one hour (server-behavior §1.3). */
export const ACCESS_TOKEN_SECONDS = 3600
/** Refresh tokens live 180 days. */
const REFRESH_TOKEN_SECONDS = 180 * 24 * 3600

interface AccessGrant {
  readonly app: PortalApp
  readonly userId: number
  readonly expires: number
}

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
  readonly status: number
  readonly error: string
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
      domain: new URL(endpoint).host,
      server_endpoint: `${endpoint}/rest/`,
      client_endpoint: `${endpoint}/rest/`,
      member_id: this.#memberId,
      user_id: userId,
      status: 'L',
    }
  }

  /** Checks an access token: `expired_token` once `expires <= time()`, `invalid_token` when unknown. */
  check(accessToken: string): TokenCheck {
    const grant = this.#access.get(accessToken)
    if (!grant) return { ok: false, error: 'invalid_token' }
    if (grant.expires <= this.#clock.seconds()) return { ok: false, error: 'expired_token' }
    return { ok: true, app: grant.app, userId: grant.userId }
  }

  /** `grant_type=refresh_token`: a new pair for a valid, unused refresh token of this client. */
  refresh(params: Readonly<Record<string, unknown>>, apps: readonly PortalApp[]): OAuthTokens | TokenEndpointError {
    if (params.grant_type !== 'refresh_token') {
      return { status: 400, error: 'unsupported_grant_type', error_description: 'Only grant_type=refresh_token is supported' }
    }
    const app = apps.find((candidate) => candidate.clientId === params.client_id && candidate.clientSecret === params.client_secret)
    if (!app) return { status: 401, error: 'invalid_client', error_description: 'Invalid client_id or client_secret' }
    const token = typeof params.refresh_token === 'string' ? params.refresh_token : ''
    const grant = this.#refresh.get(token)
    if (grant?.app !== app || grant.expires <= this.#clock.seconds()) {
      return { status: 400, error: 'invalid_grant', error_description: 'Invalid refresh token' }
    }
    this.#refresh.delete(token)
    // The OAuth server names itself as the domain of what it answers; the portal is in `client_endpoint`.
    return { ...this.issue(app, grant.userId), domain: 'oauth.bitrix.info' }
  }
}
