import type { Portal } from '../portal.ts'
import type { PortalBot } from '../model/entities.ts'
import { phpIsset, phpString } from '../rest/php.ts'
import { RestError } from '../rest/rest-error.ts'
import type { MethodContext } from './method.ts'

/**
 * The calling application, as `getBotId()` decides it (server-behavior §2.2): an OAuth call's
 * `client_id`; otherwise `custom` + the `CLIENT_ID` param; otherwise 403 `ACCESS_DENIED`.
 */
export function callingApp(context: MethodContext, params: Readonly<Record<string, unknown>>): string {
  if (context.auth.type === 'oauth') return context.auth.clientId
  const clientId = phpString(params.CLIENT_ID)
  if (clientId === '') throw new RestError('ACCESS_DENIED', 'Access denied! Client ID not specified', 403)
  return `custom${clientId}`
}

/** PHP `intval` of a param. */
export function intval(value: unknown): number {
  const parsed = Number.parseInt(phpString(value), 10)
  return Number.isNaN(parsed) ? 0 : parsed
}

/**
 * The acting bot (server-behavior §2.3). With `BOT_ID` set (not `null`): that bot, which must exist
 * (`BOT_ID_ERROR`) and belong to the app (`APP_ID_ERROR`). Without it, when `autoResolve`: the app's
 * first bot (lowest id); else `BOT_ID_ERROR`.
 */
export function actingBot(portal: Portal, params: Readonly<Record<string, unknown>>, appId: string, autoResolve: boolean): PortalBot {
  const given = phpIsset(params.BOT_ID)
  if (!given) {
    const first = autoResolve ? [...portal.bots.values()].filter((bot) => bot.appId === appId).sort((a, b) => a.id - b.id)[0] : undefined
    if (!first) throw new RestError('BOT_ID_ERROR', 'Bot not found')
    return first
  }
  const bot = portal.bots.get(intval(params.BOT_ID))
  if (!bot) throw new RestError('BOT_ID_ERROR', 'Bot not found')
  if (bot.appId !== appId) throw new RestError('APP_ID_ERROR', 'Bot was installed by another rest application')
  return bot
}
