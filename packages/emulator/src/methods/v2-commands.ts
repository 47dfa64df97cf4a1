import type { Portal } from '../portal.ts'
import type { PortalBot, PortalCommand } from '../model/entities.ts'
import { phpEmpty, phpIsset, phpObject, phpString } from '../rest/php.ts'
import { RestError } from '../rest/rest-error.ts'
import { postCommandAnswer, readAnswerParams } from './imbot-commands.ts'
import type { MethodContext, MethodImplementation } from './method.ts'
import { v2ActingBot, v2Error, v2Fields, v2Flag } from './v2-identity.ts'

/** A stored localisation row, as `b_im_command_lang` keeps it. */
type LangRow = Readonly<Record<string, unknown>>

/** The language `Command.list` localises to (the portal's), and the default it falls back to (`Bot::getDefaultLanguage`). */
const portalLanguage = 'en'

/**
 * The engine's parameter binding error (a typed action argument): HTTP 400 with the numeric code
 * `100`, as every `Bitrix\Main\Engine` controller answers it, e.g. "Could not find value for
 * parameter {commandId}".
 */
function bindingError(description: string): RestError {
  return new RestError('100', description, 400, { error: 100 })
}

/** A required `int` action argument: missing, or not an integer, is the binding error. */
function intArgument(context: MethodContext, name: string): number {
  const value = context.params[name]
  if (!phpIsset(value)) throw bindingError(`Could not find value for parameter {${name}}`)
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : ''
  if (!/^[+-]?\d+$/.test(text))
    throw bindingError(`Invalid value ${phpString(value)} to match with parameter {${name}}. Should be value of type int.`)
  return Number(text)
}

/** A required `string` action argument: missing, or a list, is the binding error. */
function stringArgument(context: MethodContext, name: string): string {
  const value = context.params[name]
  if (!phpIsset(value)) throw bindingError(`Could not find value for parameter {${name}}`)
  if (typeof value === 'object')
    throw bindingError(`Invalid value Array to match with parameter {${name}}. Should be value of type string.`)
  return phpString(value)
}

/** `normalizeBooleanVariable`: a boolean as is; `Y`, `1`, `TRUE` (any case) are true; anything else false. */
function serverFlag(value: unknown): boolean {
  return v2Flag(value) ?? false
}

/** A Command object (imbot-v2 §10.6) as register and update answer it: the word with its leading `/`. */
function v2Command(command: PortalCommand): Record<string, unknown> {
  return {
    id: command.id,
    botId: command.botId,
    command: `/${command.command}`,
    common: command.common,
    hidden: command.hidden,
    extranetSupport: command.extranetSupport,
  }
}

/** `validateCommandOwnership`: the command must exist and belong to the acting bot, else `COMMAND_NOT_FOUND`. */
function commandOfBot(portal: Portal, bot: PortalBot, commandId: number): PortalCommand {
  const command = portal.commands.get(commandId)
  if (!command) throw v2Error('COMMAND_NOT_FOUND', 'Command not found')
  if (command.botId !== bot.id) throw v2Error('COMMAND_NOT_FOUND', 'Command belongs to a different bot')
  return command
}

/** A command word as the controller reads it: a string (`COMMAND_NAME_INVALID`) with one leading `/` dropped. */
function commandWord(value: unknown): string {
  if (typeof value !== 'string') throw v2Error('COMMAND_NAME_INVALID', 'Command name must be a string')
  return value.startsWith('/') ? value.slice(1) : value
}

/** `{ lang: text }` with lower-cased keys; anything that is not an object is empty. */
function byLanguage(value: unknown): Map<string, unknown> {
  return new Map(Object.entries(phpObject(value)).map(([lang, text]) => [lang.toLowerCase(), text]))
}

/**
 * `Command::register`/`update` storing a lang set: rows without a language or a title are skipped;
 * `PARAMS` defaults to `''`.
 */
