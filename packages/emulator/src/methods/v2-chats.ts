import type { PortalBot, PortalChat, PortalInputAction } from '../model/entities.ts'
import { phpEmpty, phpObject, phpString } from '../rest/php.ts'
import { intval } from './classic-identity.ts'
import { storedText } from '../model/message-text.ts'
import type { MethodContext, MethodImplementation } from './method.ts'
import { chatOfDialog, v2Chat, v2User } from '../views/v2-entities.ts'
import { v2ActingBot, v2Error, v2Fields, v2Flag } from './v2-identity.ts'
import { colorCode } from '../model/colors.ts'

/*
 * `imbot.v2.Chat.*` except messages (imbot-v2 §8.2, §8.6, §18; decision 021). Every method first
 * resolves the acting bot (`v2ActingBot`), then reads its id params (`USER_ID_EMPTY`, `EMPTY_USER_IDS`),
 * then the chat its `dialogId` names (`CHAT_NOT_FOUND`), then checks the chat kind
 * (`WRONG_MESSAGE_TYPE`) and the bot's role (`ACCESS_DENIED`).
 */

/** `statusMessageCode` values of `InputAction.notify` (imbot-v2 §8.6). */
const statusMessageCodes = new Set(
  [
    'THINKING',
    'SEARCHING',
    'GENERATING',
    'ANALYZING',
    'PROCESSING',
    'TRANSLATING',
    'CONNECTING',
    'CHECKING',
    'CALCULATING',
    'READING_DOCS',
    'COMPOSING',
  ].map((action) => `IMBOT_AGENT_ACTION_${action}`),
)

/** Leading bytes of the image types an avatar may be: PNG, JPEG, GIF, WebP (`RIFF....WEBP`). */
const imageMagic: readonly (readonly (number | undefined)[])[] = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0x52, 0x49, 0x46, 0x46, undefined, undefined, undefined, undefined, 0x57, 0x45, 0x42, 0x50],
]

/**
 * An avatar param as `CRestUtil::saveFile` reads it (a Base64 string, or `[fileName, base64]`):
 * the Base64 when it decodes to an image, else `undefined`.
 */
function avatarImage(value: unknown): string | undefined {
  const base64 = phpString(Array.isArray(value) ? value.at(-1) : value).trim()
  const bytes = Buffer.from(base64, 'base64')
  const isImage = imageMagic.some((magic) => magic.every((byte, index) => byte === undefined || bytes[index] === byte))
  return isImage ? base64 : undefined
}

/** User ids from a list param (a JSON array, a PHP-form map, or one id): positive, unique, in order. */
function userIdList(value: unknown): number[] {
  const items = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? Object.values(value)
      : phpEmpty(value)
        ? []
        : [value]
  return [...new Set(items.map(intval).filter((id) => id > 0))]
}

/** The chat a call's `dialogId` names, seen by the bot: `chat<id>` or a user id (its private chat). */
function dialogChat(context: MethodContext, bot: PortalBot): PortalChat {
  const chat = chatOfDialog(context.portal, context.params.dialogId, bot.id)
  if (!chat) throw v2Error('CHAT_NOT_FOUND')
  return chat
}

/**
 * The chat of `dialogId` for an action only group chats have: a private chat is `WRONG_MESSAGE_TYPE`,
 * and so is an Open Channel (open lines) chat where `notOpenLines` is set (imbot-v2 §18).
 */
function groupChat(context: MethodContext, bot: PortalBot, options: { readonly notOpenLines?: boolean } = {}): PortalChat {
  const chat = dialogChat(context, bot)
  if (chat.type === 'P' || (options.notOpenLines === true && chat.type === 'L')) throw v2Error('WRONG_MESSAGE_TYPE')
  return chat
}

/** `ACCESS_DENIED` unless the bot's role allows the action. */
function allow(allowed: boolean): void {
  if (!allowed) throw v2Error('ACCESS_DENIED')
}

const isGeneral = (chat: PortalChat): boolean => chat.entityType === 'GENERAL'
const isManager = (chat: PortalChat, userId: number): boolean => chat.ownerId === userId || chat.managerIds.has(userId)

