import type { Portal } from '../portal.ts'
import type { BotType, PortalBot } from '../model/entities.ts'
import { phpObject, phpString } from '../rest/php.ts'
import { RestError } from '../rest/rest-error.ts'
import { intval } from './classic-identity.ts'
import type { MethodContext } from './method.ts'

/**
 * An error of an `imbot.v2` controller. The pages list 400 and 403 without saying which code gets
 * which, and the newer upstream revision shows `ACCESS_DENIED` answered with 400: every v2 method
 * error is a 400 here (decision 019).
 */
export function v2Error(code: string, description: string = code): RestError {
  return new RestError(code, description, 400)
}

/**
 * The application a v2 call acts for (imbot-v2 §2.1-2.2): an OAuth call's `client_id`; a webhook
 * call's `botToken` (inside `fields` for `Bot.register`), which stands where a classic webhook bot's
 * `CLIENT_ID` stands: `custom<botToken>`. A webhook call without it is `BOT_TOKEN_NOT_SPECIFIED`.
 */
export function v2CallingApp(context: MethodContext, botToken: unknown = context.params.botToken): string {
  if (context.auth.type === 'oauth') return context.auth.clientId
  const token = phpString(botToken).trim()
  if (token === '') throw v2Error('BOT_TOKEN_NOT_SPECIFIED', 'Bot token is not specified')
  return `custom${token}`
}

/**
 * The bot a v2 call acts as, checked the way the `BotController` does (imbot-v2 §4.1): the caller's
 * app (`BOT_TOKEN_NOT_SPECIFIED`), `botId` (`BOT_ID_REQUIRED`), the bot (`BOT_NOT_FOUND`), and that
 * the caller owns it (`BOT_OWNERSHIP_ERROR`: another app, or a wrong or rotated-out `botToken`).
 */
export function v2ActingBot(context: MethodContext): PortalBot {
  const appId = v2CallingApp(context)
  const botId = intval(context.params.botId)
  if (botId <= 0) throw v2Error('BOT_ID_REQUIRED', 'Bot ID is required')
  const bot = context.portal.bots.get(botId)
  if (!bot) throw v2Error('BOT_NOT_FOUND', 'Bot not found')
  if (bot.appId !== appId) throw v2Error('BOT_OWNERSHIP_ERROR', 'Bot is registered by another application')
  return bot
}

/** `fields` of a v2 call as an object (missing or not an object: empty). */
export function v2Fields(context: MethodContext): Readonly<Record<string, unknown>> {
  return phpObject(context.params.fields)
}

/**
 * A v2 boolean as the controllers read it (imbot-v2 §3, `normalizeBooleanVariable`): JSON
 * `true`/`false`, the `1`/`0` a form body carries, and `Y`/`N`, `TRUE`/`FALSE` in any case.
 * `undefined` when absent or unreadable.
 */
export function v2Flag(value: unknown): boolean | undefined {
  if (value === true || value === 1) return true
  if (value === false || value === 0) return false
  if (typeof value !== 'string') return undefined
  const text = value.toUpperCase()
  if (text === 'Y' || text === '1' || text === 'TRUE') return true
  if (text === 'N' || text === '0' || text === 'FALSE' || text === '') return false
  return undefined
}

/** The stored code for a v2 type name, or `undefined` for a name v2 does not accept. */
export function botTypeFromV2(name: string): BotType | undefined {
  const codes: Readonly<Record<string, BotType>> = { bot: 'B', openline: 'O', supervisor: 'S', personal: 'P', network: 'N' }
  return Object.hasOwn(codes, name) ? codes[name] : undefined
}

/** The bots an application owns, lowest id first. */
export function botsOfApp(portal: Portal, appId: string): PortalBot[] {
  return [...portal.bots.values()].filter((bot) => bot.appId === appId).sort((a, b) => a.id - b.id)
}