function storedLang(rows: readonly LangRow[]): LangRow[] {
  return rows
    .filter((row) => !phpEmpty(row.LANGUAGE_ID) && phpIsset(row.TITLE))
    .map((row) => ({ LANGUAGE_ID: phpString(row.LANGUAGE_ID).toLowerCase(), TITLE: row.TITLE, PARAMS: row.PARAMS ?? '' }))
}

/**
 * The fields of `Command.register`: `fields` when it is not empty, else the legacy flat top-level
 * params (accepted until 30.09.2026, imbot-v2 §14).
 */
function registerFields(context: MethodContext): Readonly<Record<string, unknown>> {
  const fields = v2Fields(context)
  if (!phpEmpty(fields)) return fields
  const { command, title, params, common, hidden, extranetSupport } = context.params
  return { command, title, params, common, hidden, extranetSupport }
}

/**
 * `imbot.v2.Command.register` (imbot-v2 §8.3): the bot checks, `COMMAND_NAME_INVALID`,
 * `COMMAND_REQUIRED`; the bot's command with that word is answered as is (idempotent); else
 * `COMMAND_TITLE_REQUIRED` for a visible command without titles. Resolves to `{ command }`.
 */
const commandRegister: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const fields = registerFields(context)
    const word = commandWord(fields.command ?? '')
    if (word === '') throw v2Error('COMMAND_REQUIRED', 'Command is required')
    const { portal } = context
    const existing = [...portal.commands.values()].find((command) => command.botId === bot.id && command.command === word)
    if (existing) return { command: v2Command(existing) }
    const params = byLanguage(fields.params)
    const lang = phpIsset(fields.title)
      ? [...byLanguage(fields.title)].map(([language, title]) => ({
          LANGUAGE_ID: language,
          TITLE: title,
          ...(phpIsset(params.get(language)) ? { PARAMS: params.get(language) } : {}),
        }))
      : []
    const hidden = serverFlag(fields.hidden ?? 'N')
    if (!hidden && lang.length === 0) throw v2Error('COMMAND_TITLE_REQUIRED', 'Title is required for visible commands')
    const command = portal.addCommand({
      botId: bot.id,
      appId: bot.appId,
      command: word,
      common: serverFlag(fields.common ?? 'N'),
      hidden,
      extranetSupport: serverFlag(fields.extranetSupport ?? 'N'),
      lang: storedLang(lang),
    })
    return { command: v2Command(command) }
  },
}

/**
 * `imbot.v2.Command.update` (imbot-v2 §8.3): the bot checks, `commandId` (bound), the command
 * (`COMMAND_NOT_FOUND`); a given `command` (`COMMAND_NAME_INVALID`, `COMMAND_NAME_EMPTY`,
 * `COMMAND_ALREADY_EXISTS`); flags; `title` (`COMMAND_TITLE_INVALID`) patched per language (`null`
 * deletes; `params` applies to the patched languages). A command of another app is
 * `COMMAND_NOT_FOUND`. Resolves to `{ command }`.
 */
const commandUpdate: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const { portal } = context
    const command = commandOfBot(portal, bot, intArgument(context, 'commandId'))
    const fields = v2Fields(context)
    let word: string | undefined
    if (phpIsset(fields.command)) {
      word = commandWord(fields.command)
      if (word === '') throw v2Error('COMMAND_NAME_EMPTY', 'Command name cannot be empty')
      const taken = [...portal.commands.values()].some(
        (other) => other.id !== command.id && other.botId === bot.id && other.command === word,
      )
      if (taken) throw v2Error('COMMAND_ALREADY_EXISTS', 'Command with this name already exists')
    }
    let lang: LangRow[] | undefined
    if (phpIsset(fields.title)) {
      if (typeof fields.title !== 'object') throw v2Error('COMMAND_TITLE_INVALID', 'Title must be an object with language keys')
      const rows = new Map(command.lang.map((row) => [phpString(row.LANGUAGE_ID), row]))
      const params = byLanguage(fields.params)
      for (const [language, title] of byLanguage(fields.title)) {
        if (title === null) rows.delete(language)
        else rows.set(language, { LANGUAGE_ID: language, TITLE: title, PARAMS: params.get(language) ?? rows.get(language)?.PARAMS ?? '' })
      }
      lang = [...rows.values()]
    }
    if (command.appId !== bot.appId) throw v2Error('COMMAND_NOT_FOUND', 'Command not found or access denied')
    if (word !== undefined) command.command = word
    if (phpIsset(fields.common)) command.common = serverFlag(fields.common)
    if (phpIsset(fields.hidden)) command.hidden = serverFlag(fields.hidden)
    if (phpIsset(fields.extranetSupport)) command.extranetSupport = serverFlag(fields.extranetSupport)
    if (lang) command.lang = storedLang(lang)
    return { command: v2Command(command) }
  },
}

