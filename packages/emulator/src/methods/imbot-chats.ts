import type { PortalBot, PortalChat } from '../model/entities.ts'
import { phpEmpty, phpIsset, phpString } from '../rest/php.ts'
import { upperCaseKeys } from '../rest/read-params.ts'
import { RestError } from '../rest/rest-error.ts'
import { chatView } from '../views/chat-view.ts'
import { storedText } from '../model/message-text.ts'
import { actingBot, callingApp, intval } from './classic-identity.ts'
import type { MethodContext, MethodImplementation } from './method.ts'
import { safeColors } from '../model/colors.ts'

const chatIdPattern = /^(chat|sg|crm)[0-9]+$/i
const dialogIdPattern = /^([0-9]+|(chat|sg|crm)[0-9]+)$/i

interface ChatAction {
  readonly params: Readonly<Record<string, unknown>>
  readonly bot: PortalBot
  /** The chat id named by `DIALOG_ID` (read first) or `CHAT_ID`; the chat itself may not exist. */
  readonly chatId: number
  readonly chat: PortalChat | undefined
}

/**
 * The common start of a chat-management method (server-behavior §2.1, §2.4): the chat from `DIALOG_ID`
 * (`chatNNN`, else `DIALOG_ID_EMPTY`) or `CHAT_ID` (else `CHAT_ID_EMPTY`), then the method's own checks,
 * then the acting bot (`getBotId`: `ACCESS_DENIED`, `BOT_ID_ERROR`, `APP_ID_ERROR`).
 */
function chatAction(context: MethodContext, ownChecks: (params: Readonly<Record<string, unknown>>) => void = () => undefined): ChatAction {
  const params = upperCaseKeys(context.params)
  let chatId: number
  if (!phpEmpty(params.DIALOG_ID)) {
    const dialogId = phpString(params.DIALOG_ID)
    if (!chatIdPattern.test(dialogId)) throw new RestError('DIALOG_ID_EMPTY', "Dialog ID can't be empty")
    chatId = Number(dialogId.replace(/^\D+/, ''))
  } else {
    chatId = intval(params.CHAT_ID)
    if (chatId <= 0) throw new RestError('CHAT_ID_EMPTY', "Chat ID can't be empty")
  }
  ownChecks(params)
  const bot = actingBot(context.portal, params, callingApp(context, params), true)
  return { params, bot, chatId, chat: context.portal.chats.get(chatId) }
}

function isGeneral(chat: PortalChat | undefined): boolean {
  return chat?.entityType === 'GENERAL'
}

function requireUserId(params: Readonly<Record<string, unknown>>): void {
  if (intval(params.USER_ID) <= 0) throw new RestError('USER_ID_EMPTY', "User ID can't be empty")
}

/**
 * `imbot.chat.add` (`chatCreate`): `USERS` (a list, or JSON; a member that is neither a number nor a
 * string: `INVALID_FORMAT`), `TYPE` `OPEN` for an open chat, title, description, color, entity binding;
 * then the acting bot, which creates and owns the chat. Resolves to the chat id.
 */
const imbotChatAdd: MethodImplementation = {
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
    if (members.some((user) => typeof user !== 'number' && typeof user !== 'string'))
      throw new RestError('INVALID_FORMAT', 'Parameter USERS has wrong type')
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
    const joined = [...chat.userIds].filter((id) => id !== bot.id)
    if (joined.length > 0) context.portal.events.joined(chat, joined, bot.id)
    if (!phpEmpty(params.MESSAGE)) {
      context.portal.events.messageAdded(
        context.portal.addMessage({ chatId: chat.id, authorId: bot.id, text: storedText(phpString(params.MESSAGE)) }),
      )
    }
    return chat.id
  },
}

/**
 * `imbot.chat.get` (`CIMRestService::chatGet`, server-behavior §2.4): `BOT_ID` and `CLIENT_ID` are
 * not read and nothing is scoped to a bot. With `DIALOG_ID`, the chat object; else with a non-empty
 * `ENTITY_TYPE` and `ENTITY_ID`, `{ ID }` of the first bound chat or `null`; else `null`.
 */
const imbotChatGet: MethodImplementation = {
  scope: 'imbot',
  handle({ params, portal, userId }) {
    const { DIALOG_ID: dialogId, ENTITY_TYPE: entityType, ENTITY_ID: entityId } = upperCaseKeys(params)
    if (phpIsset(dialogId)) {
      const text = phpString(dialogId)
      if (!dialogIdPattern.test(text) || phpEmpty(text)) throw new RestError('DIALOG_ID_EMPTY', "Dialog ID can't be empty")
      const chatId = /^\d+$/.test(text) ? undefined : Number(text.replace(/^\D+/, ''))
      const chat = chatId === undefined ? undefined : portal.chats.get(chatId)
      if (chat && !chat.userIds.has(userId)) throw new RestError('ACCESS_ERROR', 'You do not have access to the specified dialog', 403)
      if (!chat) throw new RestError('ACCESS_ERROR', "You don't have access to this chat")
      return chatView(chat, userId)
    }
    if (phpEmpty(entityType) || phpEmpty(entityId)) return null
    const chat = portal.findChatByEntity(phpString(entityType), phpString(entityId))
    return chat ? { ID: chat.id } : null
  },
}

