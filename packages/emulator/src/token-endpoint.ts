import type { Portal } from './portal.ts'
import type { RestResponse } from './rest/handle-rest.ts'
import { readParams } from './rest/read-params.ts'

/**
 * `{url}/oauth/token/`, standing in for `https://oauth.bitrix.info/oauth/token/`: with
 * `grant_type=refresh_token`, `client_id`, `client_secret` and `refresh_token` (query or body), a new
 * token pair; the refresh token is spent. Errors as an OAuth 2 server answers them (decision 015).
 */
export function handleTokenRequest(portal: Portal, query: string, body: string, contentType: string | undefined): RestResponse {
  const params = readParams(query, body, contentType)
  const outcome = portal.tokens.refresh(params, portal.apps)
  const failed = 'error' in outcome
  portal.tokenRequests.push({ params, status: failed ? outcome.status : 200 })
  const payload = failed ? { error: outcome.error, error_description: outcome.error_description } : outcome
  return { status: failed ? outcome.status : 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(payload) }
}
