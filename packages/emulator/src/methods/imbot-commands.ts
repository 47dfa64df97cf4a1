import type { PortalCommand } from '../portal.ts'
import { isY, phpEmpty, phpIsset, phpObject, phpString } from '../rest/php.ts'
import { upperCaseKeys } from '../rest/read-params.ts'
import { RestError } from '../rest/rest-error.ts'
import { checkCallback, handlerUrlFor } from './classic-handlers.ts'
import { actingBot, callingApp, intval } from './classic-identity.ts'
import type { MethodContext, MethodImplementation } from './method.ts'

/** `LANG`: a list of `{ LANGUAGE_ID, TITLE, PARAMS }` (or a map of them). */
function readLang(value: unknown): Readonly<Record<string, unknown>>[] {
  const entries = Array.isArray(value) ? value : typeof value === 'object' && value !== null ? Object.values(value) : []
  return entries.filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null && !phpEmpty((entry as Record<string, unknown>).LANGUAGE_ID))
}

/** Binds `ONIMCOMMANDADD` for the app: one handler per application, like the bot events. */
function bindCommandHandler(context: MethodContext, appId: string, url: string): void {
  context.portal.handlers.set(appId, { ...context.portal.handlers.get(appId), EVENT_COMMAND_ADD: url })
}

/** The command named by `COMMAND_ID`, which must exist and belong to the calling app. */
function ownCommand(context: MethodContext, params: Readonly<Record<string, unknown>>): PortalCommand {
  const appId = callingApp(context, params)
  const command = context.portal.commands.get(intval(params.COMMAND_ID))
  if (!command) throw new RestError('COMMAND_ID_ERROR', 'Command not found')
  if (command.appId !== appId) throw new RestError('APP_ID_ERROR', 'Command was installed by another rest application')
  return command
}

/**
 * `imbot.command.register` (server-behavior §2.4): `BOT_ID` of one of the app's bots (no fallback),
 * `EVENT_COMMAND_ADD` (required, URL-checked, `?CLIENT_ID=` for webhook clients), `COMMAND` (a leading
 * `/` stripped), Y/N flags, `LANG` (required). Resolves to the command id.
 */
export const imbotCommandRegister: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const appId = callingApp(context, params)
    const bot = actingBot(context.portal, params, appId, false)
    if (phpEmpty(params.EVENT_COMMAND_ADD)) throw new RestError('EVENT_COMMAND_ADD_ERROR', 'Handler for "Command add" event isn\'t specified')
    const handler = handlerUrlFor(context, phpString(params.EVENT_COMMAND_ADD), params.CLIENT_ID)
    checkCallback('EVENT_COMMAND_ADD', handler)
    const name = phpString(params.COMMAND).replace(/^\//, '')
    if (name === '') throw new RestError('COMMAND_ERROR', "Command isn't specified")
    const lang = readLang(params.LANG)
    if (lang.length === 0) throw new RestError('LANG_ERROR', "Lang set can't be empty")
    const command = context.portal.addCommand({
      botId: bot.id,
      appId,
      command: name,
      common: isY(params.COMMON),
      hidden: isY(params.HIDDEN),
      extranetSupport: isY(params.EXTRANET_SUPPORT),
      lang,
    })
    bindCommandHandler(context, appId, handler)
    return command.id
  },
}

/** `imbot.command.unregister`: the app's own command, removed. */
export const imbotCommandUnregister: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const command = ownCommand(context, upperCaseKeys(context.params))
    context.portal.commands.delete(command.id)
    return true
  },
}

/** `imbot.command.update`: `FIELDS[EVENT_COMMAND_ADD|HIDDEN|EXTRANET_SUPPORT|LANG]`; nothing to change is `WRONG_REQUEST`. */
export const imbotCommandUpdate: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const command = ownCommand(context, params)
    const fields = phpObject(params.FIELDS)
    const given = (key: string): boolean => phpIsset(fields[key])
    if (!['EVENT_COMMAND_ADD', 'HIDDEN', 'EXTRANET_SUPPORT', 'LANG', 'COMMAND'].some(given)) {
      throw new RestError('WRONG_REQUEST', "Update fields can't be empty")
    }
    if (!phpEmpty(fields.EVENT_COMMAND_ADD)) {
      const handler = handlerUrlFor(context, phpString(fields.EVENT_COMMAND_ADD), params.CLIENT_ID)
      checkCallback('EVENT_COMMAND_ADD', handler)
      bindCommandHandler(context, command.appId, handler)
    }
    if (!phpEmpty(fields.COMMAND)) command.command = phpString(fields.COMMAND).replace(/^\//, '')
    if (given('HIDDEN')) command.hidden = isY(fields.HIDDEN)
    if (given('EXTRANET_SUPPORT')) command.extranetSupport = isY(fields.EXTRANET_SUPPORT)
    if (given('LANG')) command.lang = readLang(fields.LANG)
    return true
  },
}
