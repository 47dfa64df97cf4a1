import { reactionSet, type PortalBot, type PortalChat, type PortalMessage } from '../model/entities.ts'
import { isY, phpEmpty, phpIsset, phpString } from '../rest/php.ts'
import { upperCaseKeys } from '../rest/read-params.ts'
import { RestError } from '../rest/rest-error.ts'
import { actingBot, callingApp, intval } from './classic-identity.ts'
import { editWindowMs, storedText } from '../model/message-text.ts'
import { readAttach, readButtons } from './message-params.ts'
import type { MethodImplementation } from './method.ts'

const dialogIdPattern = /^([0-9]+|(chat|sg|crm)[0-9]+)$/i

function botName(bot: PortalBot): string {
  return `${bot.name} ${bot.lastName}`.trim()
}

/** The chat a `DIALOG_ID` names, as the bot posts to it; the core's refusals surface as its app-exception codes. */
function dialogChat(context: Parameters<MethodImplementation['handle']>[0], bot: PortalBot, dialogId: string): PortalChat {
  const { portal } = context
  if (/^\d+$/.test(dialogId)) {
    if (!portal.users.has(Number(dialogId))) throw new RestError('ERROR_NO_ACCESS', 'You do not have access to this dialog')
    return portal.privateChat(bot.id, Number(dialogId))
  }
  const chat = portal.chats.get(Number(dialogId.replace(/^\D+/, '')))
  if (!chat) throw new RestError('CHAT_ID', 'Chat not found')
  if (!chat.userIds.has(bot.id)) throw new RestError('CANCELED', 'You do not have access to this chat')
  return chat
}

/**
 * `imbot.message.add` (`botMessageAdd`, server-behavior §2.4): client and bot resolution (first bot of
 * the app when `BOT_ID` is omitted); `FROM_USER_ID` + `TO_USER_ID` make a system message between two
 * users; else `DIALOG_ID` (`DIALOG_ID_EMPTY`); a non-blank string `MESSAGE` (`MESSAGE_EMPTY`); ATTACH,
 * KEYBOARD and MENU read leniently; the bot must be in the chat. Resolves to the message id.
 */
const imbotMessageAdd: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const bot = actingBot(context.portal, params, callingApp(context, params), true)
    const fromUserId = intval(params.FROM_USER_ID)
    const toUserId = intval(params.TO_USER_ID)
    const betweenUsers = fromUserId > 0 && toUserId > 0
    const dialogId = phpString(params.DIALOG_ID)
    if (!betweenUsers && (!dialogIdPattern.test(dialogId) || phpEmpty(dialogId)))
      throw new RestError('DIALOG_ID_EMPTY', "Dialog ID can't be empty")
    const text = typeof params.MESSAGE === 'string' ? params.MESSAGE.trim() : ''
    if (text === '') throw new RestError('MESSAGE_EMPTY', "Message can't be empty")

    const messageParams: Record<string, unknown> = {}
    if (!phpEmpty(params.ATTACH)) messageParams.ATTACH = readAttach(params.ATTACH)
    for (const kind of ['KEYBOARD', 'MENU'] as const) {
      if (phpEmpty(params[kind])) continue
      const buttons = readButtons(params[kind], kind)
      if (buttons) messageParams[kind] = buttons
    }
    if (params.URL_PREVIEW === 'N') messageParams.URL_PREVIEW = 'N'

    const chat = betweenUsers ? context.portal.privateChat(fromUserId, toUserId) : dialogChat(context, bot, dialogId)
    const system = betweenUsers || isY(params.SYSTEM)
    // `Bot::addMessage` prefixes the text before `CIMMessenger::Add` turns `[BR]`/`[br]` into newlines.
    let prefixed = text
    if (betweenUsers) prefixed = `[USER=${String(bot.id)}][/USER][BR]${text}`
    else if (system && chat.type !== 'P') prefixed = `${botName(bot)}:[br]${text}`
    const message = context.portal.addMessage({
      chatId: chat.id,
      authorId: bot.id,
      text: storedText(prefixed),
      params: messageParams,
      system,
    })
    context.portal.events.messageAdded(message)
    return message.id
  },
}

