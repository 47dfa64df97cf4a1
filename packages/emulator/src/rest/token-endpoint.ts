import type { Portal } from '../portal.ts'
import type { InjectedReply } from './records.ts'
import type { RestResponse } from './handle-rest.ts'
import { readParams } from './read-params.ts'

/**
 * `{url}/oauth/token/`, standing in for `https://oauth.bitrix.info/oauth/token/`: with `client_id`,
 * `client_secret` and either `grant_type=authorization_code` and a `code` (`portal.tokens.authorize`)
 * or `grant_type=refresh_token` and a `refresh_token` (query or body), a token pair; the code or the
 * refresh token is spent. Errors as an OAuth 2 server answers them (decision 015).
 */
export async function handleTokenRequest(
  portal: Portal,
  query: string,
  body: string,
  contentType: string | undefined,
): Promise<RestResponse> {
  const params = readParams(query, body, contentType)
  // A scripted fault (`portal.inject({ method: 'oauth/token', ... })`): no token is then granted.
  const injected = portal.rest.injections.take('oauth/token', true)
  if (injected?.delayMs) await new Promise((resolve) => setTimeout(resolve, injected.delayMs))
  if (injected?.reset === 'before') {
    portal.rest.log.tokenRequest({ params, status: 0 })
    return { status: 0, headers: {}, body: '', reset: true }
  }
  if (injected?.reply) {
    const answer = scripted(injected.reply)
    portal.rest.log.tokenRequest({ params, status: answer.status })
    return answer
  }
  const outcome = portal.tokens.grant(params, portal.apps)
  const failed = 'error' in outcome
  portal.rest.log.tokenRequest({ params, status: failed ? outcome.status : 200 })
  const payload = failed ? { error: outcome.error, error_description: outcome.error_description } : outcome
  const answer = {
    status: failed ? outcome.status : 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(payload),
  }
  // `reset: 'after'`: the refresh was made (the refresh token is spent), but the answer is lost.
  return injected?.reset === 'after' ? { ...answer, reset: true } : answer
}

/** A scripted answer of the token endpoint. */
function scripted(reply: InjectedReply): RestResponse {
  if ('result' in reply)
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(reply.result) }
  if ('error' in reply)
    return {
      status: reply.status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ error: reply.error, error_description: reply.description ?? '' }),
    }
  return { status: reply.status, headers: { 'content-type': reply.contentType ?? 'text/html; charset=utf-8' }, body: reply.body }
}
