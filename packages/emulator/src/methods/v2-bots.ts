import type { Portal } from '../portal.ts'
import type { PortalBot } from '../model/entities.ts'
import { randomSecret } from '../model/random-secret.ts'
import { phpEmpty, phpIsset, phpObject, phpString } from '../rest/php.ts'
import { checkCallback } from './classic-handlers.ts'
import { intval } from './classic-identity.ts'
import type { MethodContext, MethodImplementation } from './method.ts'
import { v2Bot, v2User } from '../views/v2-entities.ts'
import { botsOfApp, botTypeFromV2, v2ActingBot, v2CallingApp, v2Error, v2Fields, v2Flag } from './v2-identity.ts'
import { safeColors } from '../model/colors.ts'

/** `Bot::BOT_TOKEN_MAX_LENGTH`: longer tokens are refused (register from 06.08.2026, rotation always; imbot-v2 §2.2). */
const botTokenMaxLength = 40
/** `Bot::BOT_LIMIT_DEFAULT`: bots one application may own (imbot-v2 §5). */
const botLimit = 100
/** The backgrounds `Background::normalizeBackgroundId` keeps; anything else becomes `null` (imbot-v2 §8.1). */
const backgrounds = new Set(['azure', 'mint', 'steel', 'slate', 'teal', 'cornflower', 'sky', 'peach', 'frost'])
/** `Revision::get()` of a portal at change-log revision 36 (imbot-v2 §14); the client revisions as the example shows them. */
const revisions = { rest: 36, web: 130, mobile: 23, desktop: 6 }

/** `normalizeBooleanVariable`: a boolean as is; `Y`, `1`, `TRUE` (any case) are true; anything else false. */
function serverFlag(value: unknown): boolean {
  return v2Flag(value) ?? false
}

/** A camelCase field or its upper-snake twin (`fields['code'] ?? fields['CODE']`), as the v2 bot controller reads them. */
function either(fields: Readonly<Record<string, unknown>>, camel: string, upper: string): unknown {
  return fields[camel] ?? fields[upper]
}

/** `{ bot, users }`: the Bot object (extended for its owner) and the bot's user (imbot-v2 §8.1, §10.1-10.2). */
function botResult(portal: Portal, bot: PortalBot, extended: boolean): Record<string, unknown> {
  const user = portal.users.get(bot.id)
  return { bot: v2Bot(portal, bot, extended), users: user ? [v2User(portal, user)] : [] }
}

/** `HandlerHelper::checkCallback` on a v2 `webhookUrl`: its refusal is `BOT_INVALID_CALLBACK` with the helper's text. */
function checkWebhookUrl(url: string): void {
  try {
    checkCallback('EVENT_MESSAGE_ADD', url)
  } catch (error) {
    throw v2Error('BOT_INVALID_CALLBACK', error instanceof Error ? error.message : 'Invalid callback URL')
  }
}

/** A `botToken` longer than 40 characters (counted as PHP's `mb_strlen`) is `BOT_TOKEN_INVALID_LENGTH`. */
function checkTokenLength(token: string): void {
  if (Array.from(token).length > botTokenMaxLength) throw v2Error('BOT_TOKEN_INVALID_LENGTH', 'Bot token must not exceed 40 characters')
}

/** Width and height of a PNG or GIF, read from its header; `undefined` for other formats. */
function imageSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50) return { width: view.getUint32(16), height: view.getUint32(20) }
  if (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49)
    return { width: view.getUint16(6, true), height: view.getUint16(8, true) }
  return undefined
}

/**
 * `processAvatar`: raw Base64 of an `image/*` (PNG, JPEG, GIF or WebP by signature, else
 * `BOT_AVATAR_INCORRECT_TYPE`) of at most 5000x5000 (`BOT_AVATAR_INCORRECT_SIZE`; read for PNG and GIF).
 */
function checkAvatar(avatar: unknown): void {
  const text = phpString(avatar)
  if (!['iVBORw0KGgo', '/9j/', 'R0lGOD', 'UklGR'].some((signature) => text.startsWith(signature))) {
    throw v2Error('BOT_AVATAR_INCORRECT_TYPE', 'Avatar must be an image file')
  }
  const size = imageSize(Buffer.from(text.slice(0, 64), 'base64'))
  if (size && (size.width === 0 || size.height === 0 || size.width > 5000 || size.height > 5000)) {
    throw v2Error('BOT_AVATAR_INCORRECT_SIZE', 'Avatar image exceeds maximum dimensions (5000x5000)')
  }
}

