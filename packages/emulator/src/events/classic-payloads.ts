import type { PortalState } from '../model/portal-state.ts'
import type { PortalChat, PortalCommand, PortalMessage, PortalUser } from '../model/entities.ts'
import type { CommandContext } from './command-context.ts'

/*
 * `data` of the classic events (server-behavior §3.5), before form encoding: numbers stay numbers
 * here and become strings on the wire, as PHP's `http_build_query` makes them.
 */

const yn = (flag: boolean): 'Y' | 'N' => (flag ? 'Y' : 'N')

/** `[USER=n]…[/USER]` mentions, and the ids they name. */
const mentionPattern = /\[USER=(\d+)\][\s\S]*?\[\/USER\]/gi

/** The user ids a text mentions, in order, without repeats. */
export function mentionedIds(text: string): number[] {
  return [...new Set([...text.matchAll(mentionPattern)].map((match) => Number(match[1])))]
}

/** The text with every mention (and a comma right after it) stripped, trimmed, as group-chat events carry it. */
function stripMentions(text: string): string {
  return text.replace(/\[USER=\d+\][\s\S]*?\[\/USER\],?/gi, '').trim()
}

/** `data[USER]`: the author. `flags` adds `IS_BOT`, `IS_CONNECTOR`, `IS_NETWORK`, `IS_EXTRANET`; `[]` (absent) for author 0. */
export function classicUser(user: PortalUser | undefined, flags: boolean): Record<string, unknown> | undefined {
  if (!user) return undefined
  return {
    ID: user.id,
    NAME: `${user.name} ${user.lastName}`.trim(),
    FIRST_NAME: user.name,
    LAST_NAME: user.lastName,
    WORK_POSITION: user.workPosition,
    GENDER: user.gender === '' ? 'M' : user.gender,
    ...(flags ? { IS_BOT: yn(user.bot), IS_CONNECTOR: 'N', IS_NETWORK: 'N', IS_EXTRANET: yn(user.extranet) } : {}),
  }
}

/** The dialog id from a bot's side: the author's id in a private chat, `chatNNN` otherwise (`Bot::getDialogId`). */
export function botDialogId(chat: PortalChat, botId: number): string {
  if (chat.type !== 'P') return `chat${String(chat.id)}`
  return String([...chat.userIds].find((userId) => userId !== botId) ?? botId)
}

/**
 * The chat fields group-chat message events carry. `unstripped`: also the ones `removeFieldsToEvent`
 * takes out of message events but the command path keeps (`CHAT_PARENT_ID`, `CHAT_PARENT_MID`,
 * `BOT_IN_CHAT`, server-behavior §3.5).
 */
function chatFields(portal: PortalState, chat: PortalChat, authorId: number, unstripped: boolean): Record<string, unknown> {
  const previous = [...portal.messages.values()].filter((message) => message.chatId === chat.id).at(-2)
  const botsInChat = [...chat.userIds].filter((userId) => portal.bots.has(userId))
  return {
    CHAT_ID: chat.id,
    ...(unstripped ? { CHAT_PARENT_ID: 0, CHAT_PARENT_MID: 0 } : {}),
    CHAT_TITLE: chat.title,
    CHAT_AUTHOR_ID: chat.ownerId,
    CHAT_TYPE: chat.type,
    CHAT_AVATAR: chat.avatar === '' ? '0' : chat.avatar,
    // The code (`BROWN`), as events.json shows it; methods answer the HEX.
    CHAT_COLOR: chat.color,
    CHAT_ENTITY_TYPE: chat.entityType,
    CHAT_ENTITY_ID: chat.entityId,
    CHAT_ENTITY_DATA_1: '',
    CHAT_ENTITY_DATA_2: '',
    CHAT_ENTITY_DATA_3: '',
    CHAT_EXTRANET: 'N',
    CHAT_PREV_MESSAGE_ID: previous?.id ?? 0,
    CHAT_CAN_POST: 'MEMBER',
    RID: authorId,
    IS_MANAGER: yn(chat.managerIds.has(authorId)),
    ...(unstripped ? { BOT_IN_CHAT: Object.fromEntries(botsInChat.map((botId) => [String(botId), botId])) } : {}),
  }
}

