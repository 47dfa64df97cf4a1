import type { PortalApp, PortalBot } from '../model/entities.ts'
import type { PortalState } from '../model/portal-state.ts'

/*
 * The `auth` blocks of pushed events (server-behavior §3.4): who caused the event, and tokens to call
 * back as a bot. An OAuth app's events carry fresh OAuth tokens; a webhook client's carry none.
 */

/** The events whose top-level `auth` includes a `refresh_token` (`sendRefreshToken` in `im_rest.php`). */
const refreshTokenEvents: ReadonlySet<string> = new Set([
  'ONIMBOTMESSAGEADD',
  'ONIMBOTMESSAGEUPDATE',
  'ONIMBOTMESSAGEDELETE',
  'ONIMBOTCONTEXTGET',
  'ONIMCOMMANDADD',
])

/** The app behind an app id, when it is an installed OAuth app (not a webhook client). */
function oauthApp(portal: PortalState, appId: string) {
  return portal.apps.find((app) => app.clientId === appId)
}

/** The portal fields every `auth` block has. */
function portalFields(portal: PortalState): Record<string, string> {
  return {
    domain: new URL(portal.url).host,
    server_endpoint: `${portal.url}/rest/`,
    client_endpoint: `${portal.url}/rest/`,
    member_id: portal.tokens.memberId,
  }
}

/**
 * The top-level `auth`: OAuth tokens of the user who caused the event (`userId`; none when 0) for an
 * app, and `application_token` always. A webhook client gets only the portal fields and the token.
 */
export function eventAuth(portal: PortalState, bot: PortalBot, event: string, userId: number): Record<string, unknown> {
  return appAuth(portal, oauthApp(portal, bot.appId), bot.applicationToken, userId, refreshTokenEvents.has(event))
}

/** An `auth` block: an app's user tokens (without `refresh_token` unless `withRefresh`), or only the portal fields, and the token. */
export function appAuth(
  portal: PortalState,
  app: PortalApp | undefined,
  applicationToken: string,
  userId: number,
  withRefresh: boolean,
): Record<string, unknown> {
  if (!app || userId === 0) return { ...portalFields(portal), application_token: applicationToken }
  const { refresh_token: refreshToken, ...tokens } = portal.tokens.issue(app, userId)
  return { ...tokens, ...(withRefresh ? { refresh_token: refreshToken } : {}), application_token: applicationToken }
}

/**
 * OAuth tokens for the bot user itself (`getAccessToken($appId, $botId)`), with `client_id` and
 * `application_token`; `undefined` for a webhook client's bot, which gets none.
 */
export function botTokens(portal: PortalState, bot: PortalBot): Record<string, unknown> | undefined {
  const app = oauthApp(portal, bot.appId)
  if (!app) return undefined
  return { ...portal.tokens.issue(app, bot.id), client_id: app.clientId, application_token: bot.applicationToken }
}

/** A classic `data[BOT][id]` (or `data[COMMAND][id]`) entry: the bot's tokens, `AUTH` (a copy), `BOT_ID`, `BOT_CODE`. */
export function classicBotEntry(portal: PortalState, bot: PortalBot): Record<string, unknown> {
  const tokens = botTokens(portal, bot)
  return { ...(tokens ? { ...tokens, AUTH: tokens } : {}), BOT_ID: bot.id, BOT_CODE: bot.code }
}