/**
 * `mapUserProperties` then `Bot::update`/`CUser` (imbot-v2 §8.1): every profile key is written, a
 * missing one as `''` (so an update that names only `name` clears `lastName`, `workPosition` and
 * `gender`, as on the server); a blank `name` is kept; a colour outside the safe list is ignored.
 */
function applyProfile(portal: Portal, bot: PortalBot, properties: Readonly<Record<string, unknown>>): void {
  const user = portal.users.get(bot.id)
  const name = phpString(either(properties, 'name', 'NAME'))
  if (name.trim() !== '') bot.name = name
  bot.lastName = phpString(either(properties, 'lastName', 'LAST_NAME'))
  const workPosition = phpString(either(properties, 'workPosition', 'WORK_POSITION'))
  bot.properties.WORK_POSITION = workPosition
  const gender = phpString(either(properties, 'gender', 'PERSONAL_GENDER'))
  const color = phpString(either(properties, 'color', 'COLOR'))
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toUpperCase()
  if (safeColors.has(color)) bot.properties.COLOR = color
  if (!user) return
  user.name = bot.name
  user.lastName = bot.lastName
  user.workPosition = workPosition
  user.gender = gender === 'M' || gender === 'F' ? gender : ''
}

/** `Background::normalizeBackgroundId`: one of the nine backgrounds, else `null`. */
function backgroundOf(value: unknown): string | null {
  const id = phpString(value)
  return backgrounds.has(id) ? id : null
}

/**
 * The application `Bot.register` acts for (imbot-v2 §2.2, `Bot::processBeforeAction`): OAuth's
 * `client_id`; else a top-level `botToken` (the quick-start form), else `fields.botToken` (the
 * documented form); neither is `BOT_TOKEN_NOT_SPECIFIED`. Also returns the webhook token used.
 */
function registeringApp(context: MethodContext, fields: Readonly<Record<string, unknown>>): { appId: string; token: string | undefined } {
  if (context.auth.type === 'oauth') return { appId: v2CallingApp(context), token: undefined }
  const topLevel = phpString(context.params.botToken)
  const token = topLevel !== '' ? topLevel : either(fields, 'botToken', 'BOT_TOKEN')
  const appId = v2CallingApp(context, token)
  return { appId, token: appId.slice('custom'.length) }
}

/**
 * `imbot.v2.Bot.register` (imbot-v2 §8.1). Check order as the controller runs it: the caller's app
 * (`BOT_TOKEN_NOT_SPECIFIED`), the token's length (`BOT_TOKEN_INVALID_LENGTH`), `BOT_CODE_REQUIRED`,
 * `BOT_PROPERTIES_REQUIRED` (no `name`), `BOT_INVALID_EVENT_MODE`, `BOT_WEBHOOK_URL_REQUIRED`; then the
 * code: the caller's own bot is answered unchanged, another app's is `BOT_CODE_ALREADY_TAKEN`; then
 * `BOT_LIMIT_EXCEEDED`, `BOT_INVALID_TYPE`, `BOT_INVALID_CALLBACK`, the avatar. Resolves to `{ bot, users }`.
 */