/** The message flags every new-message event carries. */
const messageFlags = {
  PUSH: 'Y',
  PUSH_IMPORTANT: 'N',
  RECENT_SKIP_AUTHOR: 'N',
  CONVERT: 'N',
  SKIP_COMMAND: 'N',
  SKIP_COUNTER_INCREMENTS: 'N',
  SILENT_CONNECTOR: 'N',
  SKIP_CONNECTOR: 'N',
  IMPORTANT_CONNECTOR: 'N',
  NO_SESSION_OL: 'N',
  FAKE_RELATION: '0',
  SKIP_URL_INDEX: 'N',
} as const

/** The mention fields of a group chat: `MENTIONED_LIST`, `MESSAGE_ORIGINAL`, stripped `MESSAGE`, first mention as `TO_USER_ID`. */
function mentionFields(text: string): Record<string, unknown> {
  const mentioned = mentionedIds(text)
  return {
    MENTIONED_LIST: Object.fromEntries(mentioned.map((id) => [String(id), id])),
    MESSAGE_ORIGINAL: text,
    MESSAGE: stripMentions(text),
    TO_USER_ID: mentioned[0] ?? 0,
  }
}

/** The fields of a new message every new-message event starts with, from the bot `botId`'s side. */
function newMessageFields(
  portal: PortalState,
  message: PortalMessage,
  chat: PortalChat,
  botId: number,
  unstripped = false,
): Record<string, unknown> {
  return {
    MESSAGE: message.text,
    TEMPLATE_ID: message.uuid === '' ? crypto.randomUUID() : message.uuid,
    MESSAGE_TYPE: chat.type,
    FROM_USER_ID: message.authorId,
    DIALOG_ID: botDialogId(chat, botId),
    TO_CHAT_ID: chat.id,
    AUTHOR_ID: message.authorId,
    SYSTEM: yn(message.system),
    ...(chat.type === 'P' ? { TO_USER_ID: botId } : chatFields(portal, chat, message.authorId, unstripped)),
  }
}

/** `PARAMS` of `ONIMBOTMESSAGEADD`, for the bot `botId` (server-behavior §3.5). */
export function messageAddParams(
  portal: PortalState,
  message: PortalMessage,
  chat: PortalChat,
  botId: number,
  context: CommandContext,
): Record<string, unknown> {
  const isPrivate = chat.type === 'P'
  return {
    ...newMessageFields(portal, message, chat, botId),
    ...messageFlags,
    COMMAND_CONTEXT: context,
    CHAT_USER_COUNT: chat.userIds.size,
    ...(isPrivate ? {} : mentionFields(message.text)),
    PLATFORM_CONTEXT: 'web',
    ...storedParams(message),
    MESSAGE_ID: message.id,
    CHAT_TYPE: chat.type,
    LANGUAGE: 'en',
  }
}

/** `PARAMS[...]`: the message params (attach, keyboard, ...), when it has any. */
function storedParams(message: PortalMessage): Record<string, unknown> {
  return Object.keys(message.params).length > 0 ? { PARAMS: message.params } : {}
}

