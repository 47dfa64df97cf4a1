import type { BotType, PortalBot } from '../model/entities.ts'
import type { Portal } from '../portal.ts'
import { isY, phpEmpty, phpIsset, phpObject, phpString } from '../rest/php.ts'
import { upperCaseKeys } from '../rest/read-params.ts'
import { RestError } from '../rest/rest-error.ts'
import { actingBot, callingApp } from './classic-identity.ts'
import { readHandlers } from './classic-handlers.ts'
import type { MethodImplementation } from './method.ts'

const botTypes: readonly string[] = ['O', 'B', 'H', 'S']

function fullName(bot: PortalBot): string {
  return `${bot.name} ${bot.lastName}`.trim()
}

/** Profile fields of `PROPERTIES` kept on the bot (nested keys are case-sensitive, as on the server). */
function applyProperties(portal: Portal, bot: PortalBot, properties: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(properties)) {
    if (key === 'NAME') bot.name = phpString(value)
    else if (key === 'LAST_NAME') bot.lastName = phpString(value)
    else bot.properties[key] = phpString(value)
  }
  // The bot is a user (`b_user` NAME, LAST_NAME): what events, chats and `imbot.v2` answers show.
  const user = portal.users.get(bot.id)
  if (!user) return
  user.name = bot.name
  user.lastName = bot.lastName
}

/**
 * `imbot.register` (server-behavior §2.4): handlers (required ones, `EVENT_HANDLER` fan-out, URL
 * checks), `CODE`, `TYPE` (strictly one of O/B/H/S, else B), `OPENLINE`, `PROPERTIES.NAME` or
 * `LAST_NAME`; idempotent by `CODE` (the existing bot's id, nothing updated); one handler set per
 * application, the given handlers rebound on every registration, the existing-CODE one included
 * (steps 8-9, §3.1).
 */
const imbotRegister: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const appId = callingApp(context, params)
    const handlers = readHandlers(params, context, params.CLIENT_ID, true)
    if (phpEmpty(params.CODE)) throw new RestError('CODE_ERROR', "Bot code isn't specified")
    const type = (typeof params.TYPE === 'string' && botTypes.includes(params.TYPE) ? params.TYPE : 'B') as BotType
    const properties = phpObject(params.PROPERTIES)
    if (!phpIsset(properties.NAME) && !phpIsset(properties.LAST_NAME)) throw new RestError('NAME_ERROR', "Bot name isn't specified")

    const code = phpString(params.CODE)
    const openline = isY(params.OPENLINE)
    // `Bot::register` is idempotent by CODE: the existing bot's id, nothing about it updated.
    let bot = [...context.portal.bots.values()].find((candidate) => candidate.code === code)
    if (!bot) {
      bot = context.portal.createBot({ appId, code, type, openline })
      applyProperties(context.portal, bot, properties)
    }
    // Update and delete handlers are bound only for supervisor and Open Channels bots.
    if (!(type === 'S' || type === 'O' || openline)) {
      delete handlers.EVENT_MESSAGE_UPDATE
      delete handlers.EVENT_MESSAGE_DELETE
    }
    // The handlers are then (re)bound for the caller, also when the bot existed: `bindEvent` replaces
    // only the rows of the events it binds, so the app's other bindings (ONIMCOMMANDADD...) stay (§3.1).
    context.portal.handlers.set(appId, { ...context.portal.handlers.get(appId), ...handlers })
    return bot.id
  },
}

/**
 * `imbot.unregister`: `BOT_ID` required (no fallback), owned by the caller; the bot and its commands
 * are removed, and `ONIMBOTDELETE` reported with the calling user's `auth` (server-behavior §3.4).
 */
const imbotUnregister: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const bot = actingBot(context.portal, params, callingApp(context, params), false)
    context.portal.removeBot(bot, context.userId)
    return true
  },
}

/**
 * `imbot.update`: `BOT_ID` (no fallback) and `FIELDS`: handlers (all optional), `CODE`, `TYPE`,
 * `OPENLINE`, `PROPERTIES`. Both names given and both empty: `NAME_ERROR`; nothing to change:
 * `WRONG_REQUEST`. (The server's "FIELDS[TYPE] needs a top-level TYPE" bug is not modelled.)
 */
const imbotUpdate: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const appId = callingApp(context, params)
    const bot = actingBot(context.portal, params, appId, false)
    const fields = phpObject(params.FIELDS)
    const handlers = readHandlers(fields, context, params.CLIENT_ID, false)
    const properties = phpObject(fields.PROPERTIES)
    if (phpIsset(properties.NAME) && phpIsset(properties.LAST_NAME) && phpEmpty(properties.NAME) && phpEmpty(properties.LAST_NAME)) {
      throw new RestError('NAME_ERROR', "Bot name isn't specified")
    }
    const changes = [
      !phpEmpty(fields.CODE),
      botTypes.includes(phpString(fields.TYPE)),
      phpIsset(fields.OPENLINE),
      Object.keys(properties).length > 0,
    ]
    if (!changes.some(Boolean) && Object.keys(handlers).length === 0) throw new RestError('WRONG_REQUEST', "Update fields can't be empty")
    if (!phpEmpty(fields.CODE)) bot.code = phpString(fields.CODE)
    if (botTypes.includes(phpString(fields.TYPE))) bot.type = phpString(fields.TYPE) as BotType
    if (phpIsset(fields.OPENLINE)) bot.openline = isY(fields.OPENLINE)
    applyProperties(context.portal, bot, properties)
    if (Object.keys(handlers).length > 0) context.portal.handlers.set(appId, { ...context.portal.handlers.get(appId), ...handlers })
    return true
  },
}

/** `imbot.bot.list`: every bot of the portal (not only the caller's) except network (`N`) bots, keyed by id; `[]` when none (server-behavior §2.4). */
const imbotBotList: MethodImplementation = {
  scope: 'imbot',
  handle({ portal }) {
    const bots = [...portal.bots.values()].filter((bot) => bot.type !== 'N')
    if (bots.length === 0) return []
    return Object.fromEntries(
      bots.map((bot) => [String(bot.id), { ID: bot.id, NAME: fullName(bot), CODE: bot.code, OPENLINE: bot.openline ? 'Y' : 'N' }]),
    )
  },
}

/** `imbot.register`, `imbot.unregister`, `imbot.update`, `imbot.bot.list`, keyed by lower-cased method name. */
export const imbotBotMethods: Readonly<Record<string, MethodImplementation>> = {
  'imbot.register': imbotRegister,
  'imbot.unregister': imbotUnregister,
  'imbot.update': imbotUpdate,
  'imbot.bot.list': imbotBotList,
}