/** The `{ result: true }` of an action (imbot-v2 §3: note the double nesting). */
function done(): { result: true } {
  return { result: true }
}

/** `userIds` of a manager method; none is `EMPTY_USER_IDS`. */
function managerIds(context: MethodContext): number[] {
  const userIds = userIdList(context.params.userIds)
  if (userIds.length === 0) throw v2Error('EMPTY_USER_IDS', 'userIds is required')
  return userIds
}

/** A single `userId`; none is `USER_ID_EMPTY`, the code of the classic twins (decision 021). */
function singleUserId(context: MethodContext): number {
  const userId = intval(context.params.userId)
  if (userId <= 0) throw v2Error('USER_ID_EMPTY', "User ID can't be empty")
  return userId
}

/** The messages of a chat each member sent last, for `order: { lastSendMessageId }`. */
function lastSentIds(context: MethodContext, chat: PortalChat): Map<number, number> {
  const lastSent: Map<number, number> = new Map()
  for (const message of context.portal.messages.values()) if (message.chatId === chat.id) lastSent.set(message.authorId, message.id)
  return lastSent
}

/**
 * `imbot.v2.Chat.add` (imbot-v2 §8.2, §18): a group chat (`fields.type` `open` for an open one), its
 * title, description, colour code (as HEX; unknown: auto), avatar, entity binding and members
 * (unknown or inactive ids skipped). The bot is always a member and the owner unless `fields.ownerId`
 * names someone else (an unknown id leaves the chat without owner). `fields.message` posts a first
 * message. Other bots among the members are reported as joined. Resolves to `{ chat, users }`,
 * `users` being the bot (the newer revision).
 */
const chatAdd: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const fields = v2Fields(context)
    const { portal } = context
    const requestedOwner = intval(fields.ownerId)
    const ownerId = requestedOwner <= 0 ? bot.id : portal.users.has(requestedOwner) ? requestedOwner : 0
    const members = userIdList(fields.userIds).filter((id) => portal.users.get(id)?.active === true)
    const color = colorCode(phpString(fields.color))
    const title = phpString(fields.title).trim()
    const chat = portal.createChat({
      type: fields.type === 'open' ? 'O' : 'C',
      ownerId,
      userIds: [bot.id, ...members],
      ...(title === '' ? {} : { title }),
      ...(phpEmpty(fields.description) ? {} : { description: phpString(fields.description) }),
      ...(color === undefined ? {} : { color }),
      ...(phpEmpty(fields.entityType) ? {} : { entityType: phpString(fields.entityType) }),
      ...(phpEmpty(fields.entityId) ? {} : { entityId: phpString(fields.entityId) }),
    })
    if (ownerId === 0) {
      chat.userIds.delete(0)
      chat.managerIds.delete(0)
    }
    chat.avatar = avatarImage(fields.avatar) ?? ''
    const otherBots = [...chat.userIds].filter((id) => id !== bot.id && portal.bots.has(id))
    if (otherBots.length > 0) portal.events.joined(chat, otherBots, bot.id)
    const text = typeof fields.message === 'string' ? storedText(fields.message) : ''
    if (text !== '') portal.events.messageAdded(portal.addMessage({ chatId: chat.id, authorId: bot.id, text }))
    const botUser = portal.users.get(bot.id)
    return { chat: { ...v2Chat(portal, chat, bot.id, true), isNew: true }, users: botUser ? [v2User(portal, botUser)] : [] }
  },
}

/**
 * `imbot.v2.Chat.get` (imbot-v2 §8.2, §18): the chat of `dialogId` for a member bot; an open chat
 * is readable without membership. Resolves to `{ chat, users }`, `users` being the bot (both as the
 * newer revision has it; the mirror example shows `{ chat }` only).
 */
const chatGet: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const chat = dialogChat(context, bot)
    allow(chat.userIds.has(bot.id) || chat.type === 'O')
    const botUser = context.portal.users.get(bot.id)
    return { chat: v2Chat(context.portal, chat, bot.id, true), users: botUser ? [v2User(context.portal, botUser)] : [] }
  },
}