/** `PARAMS` of `ONIMBOTMESSAGEUPDATE` and (with `deleted`) `ONIMBOTMESSAGEDELETE`. */
export function messageChangeParams(message: PortalMessage, chat: PortalChat, botId: number, deleted: boolean): Record<string, unknown> {
  const isPrivate = chat.type === 'P'
  return {
    ID: message.id,
    CHAT_ID: chat.id,
    AUTHOR_ID: message.authorId,
    MESSAGE: message.text,
    MESSAGE_TYPE: chat.type,
    CHAT_AUTHOR_ID: chat.ownerId,
    // A private chat's entity type is NULL in the table, which the form encoding leaves out.
    ...(isPrivate ? {} : { CHAT_ENTITY_TYPE: chat.entityType }),
    CHAT_ENTITY_ID: chat.entityId,
    CHAT_ENTITY_DATA_1: '',
    CHAT_ENTITY_DATA_2: '',
    CHAT_ENTITY_DATA_3: '',
    ...(isPrivate ? { FROM_USER_ID: message.authorId, TO_USER_ID: botId } : {}),
    ...storedParams(message),
    ...(deleted ? {} : { CHAT_USER_COUNT: chat.userIds.size, ...(isPrivate ? {} : mentionFields(message.text)), PLATFORM_CONTEXT: 'web' }),
    DIALOG_ID: botDialogId(chat, botId),
    MESSAGE_ID: message.id,
    CHAT_TYPE: chat.type,
    LANGUAGE: 'en',
  }
}

/** `PARAMS` of `ONIMBOTJOINCHAT` for the bot `botId`, added by (or in a private chat, talking to) `userId`. */
export function joinParams(chat: PortalChat, botId: number, userId: number): Record<string, unknown> {
  if (chat.type === 'P') {
    return {
      CHAT_TYPE: 'P',
      MESSAGE_TYPE: 'P',
      BOT_ID: botId,
      USER_ID: userId,
      TO_USER_ID: userId,
      FROM_USER_ID: botId,
      CHAT_ID: chat.id,
      DIALOG_ID: String(userId),
      LANGUAGE: 'en',
    }
  }
  return {
    CHAT_TYPE: chat.type,
    MESSAGE_TYPE: chat.type,
    BOT_ID: botId,
    USER_ID: userId,
    CHAT_ID: chat.id,
    CHAT_AUTHOR_ID: chat.ownerId,
    CHAT_ENTITY_TYPE: chat.entityType,
    CHAT_ENTITY_ID: chat.entityId,
    ACCESS_HISTORY: 1,
    DIALOG_ID: `chat${String(chat.id)}`,
    LANGUAGE: 'en',
  }
}

/**
 * `PARAMS` of `ONIMCOMMANDADD`: the message fields, unchanged text, plus `MESSAGE_ID`, `CHAT_TYPE`,
 * `LANGUAGE`; not stripped like message events, so a group chat's keep `CHAT_PARENT_ID`,
 * `CHAT_PARENT_MID` and `BOT_IN_CHAT` (server-behavior §3.5, the docs' group example).
 */
export function commandParams(portal: PortalState, message: PortalMessage, chat: PortalChat, botId: number): Record<string, unknown> {
  return {
    ...newMessageFields(portal, message, chat, botId, true),
    SKIP_USER_CHECK: 'Y',
    ...messageFlags,
    RECENT_ADD: 'Y',
    ...storedParams(message),
    MESSAGE_ID: message.id,
    CHAT_TYPE: chat.type,
    LANGUAGE: 'en',
  }
}

/** The command part of a `data[COMMAND][id]` entry (the bot entry is merged in front of it). */
export function commandEntry(
  command: PortalCommand,
  commandParams: string,
  context: CommandContext,
  messageId: number,
): Record<string, unknown> {
  return {
    COMMAND: command.command,
    COMMAND_ID: command.id,
    COMMAND_PARAMS: commandParams,
    COMMAND_CONTEXT: context,
    MESSAGE_ID: messageId,
  }
}

/** `PARAMS` of `ONIMBOTCONTEXTGET`. */
export function contextParams(chat: PortalChat, botId: number, userId: number, context: unknown): Record<string, unknown> {
  return {
    CHAT_TYPE: chat.type,
    MESSAGE_TYPE: chat.type,
    USER_ID: userId,
    CHAT_AUTHOR_ID: chat.ownerId,
    CHAT_ENTITY_TYPE: chat.entityType,
    CHAT_ENTITY_ID: chat.entityId,
    CONTEXT: context,
    DIALOG_ID: botDialogId(chat, botId),
    LANGUAGE: 'en',
  }
}