const botRegister: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const fields = v2Fields(context)
    const { appId, token } = registeringApp(context, fields)
    if (token !== undefined) checkTokenLength(token)
    const code = phpString(either(fields, 'code', 'CODE'))
    if (code === '') throw v2Error('BOT_CODE_REQUIRED', 'Bot code is required')
    const properties = phpObject(either(fields, 'properties', 'PROPERTIES'))
    if (phpEmpty(properties) || phpEmpty(either(properties, 'name', 'NAME')))
      throw v2Error('BOT_PROPERTIES_REQUIRED', 'Bot properties are required')
    const eventMode = phpString(either(fields, 'eventMode', 'EVENT_MODE') ?? 'fetch').toLowerCase()
    if (eventMode !== 'fetch' && eventMode !== 'webhook') throw v2Error('BOT_INVALID_EVENT_MODE', 'Invalid event mode')
    const webhookUrl = phpString(either(fields, 'webhookUrl', 'WEBHOOK_URL'))
    if (eventMode === 'webhook' && webhookUrl === '')
      throw v2Error('BOT_WEBHOOK_URL_REQUIRED', 'Webhook URL is required for webhook event mode')

    const { portal } = context
    const existing = [...portal.bots.values()].find((bot) => bot.code === code)
    if (existing) {
      if (existing.appId !== appId) throw v2Error('BOT_CODE_ALREADY_TAKEN', 'Bot with this code already exists')
      return botResult(portal, existing, true)
    }
    if (botsOfApp(portal, appId).length >= botLimit) throw v2Error('BOT_LIMIT_EXCEEDED', 'Bot limit exceeded')
    const type = botTypeFromV2(phpString(either(fields, 'type', 'TYPE') ?? 'bot'))
    if (!type) throw v2Error('BOT_INVALID_TYPE', 'Invalid bot type')
    if (eventMode === 'webhook') checkWebhookUrl(webhookUrl)
    const avatar = either(properties, 'avatar', 'PERSONAL_PHOTO')
    if (!phpEmpty(avatar)) checkAvatar(avatar)

    const bot = portal.createBot({
      appId,
      code,
      type,
      openline: serverFlag(either(fields, 'isSupportOpenline', 'IS_SUPPORT_OPENLINE') ?? 'N'),
      generation: 'v2',
      eventMode,
      webhookUrl: eventMode === 'webhook' ? webhookUrl : '',
      // A webhook-authorized bot keys its subscriptions with a synthetic token of its own (imbot-v2 §2.2).
      ...(token === undefined ? {} : { applicationToken: randomSecret() + randomSecret() }),
    })
    applyProfile(portal, bot, properties)
    bot.isHidden = serverFlag(either(fields, 'isHidden', 'IS_HIDDEN') ?? 'N')
    bot.isReactionsEnabled = serverFlag(either(fields, 'isReactionsEnabled', 'IS_REACTIONS_ENABLED') ?? 'Y')
    bot.backgroundId = backgroundOf(either(fields, 'backgroundId', 'BACKGROUND_ID'))
    return botResult(portal, bot, true)
  },
}

/**
 * `botToken` rotation (`rotateBotToken`, imbot-v2 §2.2): the bot, its commands and chat apps (their
 * `custom<token>` app id) move to the new token at once. An OAuth bot, or a token another bot already
 * uses, is `BOT_TOKEN_ROTATION_FAILED` (the reason is not disclosed).
 */
function rotateToken(portal: Portal, bot: PortalBot, newAppId: string): void {
  if (!bot.appId.startsWith('custom')) throw v2Error('BOT_TOKEN_ROTATION_FAILED', 'Bot token rotation failed')
  if ([...portal.bots.values()].some((other) => other.id !== bot.id && other.appId === newAppId)) {
    throw v2Error('BOT_TOKEN_ROTATION_FAILED', 'Bot token rotation failed')
  }
  for (const command of portal.commands.values()) {
    if (command.botId === bot.id && command.appId === bot.appId) portal.commands.set(command.id, { ...command, appId: newAppId })
  }
  for (const app of portal.chatApps.values()) if (app.botId === bot.id && app.appId === bot.appId) app.appId = newAppId
  bot.appId = newAppId
}

/**
 * `imbot.v2.Bot.update` (imbot-v2 §8.1): the bot checks, then every given field is validated before
 * anything changes (avatar, `BOT_INVALID_EVENT_MODE`, the new `fields.botToken`: blank ignored, longer
 * than 40 `BOT_TOKEN_INVALID_LENGTH`, rotation). `webhookUrl` is taken while the effective mode is
 * `webhook`; a rejected one is ignored, as the server drops that error when the action still answers.
 * Resolves to `{ bot, users }`.
 */