/**
 * `imbot.v2.Chat.update` (imbot-v2 §8.2, §18): the owner bot changes title (blank: kept),
 * description, colour (unknown: ignored) and avatar (not an image: removed) of a group chat. No
 * fields is a no-op answering `true`.
 */
const chatUpdate: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const chat = groupChat(context, bot)
    allow(chat.ownerId === bot.id)
    const fields = v2Fields(context)
    const title = phpString(fields.title).trim()
    if (title !== '') chat.title = title
    if (typeof fields.description === 'string') chat.description = fields.description
    chat.color = colorCode(phpString(fields.color)) ?? chat.color
    if (!phpEmpty(fields.avatar)) chat.avatar = avatarImage(fields.avatar) ?? ''
    return done()
  },
}

/**
 * `imbot.v2.Chat.User.add` (imbot-v2 §8.2, §18): a member bot adds users (unknown, inactive and
 * present ones skipped; none: `true`); reports them as joined. A private chat answers `true` and
 * changes nothing; the general chat refuses.
 */
const chatUserAdd: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const chat = dialogChat(context, bot)
    if (chat.type === 'P') return done()
    allow(chat.userIds.has(bot.id) && !isGeneral(chat))
    const added = userIdList(context.params.userIds).filter((id) => context.portal.users.get(id)?.active === true && !chat.userIds.has(id))
    for (const id of added) chat.userIds.add(id)
    if (added.length > 0) context.portal.events.joined(chat, added, bot.id)
    return done()
  },
}

/**
 * `imbot.v2.Chat.User.delete` (imbot-v2 §8.2): an owner or manager bot removes one member; a
 * non-member answers `true` (idempotent). The owner cannot be removed; not in the general chat.
 */
const chatUserDelete: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const userId = singleUserId(context)
    const chat = groupChat(context, bot)
    allow(chat.userIds.has(bot.id) && isManager(chat, bot.id) && !isGeneral(chat))
    if (!chat.userIds.has(userId)) return done()
    allow(chat.ownerId !== userId)
    chat.userIds.delete(userId)
    chat.managerIds.delete(userId)
    return done()
  },
}

/**
 * `imbot.v2.Chat.User.list` (imbot-v2 §8.2): the members of a chat the bot is in, as a bare array of
 * User objects; `limit` 1-200 (default 50, out of range clamped), `order` by `id` (join order),
 * `userId` or `lastSendMessageId`, `ASC`/`DESC`.
 */
const chatUserList: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const chat = dialogChat(context, bot)
    allow(chat.userIds.has(bot.id))
    const requested = intval(context.params.limit)
    const limit = requested <= 0 ? 50 : Math.min(requested, 200)
    const joinOrder = [...chat.userIds]
    const lastSent = lastSentIds(context, chat)
    const sortValue: Readonly<Record<string, (userId: number) => number>> = {
      id: (userId) => joinOrder.indexOf(userId),
      userId: (userId) => userId,
      lastSendMessageId: (userId) => lastSent.get(userId) ?? 0,
    }
    const order = Object.entries(phpObject(context.params.order)).filter(([key]) => Object.hasOwn(sortValue, key))
    const sorted = joinOrder.toSorted((a, b) => {
      for (const [key, direction] of order) {
        const value = sortValue[key]
        const difference = value ? value(a) - value(b) : 0
        if (difference !== 0) return phpString(direction).toUpperCase() === 'DESC' ? -difference : difference
      }
      return 0
    })
    return sorted.slice(0, limit).flatMap((userId) => {
      const user = context.portal.users.get(userId)
      return user ? [v2User(context.portal, user)] : []
    })
  },
}

/** `imbot.v2.Chat.leave` (imbot-v2 §8.2): the bot leaves a group chat it is in; not as the owner, not the general chat. */
const chatLeave: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const chat = groupChat(context, bot)
    allow(chat.userIds.has(bot.id) && chat.ownerId !== bot.id && !isGeneral(chat))
    chat.userIds.delete(bot.id)
    chat.managerIds.delete(bot.id)
    return done()
  },
}

