import type { PortalBot, PortalChat } from '../portal.ts'
import { isY, phpEmpty, phpString } from '../rest/php.ts'
import { upperCaseKeys } from '../rest/read-params.ts'
import { RestError } from '../rest/rest-error.ts'
import { actingBot, callingApp, intval } from './classic-identity.ts'
import { readAttach, readButtons } from './message-params.ts'
import type { MethodImplementation } from './method.ts'

/** `CIMMessenger::MESSAGE_LIMIT`. */
const messageLimit = 20_000
const dialogIdPattern = /^([0-9]+|(chat|sg|crm)[0-9]+)$/i

/** The stored text: `[BR]`/`#BR#` as newlines, trimmed, cut at 20,000 characters plus `" (...)"` when longer than 20,006. */
function storedText(text: string): string {
  const normalized = text.replace(/\[br\]|#BR#/gi, '\n').trim()
  return normalized.length > messageLimit + 6 ? `${normalized.slice(0, messageLimit)} (...)` : normalized
}

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
export const imbotMessageAdd: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const bot = actingBot(context.portal, params, callingApp(context, params), true)
    const fromUserId = intval(params.FROM_USER_ID)
    const toUserId = intval(params.TO_USER_ID)
    const betweenUsers = fromUserId > 0 && toUserId > 0
    const dialogId = phpString(params.DIALOG_ID)
    if (!betweenUsers && (!dialogIdPattern.test(dialogId) || phpEmpty(dialogId))) throw new RestError('DIALOG_ID_EMPTY', "Dialog ID can't be empty")
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
    let stored = storedText(text)
    if (betweenUsers) stored = `[USER=${String(bot.id)}][/USER][BR]${stored}`
    else if (system && chat.type !== 'P') stored = `${botName(bot)}:[br]${stored}`
    return context.portal.addMessage({ chatId: chat.id, authorId: bot.id, text: stored, params: messageParams, system }).id
  },
}

/**
 * `imbot.chat.add` (`chatCreate`): `USERS` (a list, or JSON; a member that is neither a number nor a
 * string: `INVALID_FORMAT`), `TYPE` `OPEN` for an open chat, title, description, color, entity binding;
 * then the acting bot, which creates and owns the chat. Resolves to the chat id.
 */
export const imbotChatAdd: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    let users: unknown = params.USERS
    if (typeof users === 'string') {
      try {
        users = JSON.parse(users) as unknown
      } catch {
        users = []
      }
    }
    if (typeof users !== 'object' || users === null) users = []
    const members = Object.values(users as Record<string, unknown>).filter((user) => !phpEmpty(user))
    if (members.some((user) => typeof user !== 'number' && typeof user !== 'string')) throw new RestError('INVALID_FORMAT', 'Parameter USERS has wrong type')
    const bot = actingBot(context.portal, params, callingApp(context, params), true)
    const chat = context.portal.createChat({
      type: params.TYPE === 'OPEN' ? 'O' : 'C',
      ownerId: bot.id,
      userIds: members.map((user) => intval(user)).filter((id) => id > 0),
      ...(phpEmpty(params.TITLE) ? {} : { title: phpString(params.TITLE) }),
      ...(phpEmpty(params.DESCRIPTION) ? {} : { description: phpString(params.DESCRIPTION) }),
      ...(phpEmpty(params.COLOR) ? {} : { color: phpString(params.COLOR) }),
      ...(phpEmpty(params.ENTITY_TYPE) ? {} : { entityType: phpString(params.ENTITY_TYPE) }),
      ...(phpEmpty(params.ENTITY_ID) ? {} : { entityId: phpString(params.ENTITY_ID) }),
    })
    if (!phpEmpty(params.MESSAGE)) context.portal.addMessage({ chatId: chat.id, authorId: bot.id, text: storedText(phpString(params.MESSAGE)) })
    return chat.id
  },
}
