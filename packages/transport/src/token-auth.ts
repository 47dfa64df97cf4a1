import type { Auth } from './auth.ts'
import { parseHttpUrl, requireString } from './option-checks.ts'

/** What {@link tokenAuth} takes. */
export interface TokenAuthOptions {
  /** The portal's REST root, `https://{portal}/rest/`: an event's `client_endpoint`. */
  readonly restUrl: string | URL
  /** The OAuth access token. A secret: kept out of every error and log. */
  readonly accessToken: string
  /** Other values to keep out of errors and logs, such as an event's `application_token`. */
  readonly secrets?: readonly string[]
}

const where = 'tokenAuth()'

/**
 * Auth with an access token you hold, used as it is: a Bearer token, never refreshed, so a call after
 * it expires fails with `expired_token`. For a token that must be renewed, {@link oauth}; for the
 * tokens of an event, {@link eventAuth}, which renews them with the app's credentials. The options are
 * checked first: a `TypeError` names a missing or malformed one, never its value.
 *
 * @example
 * ```ts
 * import { createBaseClient, tokenAuth } from '@b24bot/transport'
 *
 * // The token an event brought, for the hour it lives:
 * const client = createBaseClient({ auth: tokenAuth({ restUrl: 'https://example.bitrix24.com/rest/', accessToken: 'a1b2c3' }) })
 * ```
 */
export function tokenAuth(options: TokenAuthOptions): Auth {
  const accessToken = requireString(options.accessToken, 'accessToken', where)
  const endpoint = parseHttpUrl(options.restUrl, 'restUrl', where)
  const restUrl = endpoint.href.endsWith('/') ? endpoint.href : `${endpoint.href}/`
  const secrets = [accessToken, ...(options.secrets ?? [])].filter((value) => typeof value === 'string' && value !== '')
  return {
    portal: endpoint.origin,
    authorize: (method) => ({ url: `${restUrl}${method}`, headers: { authorization: `Bearer ${accessToken}` }, credential: accessToken }),
    secrets: () => secrets,
  }
}