function ownMessage(
  context: Parameters<MethodImplementation['handle']>[0],
  params: Readonly<Record<string, unknown>>,
): { bot: PortalBot; messageId: number; message: PortalMessage | undefined } {
  const bot = actingBot(context.portal, params, callingApp(context, params), true)
  const messageId = intval(params.MESSAGE_ID)
  if (messageId <= 0) throw new RestError('MESSAGE_ID_ERROR', "Message ID can't be empty")
  return { bot, messageId, message: context.portal.messages.get(messageId) }
}

const cantEdit = (): RestError => new RestError('CANT_EDIT_MESSAGE', "Time has expired for modification or you don't have access", 403)

/**
 * `imbot.message.update`: for each of ATTACH/KEYBOARD/MENU given, the bot must be the author of a live
 * message younger than three days (`CANT_EDIT_MESSAGE`); `''` or `'N'` removes it, otherwise it is read
 * with size checks (`*_OVERSIZE`) and parse errors (`menu_ERROR` in lower case). A given `MESSAGE`
 * replaces the text, and an empty one deletes the message. Always `true`.
 */
const imbotMessageUpdate: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const { bot, message } = ownMessage(context, params)
    const editable =
      message?.authorId === bot.id && !message.deleted && context.portal.clock.now() - message.createdAt.getTime() < editWindowMs
    for (const kind of ['ATTACH', 'KEYBOARD', 'MENU'] as const) {
      if (!phpIsset(params[kind])) continue
      if (!editable) throw cantEdit()
      if (phpEmpty(params[kind]) || params[kind] === 'N') {
        Reflect.deleteProperty(message.params, kind)
        continue
      }
      message.params[kind] = kind === 'ATTACH' ? readAttach(params[kind]) : readButtons(params[kind], kind, true)
    }
    if (phpIsset(params.MESSAGE)) {
      if (!editable) throw cantEdit()
      const text = phpString(params.MESSAGE).trim()
      if (text === '') {
        context.portal.softDelete(message)
        context.portal.events.messageDeleted(message, bot.id)
        return true
      }
      message.text = storedText(text)
      if (params.URL_PREVIEW === 'N') message.params.URL_PREVIEW = 'N'
    }
    if (message && editable) {
      message.updatedAt = new Date(context.portal.clock.now())
      context.portal.events.messageUpdated(message, bot.id)
    }
    return true
  },
}

/** `imbot.message.delete`: the bot deletes its own message, at any age; `COMPLETE == 'Y'` (JSON `true` too, §1.2) removes it for good. */
const imbotMessageDelete: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const { bot, messageId, message } = ownMessage(context, params)
    if (message?.authorId !== bot.id || message.deleted) throw cantEdit()
    if (isY(params.COMPLETE)) context.portal.messages.delete(messageId)
    else context.portal.softDelete(message)
    context.portal.events.messageDeleted(message, bot.id)
    return true
  },
}

/** `imbot.message.like`: `ACTION` (lower-cased; anything but plus/minus is auto) likes, unlikes or toggles; no change is `WITHOUT_CHANGES`. */
const imbotMessageLike: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const { bot, message } = ownMessage(context, params)
    const action = phpString(params.ACTION).toLowerCase()
    const likes = message && !message.deleted ? reactionSet(message, 'like') : undefined
    const liked = likes?.has(bot.id) ?? false
    const want = action === 'plus' ? true : action === 'minus' ? false : !liked
    if (!likes || want === liked) throw new RestError('WITHOUT_CHANGES', 'Action completed without changes')
    if (want) likes.add(bot.id)
    else likes.delete(bot.id)
    return true
  },
}

/** `imbot.message.*`, keyed by lower-cased method name. */
export const imbotMessageMethods: Readonly<Record<string, MethodImplementation>> = {
  'imbot.message.add': imbotMessageAdd,
  'imbot.message.update': imbotMessageUpdate,
  'imbot.message.delete': imbotMessageDelete,
  'imbot.message.like': imbotMessageLike,
}