const botUpdate: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const { portal } = context
    const fields = v2Fields(context)
    const properties = phpObject(either(fields, 'properties', 'PROPERTIES'))
    const avatar = either(properties, 'avatar', 'PERSONAL_PHOTO')
    if (!phpEmpty(properties) && !phpEmpty(avatar)) checkAvatar(avatar)
    const eventMode = phpIsset(fields.eventMode) ? phpString(fields.eventMode).toLowerCase() : undefined
    if (eventMode !== undefined && eventMode !== 'fetch' && eventMode !== 'webhook')
      throw v2Error('BOT_INVALID_EVENT_MODE', 'Invalid event mode')
    const newToken = phpString(either(fields, 'botToken', 'BOT_TOKEN')).trim()
    if (newToken !== '') {
      checkTokenLength(newToken)
      if (`custom${newToken}` !== bot.appId) rotateToken(portal, bot, `custom${newToken}`)
    }

    if (!phpEmpty(properties)) applyProfile(portal, bot, properties)
    if (phpIsset(fields.isHidden)) bot.isHidden = serverFlag(fields.isHidden)
    if (phpIsset(fields.isReactionsEnabled)) bot.isReactionsEnabled = serverFlag(fields.isReactionsEnabled)
    if (phpIsset(fields.isSupportOpenline)) bot.openline = serverFlag(fields.isSupportOpenline)
    if (phpIsset(fields.backgroundId)) bot.backgroundId = backgroundOf(fields.backgroundId)
    if (eventMode === 'fetch' || eventMode === 'webhook') bot.eventMode = eventMode
    const webhookUrl = phpString(fields.webhookUrl)
    if (bot.eventMode === 'webhook' && !phpEmpty(webhookUrl)) {
      try {
        checkWebhookUrl(webhookUrl)
        bot.webhookUrl = webhookUrl
      } catch {
        // `prepareWebhookUrl` records BOT_INVALID_CALLBACK, but a non-null result wins: the old URL stays bound.
      }
    }
    return botResult(portal, bot, true)
  },
}

/**
 * `imbot.v2.Bot.get` (imbot-v2 §8.1): any caller with an app (`BOT_TOKEN_NOT_SPECIFIED`); `botId`
 * first, then `code` (`BOT_NOT_FOUND`), neither is `PARAMS_REQUIRED`. The owner gets the extended
 * Bot object, anyone else the brief one.
 */
const botGet: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const appId = v2CallingApp(context)
    const { portal, params } = context
    const botId = intval(params.botId ?? params.BOT_ID)
    const code = params.code ?? params.CODE
    let bot: PortalBot | undefined
    if (botId > 0) bot = portal.bots.get(botId)
    else if (phpIsset(code) && code !== '') bot = [...portal.bots.values()].find((candidate) => candidate.code === phpString(code))
    else throw v2Error('PARAMS_REQUIRED', 'botId or code is required')
    if (!bot) throw v2Error('BOT_NOT_FOUND', 'Bot not found')
    return botResult(portal, bot, bot.appId === appId)
  },
}

/**
 * `imbot.v2.Bot.list` (imbot-v2 §8.1): the caller's bots, lowest id first, `filter.type` applied when
 * it names a type (an unknown one is ignored, as the controller does), `limit` (default 50) and
 * `offset`; `hasNextPage` is whether the page came back full.
 */
const botList: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const appId = v2CallingApp(context)
    const { portal, params } = context
    const type = botTypeFromV2(phpString(phpObject(params.filter).type))
    const limit = phpIsset(params.limit) ? intval(params.limit) : 50
    const offset = Math.max(0, intval(params.offset))
    const matching = botsOfApp(portal, appId).filter((bot) => type === undefined || bot.type === type)
    const page = matching.slice(offset, limit > 0 ? offset + limit : undefined)
    const users = page.flatMap((bot) => {
      const user = portal.users.get(bot.id)
      return user ? [v2User(portal, user)] : []
    })
    return { bots: page.map((bot) => v2Bot(portal, bot, true)), users, hasNextPage: page.length === limit }
  },
}

/**
 * `imbot.v2.Bot.unregister` (imbot-v2 §8.1): the bot checks, then the bot and its commands are
 * removed and `ONIMBOTV2DELETE` is reported. Resolves to `{ result: true }`.
 */
const botUnregister: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    context.portal.removeBot(bot, context.userId)
    return { result: true }
  },
}

/** `imbot.v2.Revision.get` (imbot-v2 §8.4): no bot and no `botToken`; any user. */
const revisionGet: MethodImplementation = {
  scope: 'imbot',
  handle() {
    return { ...revisions }
  },
}

/** `imbot.v2.Bot.*` and `imbot.v2.Revision.get`, keyed by lower-cased method name. */
export const v2BotMethods: Readonly<Record<string, MethodImplementation>> = {
  'imbot.v2.bot.register': botRegister,
  'imbot.v2.bot.update': botUpdate,
  'imbot.v2.bot.get': botGet,
  'imbot.v2.bot.list': botList,
  'imbot.v2.bot.unregister': botUnregister,
  'imbot.v2.revision.get': revisionGet,
}