/** The row `Command.list` localises from: the portal language's, else the default language's, else the first. */
function localized(command: PortalCommand): LangRow | undefined {
  return command.lang.find((row) => row.LANGUAGE_ID === portalLanguage) ?? command.lang[0]
}

/**
 * `imbot.v2.Command.list` (imbot-v2 §8.3): the bot's commands with `title`/`params` localised,
 * `category` (the bot's name) and `context`; a command without a title is hidden. Resolves to
 * `{ commands }`.
 */
const commandList: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const category = `${bot.name} ${bot.lastName}`.trim()
    const commands = [...context.portal.commands.values()]
      .filter((command) => command.botId === bot.id)
      .map((command) => {
        const row = localized(command)
        const title = phpString(row?.TITLE)
        return {
          ...v2Command(command),
          title,
          params: phpString(row?.PARAMS),
          hidden: command.hidden || title === '',
          category,
          context: '',
        }
      })
    return { commands }
  },
}

/** `imbot.v2.Command.unregister` (imbot-v2 §8.3): the bot checks, `commandId`, the bot's own command (`COMMAND_NOT_FOUND`). */
const commandUnregister: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const { portal } = context
    const command = commandOfBot(portal, bot, intArgument(context, 'commandId'))
    if (command.appId !== bot.appId) throw v2Error('COMMAND_NOT_FOUND', 'Command not found or access denied')
    portal.commands.delete(command.id)
    return { result: true }
  },
}

/**
 * `imbot.v2.Command.answer` (imbot-v2 §8.3): the bot checks, `commandId`, `messageId` and `dialogId`
 * (bound), the bot's command (`COMMAND_NOT_FOUND`); `fields.attach`/`keyboard`/`menu` checked as in
 * the classic answer. Posts in the chat of the command's message while the bot's command window is
 * open, even where the bot is not a member (then as a system message naming it); after the window
 * nothing is posted. No such message, or nothing to post, is `COMMAND_ANSWER_FAILED`. Resolves to
 * `{ result: true }`, never the message id.
 */
const commandAnswer: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const { portal } = context
    const commandId = intArgument(context, 'commandId')
    const messageId = intArgument(context, 'messageId')
    stringArgument(context, 'dialogId')
    const command = commandOfBot(portal, bot, commandId)
    const fields = v2Fields(context)
    const params = readAnswerParams(fields.attach, fields.keyboard, fields.menu)
    if (phpIsset(fields.urlPreview) && !serverFlag(fields.urlPreview)) params.URL_PREVIEW = 'N'
    const answer = { text: phpString(fields.message), params, system: phpIsset(fields.system) && serverFlag(fields.system) }
    const posted = command.appId === bot.appId ? postCommandAnswer(portal, command, messageId, answer) : false
    if (posted === false) throw v2Error('COMMAND_ANSWER_FAILED', 'Failed to send command answer')
    return { result: true }
  },
}

/** `imbot.v2.Command.*`, keyed by lower-cased method name. */
export const v2CommandMethods: Readonly<Record<string, MethodImplementation>> = {
  'imbot.v2.command.register': commandRegister,
  'imbot.v2.command.update': commandUpdate,
  'imbot.v2.command.list': commandList,
  'imbot.v2.command.unregister': commandUnregister,
  'imbot.v2.command.answer': commandAnswer,
}