/** `imbot.chat.leave`: the bot leaves; not in the general chat, not as the owner. */
const imbotChatLeave: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const { bot, chat } = chatAction(context)
    if (isGeneral(chat)) throw new RestError('ACCESS_ERROR', 'Action unavailable', 403)
    if (!chat?.userIds.has(bot.id)) throw new RestError('WRONG_REQUEST', "You don't have access or user isn't member in chat")
    if (chat.ownerId === bot.id) throw new RestError('ACCESS_ERROR', 'The owner cannot leave the chat', 403)
    chat.userIds.delete(bot.id)
    chat.managerIds.delete(bot.id)
    return true
  },
}

/** `imbot.chat.user.add`: `USERS` join a chat the bot is in; not the general chat. */
const imbotChatUserAdd: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const { params, bot, chat } = chatAction(context)
    if (isGeneral(chat)) throw new RestError('ACCESS_ERROR', 'Action unavailable', 403)
    const users = (
      Array.isArray(params.USERS)
        ? params.USERS
        : typeof params.USERS === 'object' && params.USERS !== null
          ? Object.values(params.USERS)
          : [params.USERS]
    )
      .map(intval)
      .filter((id) => id > 0 && context.portal.users.has(id))
    const fresh = users.filter((id) => !chat?.userIds.has(id))
    if (!chat?.userIds.has(bot.id) || fresh.length === 0)
      throw new RestError('WRONG_REQUEST', "You don't have access or user already member in chat")
    for (const id of fresh) chat.userIds.add(id)
    context.portal.events.joined(chat, fresh, bot.id)
    return true
  },
}

/** `imbot.chat.user.delete`: the bot (owner or manager) removes a member; not the owner, not in the general chat. */
const imbotChatUserDelete: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const { params, bot, chat } = chatAction(context, requireUserId)
    if (isGeneral(chat)) throw new RestError('ACCESS_ERROR', 'Action unavailable', 403)
    const userId = intval(params.USER_ID)
    const mayRemove = chat !== undefined && (chat.ownerId === bot.id || chat.managerIds.has(bot.id))
    if (!mayRemove || !chat.userIds.has(userId)) throw new RestError('WRONG_REQUEST', "You don't have access or user isn't member in chat")
    if (chat.ownerId === userId) throw new RestError('ACCESS_ERROR', 'The owner cannot be removed from the chat', 403)
    chat.userIds.delete(userId)
    chat.managerIds.delete(userId)
    return true
  },
}

/** `imbot.chat.user.list`: the member ids; the general chat is refused. */
const imbotChatUserList: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const { chat } = chatAction(context)
    if (isGeneral(chat)) throw new RestError('ACCESS_ERROR', 'Action unavailable', 403)
    return chat ? [...chat.userIds] : []
  },
}

/** `imbot.chat.setOwner`: the owning bot hands the chat to a member. */
const imbotChatSetOwner: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const { params, bot, chat } = chatAction(context, requireUserId)
    if (isGeneral(chat)) throw new RestError('ACCESS_ERROR', 'Action unavailable', 403)
    const userId = intval(params.USER_ID)
    if (chat?.ownerId !== bot.id || !chat.userIds.has(userId)) {
      throw new RestError('WRONG_REQUEST', 'Change owner can only owner and user must be member in chat')
    }
    chat.ownerId = userId
    chat.managerIds.add(userId)
    return true
  },
}

/** `imbot.chat.setManager`: the owning bot grants (or, with `IS_MANAGER: 'N'`, revokes) a member's rights. */
const imbotChatSetManager: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const { params, bot, chat } = chatAction(context, requireUserId)
    const userId = intval(params.USER_ID)
    if (chat?.ownerId !== bot.id || !chat.userIds.has(userId)) {
      throw new RestError('WRONG_REQUEST', 'Change manager can only owner and user must be member in chat')
    }
    if (params.IS_MANAGER === 'N') chat.managerIds.delete(userId)
    else chat.managerIds.add(userId)
    return true
  },
}

