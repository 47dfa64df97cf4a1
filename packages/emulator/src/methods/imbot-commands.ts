import type { Portal } from '../portal.ts'
import type { PortalCommand, PortalMessage } from '../model/entities.ts'
import { isY, phpEmpty, phpIsset, phpObject, phpString } from '../rest/php.ts'
import { upperCaseKeys } from '../rest/read-params.ts'
import { RestError } from '../rest/rest-error.ts'
import { checkCallback, handlerUrlFor } from './classic-handlers.ts'
import { actingBot, callingApp, intval } from './classic-identity.ts'
import { storedText } from '../model/message-text.ts'
import { readAttach, readButtons } from './message-params.ts'
import type { MethodContext, MethodImplementation } from './method.ts'

/** `LANG`: a list of `{ LANGUAGE_ID, TITLE, PARAMS }` (or a map of them). */
function readLang(value: unknown): Readonly<Record<string, unknown>>[] {
  const entries = Array.isArray(value) ? value : typeof value === 'object' && value !== null ? Object.values(value) : []
  return entries.filter(
    (entry): entry is Record<string, unknown> =>
      typeof entry === 'object' && entry !== null && !phpEmpty((entry as Record<string, unknown>).LANGUAGE_ID),
  )
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
const imbotCommandRegister: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const appId = callingApp(context, params)
    const bot = actingBot(context.portal, params, appId, false)
    if (phpEmpty(params.EVENT_COMMAND_ADD))
      throw new RestError('EVENT_COMMAND_ADD_ERROR', 'Handler for "Command add" event isn\'t specified')
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
const imbotCommandUnregister: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const command = ownCommand(context, upperCaseKeys(context.params))
    context.portal.commands.delete(command.id)
    return true
  },
}

/** `imbot.command.update`: `FIELDS[EVENT_COMMAND_ADD|HIDDEN|EXTRANET_SUPPORT|LANG]`; nothing to change is `WRONG_REQUEST`. */
const imbotCommandUpdate: MethodImplementation = {
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

/** What a command answer carries: its text (maybe empty), its message params, and whether it was asked as a system message. */
export interface CommandAnswer {
  readonly text: string
  readonly params: Record<string, unknown>
  readonly system: boolean
}

/**
 * ATTACH, KEYBOARD and MENU of a command answer, read as `imbot.command.answer` reads them
 * (server-behavior §2.4): ATTACH (`ATTACH_ERROR`, `ATTACH_OVERSIZE`), KEYBOARD with its size check
 * (`KEYBOARD_ERROR`, `KEYBOARD_OVERSIZE`), MENU leniently (`MENU_ERROR`; an oversized one is not stored).
 */
export function readAnswerParams(attach: unknown, keyboard: unknown, menu: unknown): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  if (!phpEmpty(attach)) params.ATTACH = readAttach(attach)
  if (!phpEmpty(keyboard)) params.KEYBOARD = readButtons(keyboard, 'KEYBOARD', true)
  const items = phpEmpty(menu) ? undefined : readButtons(menu, 'MENU')
  if (items) params.MENU = items
  return params
}

/**
 * `Command::addMessage`: posts a bot's answer to the command carried by message `messageId`, in
 * that message's chat (the caller's dialog id does not choose it). `false` when there is no such
 * message (or chat), or nothing to post; `true`, posting nothing, once the bot's command window for
 * that dialog is closed (10 minutes, `Bot\Token`); else the posted message, which is reported.
 * The bot answers as itself where it is a member; elsewhere, or when asked for a system message,
 * the answer is a system message that names the bot (a private chat's is sent by the command's author).
 */
export function postCommandAnswer(
  portal: Portal,
  command: PortalCommand,
  messageId: number,
  answer: CommandAnswer,
): PortalMessage | boolean {
  const message = messageId > 0 ? portal.messages.get(messageId) : undefined
  const chat = message ? portal.chats.get(message.chatId) : undefined
  if (!message || !chat) return false
  const botId = command.botId
  // A group chat's window is keyed by `chat<id>`; a private chat's by either side's user id.
  const dialogIds = chat.type === 'P' ? [...chat.userIds].map(String) : [`chat${String(chat.id)}`]
  if (!dialogIds.some((dialogId) => portal.hasCommandToken(botId, dialogId))) return true
  const plain = chat.userIds.has(botId) && !answer.system
  const text = plain ? storedText(answer.text) : storedText(`[USER=${String(botId)}][/USER]:\n ${answer.text}`)
  if (text === '' && answer.params.ATTACH === undefined) return false
  const authorId = !plain && chat.type === 'P' ? message.authorId : botId
  const posted = portal.addMessage({ chatId: chat.id, authorId, text, params: answer.params, system: !plain })
  portal.events.messageAdded(posted)
  return posted
}

/** The command `imbot.command.answer` names: `COMMAND_ID` (exact key), else the app's `COMMAND` by name; `undefined` for neither. */
function answeredCommand(context: MethodContext, params: Readonly<Record<string, unknown>>, appId: string): PortalCommand | undefined {
  const { commands } = context.portal
  if (phpIsset(params.COMMAND_ID)) {
    const key = phpString(params.COMMAND_ID)
    const command = /^\d+$/.test(key) ? commands.get(Number(key)) : undefined
    if (!command) throw new RestError('COMMAND_ID_ERROR', 'Command not found')
    if (command.appId !== appId) throw new RestError('APP_ID_ERROR', 'Command was installed by another rest application')
    return command
  }
  if (!phpIsset(params.COMMAND)) return undefined
  const command = [...commands.values()].find((candidate) => candidate.appId === appId && candidate.command === phpString(params.COMMAND))
  if (!command) throw new RestError('COMMAND_ID_ERROR', 'Command not found')
  return command
}

/**
 * `imbot.command.answer` (server-behavior §2.4): the command by `COMMAND_ID` (`COMMAND_ID_ERROR`,
 * `APP_ID_ERROR`) or the app's `COMMAND`; `MESSAGE_ID` (`MESSAGE_ID_EMPTY`); a non-blank `MESSAGE`
 * (`MESSAGE_EMPTY`); ATTACH/KEYBOARD/MENU checks; `SYSTEM`, `URL_PREVIEW`. Posts in the chat of the
 * command's message while the window is open and resolves to the new message id; after the 10
 * minutes it resolves to `true`. Nothing posted otherwise is `WRONG_REQUEST`.
 */
const imbotCommandAnswer: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const command = answeredCommand(context, params, callingApp(context, params))
    const messageId = intval(params.MESSAGE_ID)
    if (messageId <= 0) throw new RestError('MESSAGE_ID_EMPTY', "Message ID can't be empty")
    const text = phpString(params.MESSAGE).trim()
    if (text === '') throw new RestError('MESSAGE_EMPTY', "Message can't be empty")
    const messageParams = readAnswerParams(params.ATTACH, params.KEYBOARD, params.MENU)
    if (params.URL_PREVIEW === 'N') messageParams.URL_PREVIEW = 'N'
    const posted = command
      ? postCommandAnswer(context.portal, command, messageId, { text, params: messageParams, system: isY(params.SYSTEM) })
      : false
    if (posted === false) throw new RestError('WRONG_REQUEST', "Message isn't added")
    return posted === true ? true : posted.id
  },
}

/** `imbot.command.*`, keyed by lower-cased method name. */
export const imbotCommandMethods: Readonly<Record<string, MethodImplementation>> = {
  'imbot.command.register': imbotCommandRegister,
  'imbot.command.unregister': imbotCommandUnregister,
  'imbot.command.update': imbotCommandUpdate,
  'imbot.command.answer': imbotCommandAnswer,
}
