import type { PortalState } from '../model/portal-state.ts'
import type { BotType, PortalBot, PortalChat, PortalFile, PortalMessage, PortalUser } from '../model/entities.ts'
import { phpDate } from './php-date.ts'
import { colorHex } from '../model/colors.ts'

/*
 * The v2 entities (imbot-v2 §10) as methods answer them and as events carry them. One formatter per
 * entity, so a method's result and an event's `data` cannot drift apart.
 */

/** The v2 names of the stored bot types. */
const v2BotTypeNames: Readonly<Record<BotType, string>> = {
  B: 'bot',
  H: 'bot',
  O: 'openline',
  S: 'supervisor',
  P: 'personal',
  N: 'network',
}

const userColors = ['#df532d', '#64a513', '#4ba984', '#4ba5c3', '#3e99ce', '#8474c8', '#1eb4aa', '#f76187', '#58cc47', '#ab7761']

/** A user's colour: a bot's profile colour when it names one, else the automatic colour of the id. */
function userColor(user: PortalUser, bot: PortalBot | undefined): string {
  const code = bot?.properties.COLOR?.toUpperCase() ?? ''
  return (code === '' ? undefined : colorHex(code)) ?? userColors[user.id % userColors.length] ?? '#df532d'
}

/** The v2 chat type names of the stored chat types. */
const chatTypeNames: Readonly<Record<PortalChat['type'], string>> = { C: 'chat', O: 'open', P: 'private', L: 'lines' }

/**
 * A Bot object (§10.1). `extended` adds the owner-only fields (what `Bot.get` answers its owner and
 * what fetch-mode events carry).
 */
export function v2Bot(portal: PortalState, bot: PortalBot, extended: boolean): Record<string, unknown> {
  const brief = {
    id: bot.id,
    code: bot.code,
    type: v2BotTypeNames[bot.type],
    isHidden: bot.isHidden,
    isSupportOpenline: bot.openline,
    isReactionsEnabled: bot.isReactionsEnabled,
    backgroundId: bot.backgroundId,
    language: bot.language,
  }
  if (!extended) return brief
  const chats = [...portal.chats.values()].filter((chat) => chat.userIds.has(bot.id))
  return {
    ...brief,
    moduleId: 'rest',
    eventMode: bot.eventMode,
    countMessage: [...portal.messages.values()].filter((message) => message.authorId === bot.id).length,
    countCommand: [...portal.commands.values()].filter((command) => command.botId === bot.id).length,
    countChat: chats.filter((chat) => chat.type !== 'P').length,
    countUser: chats.filter((chat) => chat.type === 'P').length,
  }
}

/** A User object (§10.2) in its full form, as events and `Chat.User.list` carry it. */
export function v2User(portal: PortalState, user: PortalUser): Record<string, unknown> {
  const bot = portal.bots.get(user.id)
  const name = `${user.name} ${user.lastName}`.trim()
  return {
    id: user.id,
    active: user.active,
    name,
    firstName: user.name,
    lastName: user.lastName,
    workPosition: bot ? (bot.properties.WORK_POSITION ?? user.workPosition) : user.workPosition,
    color: userColor(user, bot),
    avatar: '',
    gender: user.gender === '' ? 'M' : user.gender,
    birthday: '',
    extranet: user.extranet,
    bot: user.bot,
    connector: false,
    externalAuthId: user.bot ? 'bot' : 'default',
    status: 'online',
    idle: false,
    lastActivityDate: false,
    mobileLastDate: false,
    desktopLastDate: false,
    absent: false,
    departments: user.bot || user.extranet ? [] : [1],
    phones: false,
    type: user.bot ? 'bot' : user.extranet ? 'extranet' : 'employee',
    website: '',
    email: user.email,
  }
}

/** The dialog id of a chat as one of its members sees it: the counterpart's user id in a private chat, else `chat<id>`. */
export function dialogIdFor(chat: PortalChat, viewerId: number): string {
  if (chat.type !== 'P') return `chat${String(chat.id)}`
  const other = [...chat.userIds].find((userId) => userId !== viewerId) ?? viewerId
  return String(other)
}

/**
 * The chat a v2 `dialogId` names, for the user or bot `viewerId`: `chat<id>` (any case), or a user
 * id for the private chat with that user (made on first use, as the messenger does). `undefined`
 * when it names nothing.
 */