/** `imbot.chat.updateTitle`: a non-blank title; the general chat cannot be renamed. */
const imbotChatUpdateTitle: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const { bot, chat, params } = chatAction(context, (own) => {
      if (phpString(own.TITLE).trim() === '') throw new RestError('TITLE_EMPTY', "Title can't be empty")
    })
    if (!chat || isGeneral(chat) || !chat.userIds.has(bot.id)) throw new RestError('ACCESS_ERROR', 'This chat cannot be renamed', 403)
    chat.title = phpString(params.TITLE).trim()
    return true
  },
}

/** `imbot.chat.updateColor`: a safe colour code (`WRONG_COLOR`); the same colour again is `WRONG_REQUEST`. */
const imbotChatUpdateColor: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const { chat, params } = chatAction(context, (own) => {
      if (!safeColors.has(phpString(own.COLOR))) throw new RestError('WRONG_COLOR', 'This color currently unavailable')
    })
    const color = phpString(params.COLOR)
    if (!chat || chat.color === color) throw new RestError('WRONG_REQUEST', "This color currently set or chat isn't exists")
    chat.color = color
    return true
  },
}

const imageSignatures = ['iVBORw0KGgo', '/9j/', 'R0lGOD', 'UklGR']

/** `imbot.chat.updateAvatar`: the bot must be in the chat (`ACCESS_DENIED`); `AVATAR` must be a Base64 image (`AVATAR_ERROR`). */
const imbotChatUpdateAvatar: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const { bot, chat, params } = chatAction(context)
    if (!chat?.userIds.has(bot.id)) throw new RestError('ACCESS_DENIED', 'Access denied')
    const avatar = phpString(Array.isArray(params.AVATAR) ? params.AVATAR.at(-1) : params.AVATAR)
    if (!imageSignatures.some((signature) => avatar.startsWith(signature))) throw new RestError('AVATAR_ERROR', 'Avatar incorrect type')
    chat.avatar = avatar
    return true
  },
}

/**
 * `imbot.chat.sendTyping`: "typing…" for the bot in a dialog; only the dialog id is checked. When
 * the dialog is an existing chat it is recorded in `portal.inputActions` (plain typing).
 */
const imbotChatSendTyping: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const params = upperCaseKeys(context.params)
    const bot = actingBot(context.portal, params, callingApp(context, params), true)
    const dialogId = phpString(params.DIALOG_ID)
    if (!dialogIdPattern.test(dialogId) || phpEmpty(dialogId)) throw new RestError('DIALOG_ID_EMPTY', "Dialog ID can't be empty")
    const { portal } = context
    const chat = /^chat\d+$/i.test(dialogId)
      ? portal.chats.get(Number(dialogId.slice(4)))
      : [...portal.chats.values()].find(
          (candidate) => candidate.type === 'P' && candidate.userIds.has(bot.id) && candidate.userIds.has(Number(dialogId)),
        )
    if (chat) portal.inputActions.push({ chatId: chat.id, botId: bot.id, statusMessageCode: null, duration: null, at: portal.clock.now() })
    return true
  },
}

/** `imbot.dialog.get`: the chat object of a dialog the *calling user* (not the bot) can access. */
const imbotDialogGet: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const dialogId = phpString(upperCaseKeys(context.params).DIALOG_ID)
    if (!dialogIdPattern.test(dialogId) || phpEmpty(dialogId)) throw new RestError('DIALOG_ID_EMPTY', "Dialog ID can't be empty")
    const chat = /^\d+$/.test(dialogId)
      ? context.portal.users.has(Number(dialogId))
        ? context.portal.privateChat(context.userId, Number(dialogId))
        : undefined
      : context.portal.chats.get(Number(dialogId.replace(/^\D+/, '')))
    if (!chat?.userIds.has(context.userId)) throw new RestError('ACCESS_ERROR', 'You do not have access to the specified dialog', 403)
    return { ...chatView(chat, context.userId), dialog_id: dialogId }
  },
}

/** `imbot.chat.*` and `imbot.dialog.get`, keyed by lower-cased method name. */
export const imbotChatMethods: Readonly<Record<string, MethodImplementation>> = {
  'imbot.chat.add': imbotChatAdd,
  'imbot.chat.get': imbotChatGet,
  'imbot.chat.leave': imbotChatLeave,
  'imbot.chat.sendtyping': imbotChatSendTyping,
  'imbot.chat.setmanager': imbotChatSetManager,
  'imbot.chat.setowner': imbotChatSetOwner,
  'imbot.chat.updateavatar': imbotChatUpdateAvatar,
  'imbot.chat.updatecolor': imbotChatUpdateColor,
  'imbot.chat.updatetitle': imbotChatUpdateTitle,
  'imbot.chat.user.add': imbotChatUserAdd,
  'imbot.chat.user.delete': imbotChatUserDelete,
  'imbot.chat.user.list': imbotChatUserList,
  'imbot.dialog.get': imbotDialogGet,
}
