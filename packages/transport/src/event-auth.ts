import type { Auth } from './auth.ts'
import { createTokenAuth, defaultTokenUrl, type OAuthOptions } from './oauth.ts'
import { parseHttpUrl, requireString } from './option-checks.ts'
import { tokenAuth } from './token-auth.ts'

/**
 * The `auth` block of an event, as the handler receives it (server-behavior §3.4): every scalar a
 * string. The same shape sits in `data[BOT][<botId>]` of bot events, for the bot user itself.
 */
export interface EventAuthBlock {
  /** The token of the user whose action raised the event; absent for webhook bots and system actions. */
  readonly access_token: string
  /** Present only on events sent with `sendRefreshToken` (message add/update/delete, context, command). */
  readonly refresh_token?: string
  /** The portal's REST root: `https://{portal}/rest/`. */
  readonly client_endpoint: string
  /** The portal's host name, `example.bitrix24.com`. */
  readonly domain?: string
  /** Seconds the access token lives from issue (`'3600'`), as the form sends it. */
  readonly expires_in?: string
  /** Unix time the access token expires, as the form sends it. */
  readonly expires?: string
  /** The proof the event came from the portal; kept out of errors like the tokens. */
  readonly application_token?: string
  readonly [field: string]: unknown
}

/** What {@link eventAuth} takes to refresh an expired token: the app that owns it, and what {@link oauth} takes besides. */
export type EventAuthOptions = Pick<OAuthOptions, 'clientId' | 'clientSecret' | 'tokenUrl' | 'onTokens' | 'store'>

const where = 'eventAuth()'

/**
 * Auth from the `auth` block of an event, so that a handler can call back as the user (or, with
 * `data[BOT][<botId>]`, as the bot) the event came with. Calls go to the block's `client_endpoint`.
 *
 * With `{ clientId, clientSecret }` and a `refresh_token` in the block, an expired token is refreshed
 * as {@link oauth} does; otherwise an `expired_token` answer is final. The block is checked first:
 * a `TypeError` names a missing field, never its value.
 *
 * @example
 * ```ts
 * import { createClient, eventAuth } from '@b24bot/transport'
 *
 * // A decoded event's `auth` has every field optional: pick what the block needs.
 * const auth = event.auth
 * if (event.event === 'ONIMBOTMESSAGEADD' && auth?.access_token && auth.client_endpoint) {
 *   const block = { access_token: auth.access_token, client_endpoint: auth.client_endpoint }
 *   const client = createClient({
 *     auth: eventAuth(block, { clientId: process.env.B24_CLIENT_ID!, clientSecret: process.env.B24_CLIENT_SECRET! }),
 *   })
 *   await client.call('imbot.message.add', { DIALOG_ID: event.data.PARAMS.DIALOG_ID, MESSAGE: 'Got it' })
 * }
 * ```
 */
export function eventAuth(block: EventAuthBlock, options?: EventAuthOptions): Auth {
  if (typeof block !== 'object' || (block as unknown) === null) throw new TypeError(`${where}: the auth block is not an object`)
  const accessToken = requireString(block.access_token, 'auth[access_token]', where)
  const endpoint = parseHttpUrl(requireString(block.client_endpoint, 'auth[client_endpoint]', where), 'auth[client_endpoint]', where)
  const restUrl = endpoint.href.endsWith('/') ? endpoint.href : `${endpoint.href}/`
  const refreshToken = typeof block.refresh_token === 'string' && block.refresh_token !== '' ? block.refresh_token : undefined
  const applicationToken = typeof block.application_token === 'string' ? [block.application_token] : []
  // The refresh token is not sent, but it is the event's secret all the same.
  const kept = [...applicationToken, ...(refreshToken === undefined ? [] : [refreshToken])]
  if (!options) return tokenAuth({ restUrl, accessToken, secrets: kept })
  const clientId = requireString(options.clientId, 'clientId', where)
  const clientSecret = requireString(options.clientSecret, 'clientSecret', where)
  const tokenUrl = parseHttpUrl(options.tokenUrl ?? defaultTokenUrl, 'tokenUrl', where).href
  // Without a refresh token (events without `sendRefreshToken`), there is nothing to refresh with.
  if (refreshToken === undefined) return tokenAuth({ restUrl, accessToken, secrets: [...kept, clientSecret] })
  return createTokenAuth({
    portal: endpoint.origin,
    restUrl,
    tokens: { accessToken, refreshToken },
    refresh: { clientId, clientSecret, tokenUrl, onTokens: options.onTokens, store: options.store },
    secrets: [...applicationToken, clientSecret],
  })
}