export function chatOfDialog(portal: PortalState, dialogId: unknown, viewerId: number): PortalChat | undefined {
  const text = typeof dialogId === 'number' ? String(dialogId) : typeof dialogId === 'string' ? dialogId.trim() : ''
  const chatMatch = /^chat(\d+)$/i.exec(text)
  if (chatMatch) return portal.chats.get(Number(chatMatch[1]))
  if (/^\d+$/.test(text) && portal.users.has(Number(text))) return portal.privateChat(viewerId, Number(text))
  return undefined
}

/**
 * A Chat object (§10.3), for the member `viewerId`. Events carry the event flavour; `response` adds
 * the response-only fields (`role`, `managerList`, counters...).
 */
export function v2Chat(portal: PortalState, chat: PortalChat, viewerId: number, response: boolean): Record<string, unknown> {
  const event = {
    id: chat.id,
    dialogId: dialogIdFor(chat, viewerId),
    name: chat.title,
    description: chat.description,
    type: chatTypeNames[chat.type],
    messageType: chat.type,
    owner: chat.ownerId,
    // HEX or null (imbot §Chat object); the chat keeps the code.
    color: colorHex(chat.color) ?? null,
    avatar: chat.avatar === '' ? '' : `${portal.url}/emulator/avatar/chat${String(chat.id)}`,
    extranet: false,
    containsCollaber: false,
    entityType: chat.entityType,
    entityId: chat.entityId,
    entityData1: '',
    entityData2: '',
    entityData3: '',
    entityLink: {},
    diskFolderId: chat.id,
    permissions: {},
    parentChatId: null,
    parentMessageId: null,
    isNew: false,
    textFieldEnabled: chat.textFieldEnabled ? 'Y' : 'N',
    backgroundId: null,
  }
  if (!response) return event
  const messages = [...portal.messages.values()].filter((message) => message.chatId === chat.id)
  const lastMessageId = messages.at(-1)?.id ?? null
  return {
    ...event,
    role: chat.ownerId === viewerId ? 'owner' : chat.managerIds.has(viewerId) ? 'manager' : chat.userIds.has(viewerId) ? 'member' : 'none',
    muteList: [],
    dateCreate: phpDate(chat.createdAt),
    lastMessageId,
    lastMessageViews: '{}',
    lastId: chat.lastRead.get(viewerId) ?? null,
    managerList: [...chat.managerIds],
    markedId: null,
    messageCount: messages.length,
    public: '',
    unreadId: null,
    userCounter: chat.userIds.size,
  }
}

/** A Message object (§10.4). */
export function v2Message(portal: PortalState, message: PortalMessage): Record<string, unknown> {
  const chat = portal.chats.get(message.chatId)
  const viewedByOthers = chat ? [...chat.lastRead].some(([userId, lastId]) => userId !== message.authorId && lastId >= message.id) : false
  return {
    id: message.id,
    chatId: message.chatId,
    authorId: message.authorId,
    date: phpDate(message.createdAt),
    text: message.text,
    isSystem: message.system,
    uuid: message.uuid,
    forward: null,
    params: messageParams(message),
    viewedByOthers,
  }
}

/** Stored params in the v2 spelling: the classic upper-case keys, plus `LIKE` as the ids who liked. */
function messageParams(message: PortalMessage): Record<string, unknown> {
  const params: Record<string, unknown> = { ...message.params }
  const likes = message.reactions.get('like')
  if (likes && likes.size > 0) params.LIKE = [...likes]
  return params
}

/** The lower-case extension of a file name, `''` when it has none. */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase()
}

const imageExtensions = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp'])
const videoExtensions = new Set(['mp4', 'mov', 'webm', 'avi'])
const audioExtensions = new Set(['mp3', 'ogg', 'wav', 'm4a'])

/** A File object (§10.5). */
export function v2File(portal: PortalState, file: PortalFile): Record<string, unknown> {
  const extension = extensionOf(file.name)
  const type = imageExtensions.has(extension)
    ? 'image'
    : videoExtensions.has(extension)
      ? 'video'
      : audioExtensions.has(extension)
        ? 'audio'
        : 'file'
  const author = portal.users.get(file.authorId)
  return {
    id: file.id,
    chatId: file.chatId,
    date: phpDate(file.createdAt),
    type,
    name: file.name,
    extension,
    size: file.content.byteLength,
    image: false,
    authorId: file.authorId,
    authorName: author ? `${author.name} ${author.lastName}`.trim() : '',
    isTranscribable: type === 'audio' || type === 'video',
    isVideoNote: false,
    isVoiceNote: false,
  }
}