/**
 * The two manager methods (imbot-v2 §8.2, §18): `userIds` (`EMPTY_USER_IDS`), a group chat that is
 * not an Open Channel one, the owner bot; then `change` for each id.
 */
function managerAction(change: (chat: PortalChat, userId: number) => void): MethodImplementation {
  return {
    scope: 'imbot',
    handle(context) {
      const bot = v2ActingBot(context)
      const userIds = managerIds(context)
      const chat = groupChat(context, bot, { notOpenLines: true })
      allow(chat.ownerId === bot.id)
      for (const userId of userIds) change(chat, userId)
      return done()
    },
  }
}

/** `imbot.v2.Chat.Manager.add`: members become managers; non-members are skipped. */
const chatManagerAdd = managerAction((chat, userId) => {
  if (chat.userIds.has(userId)) chat.managerIds.add(userId)
})

/** `imbot.v2.Chat.Manager.delete`: ids leave the manager list (the owner stays the owner). */
const chatManagerDelete = managerAction((chat, userId) => {
  chat.managerIds.delete(userId)
})

/**
 * `imbot.v2.Chat.setOwner` (imbot-v2 §8.2, §18): the owner bot hands a group chat (not an Open
 * Channel one) to `userId`, who is not checked for membership nor added; the bot stays a manager.
 */
const chatSetOwner: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const userId = singleUserId(context)
    const chat = groupChat(context, bot, { notOpenLines: true })
    allow(chat.ownerId === bot.id)
    chat.managerIds.add(bot.id)
    chat.managerIds.add(userId)
    chat.ownerId = userId
    return done()
  },
}

/**
 * `imbot.v2.Chat.InputAction.notify` (imbot-v2 §8.2, §8.6): a "typing" or agent-status indicator of
 * a member bot, in a group or private chat, kept in `portal.inputActions`. Nothing is refused for the
 * two options (decision 021): an unknown `statusMessageCode` shows plain typing, `duration` is
 * clamped to 1-600 s and left to the server when absent.
 */
const chatInputActionNotify: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const chat = dialogChat(context, bot)
    allow(chat.userIds.has(bot.id))
    const code = phpString(context.params.statusMessageCode)
    const duration = intval(context.params.duration)
    const action: PortalInputAction = {
      chatId: chat.id,
      botId: bot.id,
      statusMessageCode: statusMessageCodes.has(code) ? code : null,
      duration: phpEmpty(context.params.duration) ? null : Math.min(Math.max(duration, 1), 600),
      at: context.portal.clock.now(),
    }
    context.portal.inputActions.push(action)
    return done()
  },
}

/**
 * `imbot.v2.Chat.TextField.enabled` (imbot-v2 §8.2): a member bot turns the input field of a group
 * or private chat on (`enabled` absent or true) or off.
 */
const chatTextFieldEnabled: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const chat = dialogChat(context, bot)
    allow(chat.userIds.has(bot.id))
    chat.textFieldEnabled = v2Flag(context.params.enabled) ?? true
    return done()
  },
}

/** `imbot.v2.Chat.*` (chats, members, managers, owner, input action, text field), keyed by lower-cased method name. */
export const v2ChatMethods: Readonly<Record<string, MethodImplementation>> = {
  'imbot.v2.chat.add': chatAdd,
  'imbot.v2.chat.get': chatGet,
  'imbot.v2.chat.update': chatUpdate,
  'imbot.v2.chat.user.add': chatUserAdd,
  'imbot.v2.chat.user.delete': chatUserDelete,
  'imbot.v2.chat.user.list': chatUserList,
  'imbot.v2.chat.leave': chatLeave,
  'imbot.v2.chat.manager.add': chatManagerAdd,
  'imbot.v2.chat.manager.delete': chatManagerDelete,
  'imbot.v2.chat.setowner': chatSetOwner,
  'imbot.v2.chat.inputaction.notify': chatInputActionNotify,
  'imbot.v2.chat.textfield.enabled': chatTextFieldEnabled,
}
