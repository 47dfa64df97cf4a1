/**
 * The v2 entities as events carry them (imbot-v2 §10, §9.5): Bot, User, Chat, Message. Keys keep
 * their documented camelCase names; values get the types of the fetch-mode JSON whichever way the
 * event came. Only the identifying fields are required: the docs show reduced objects (the bot-context
 * page's `{ id, code, eventMode }` bot, `{ id, name }` user), so every other scalar is optional, while
 * lists and objects are always present (`[]`, `{}`: the form body cannot tell empty from missing).
 * Output types match what the `imbot.v2.*` methods return for the same entities (decision 009):
 * `textFieldEnabled` is a boolean, `0` references are `null`.
 */
import * as v from 'valibot'
import { eventAuthSchema, type EventAuth } from './auth.ts'
import {
  wireBoolean,
  wireCount,
  wireId,
  wireList,
  wireNullableObject,
  wireNullableRef,
  wireNullableString,
  wireRecord,
  wireString,
  wireStringOrFalse,
} from './wire.ts'

/**
 * `data.bot`: the bot the event is for. Fetch mode carries the full owner form of the Bot object;
 * a webhook carries only `{ id, code, auth }` (and `auth` only for an OAuth app's bot). So only `id`
 * and `code` are always there.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTV2MESSAGEADD') {
 *   await api.v2.Chat.Message.send({ botId: event.data.bot.id, dialogId: event.data.chat.dialogId, fields: { message: 'Hi' } })
 * }
 * ```
 */
export interface V2EventBot {
  /** The bot's id, which is also its user id. */
  id: number
  /** The bot's code, unique within the registering application. */
  code: string
  /** Webhook mode only: OAuth tokens to call back as the bot (not for verifying the event). */
  auth?: EventAuth
  /** Fetch mode: `bot`, `supervisor`, `personal`, `openline`, ... */
  type?: string
  /** Whether the bot is hidden from the contact list. */
  isHidden?: boolean
  /** Whether the bot works in Open Channels. */
  isSupportOpenline?: boolean
  /** Whether users may react to the bot's messages. */
  isReactionsEnabled?: boolean
  /** The bot chat background, or `null`. */
  backgroundId?: string | null
  /** The bot's language, such as `'en'`. */
  language?: string
  /** Fetch mode: `rest` for REST bots. */
  moduleId?: string
  /** Fetch mode: how the bot gets its events. */
  eventMode?: 'fetch' | 'webhook'
  /** The bot's message counter, as the portal keeps it. */
  countMessage?: number
  /** The bot's command counter. */
  countCommand?: number
  /** The bot's chat counter. */
  countChat?: number
  /** The bot's user counter. */
  countUser?: number
  [key: string]: unknown
}

export const v2EventBotSchema: v.GenericSchema<unknown, V2EventBot> = v.looseObject({
  id: wireId,
  code: wireString,
  auth: v.exactOptional(eventAuthSchema),
  type: v.exactOptional(wireString),
  isHidden: v.exactOptional(wireBoolean),
  isSupportOpenline: v.exactOptional(wireBoolean),
  isReactionsEnabled: v.exactOptional(wireBoolean),
  backgroundId: v.exactOptional(wireNullableString),
  language: v.exactOptional(wireString),
  moduleId: v.exactOptional(wireString),
  eventMode: v.exactOptional(v.picklist(['fetch', 'webhook'], 'Expected "fetch" or "webhook"')),
  countMessage: v.exactOptional(wireCount),
  countCommand: v.exactOptional(wireCount),
  countChat: v.exactOptional(wireCount),
  countUser: v.exactOptional(wireCount),
})

/**
 * A User object in an event: the author, the user who acted, or the user who joined.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTV2JOINCHAT' && event.data.user && !event.data.user.bot) {
 *   console.log(`Hello, ${event.data.user.firstName ?? event.data.user.name}`)
 * }
 * ```
 */
export interface V2EventUser {
  /** The user id. */
  id: number
  /** Whether the account is active. */
  active?: boolean
  /** The full display name. */
  name?: string
  /** First name. */
  firstName?: string
  /** Last name. */
  lastName?: string
  /** Job title. */
  workPosition?: string
  /** The avatar colour as HEX. */
  color?: string
  /** The avatar URL, or `""`. */
  avatar?: string
  /** `M` or `F`. */
  gender?: string
  /** `"DD-MM"`, or `""`. */
  birthday?: string
  /** Whether the user is an extranet user. */
  extranet?: boolean
  /** Whether the user is a bot. */
  bot?: boolean
  /** Whether the user comes through a connector (Open Channels). */
  connector?: boolean
  /** `default`, `bot`, `email`, `replica`, ... */
  externalAuthId?: string
  /** `online`, `dnd`, ... */
  status?: string
  /** ISO date or `false` (always `false` in im.v2 events). */
  idle?: string | false
  /** When the user was last active (ISO 8601), or `false`. */
  lastActivityDate?: string | false
  /** When the user last used the mobile app (ISO 8601), or `false`. */
  mobileLastDate?: string | false
  /** When the user last used the desktop app (ISO 8601), or `false`. */
  desktopLastDate?: string | false
  /** Start of an absence (ISO date), or `false`. */
  absent?: string | false
  /** Department ids; `[]` when none. */
  departments: number[]
  /** Phone numbers (`personalPhone`, `workPhone`, ...), or `false` when none. */
  phones: Record<string, unknown> | false
  /** `employee`, `extranet`, `email`, `collaber` or `bot`. */
  type?: string
  /** The user's website. */
  website?: string
  /** The user's email address. */
  email?: string
  [key: string]: unknown
}

/** `phones`: an object of numbers, or `false` (`"0"` in a webhook body); an empty or missing one is `false`. */
const phonesSchema = v.optional(
  v.pipe(
    v.unknown(),
    v.transform((value): unknown => (value === false || value === '0' || value === '' ? {} : value)),
    wireRecord,
    v.transform((phones): Record<string, unknown> | false => (Object.keys(phones).length === 0 ? false : phones)),
  ),
  '',
)

const userSchema = v.looseObject({
  id: wireId,
  active: v.exactOptional(wireBoolean),
  name: v.exactOptional(wireString),
  firstName: v.exactOptional(wireString),
  lastName: v.exactOptional(wireString),
  workPosition: v.exactOptional(wireString),
  color: v.exactOptional(wireString),
  avatar: v.exactOptional(wireString),
  gender: v.exactOptional(wireString),
  birthday: v.exactOptional(wireString),
  extranet: v.exactOptional(wireBoolean),
  bot: v.exactOptional(wireBoolean),
  connector: v.exactOptional(wireBoolean),
  externalAuthId: v.exactOptional(wireString),
  status: v.exactOptional(wireString),
  idle: v.exactOptional(wireStringOrFalse),
  lastActivityDate: v.exactOptional(wireStringOrFalse),
  mobileLastDate: v.exactOptional(wireStringOrFalse),
  desktopLastDate: v.exactOptional(wireStringOrFalse),
  absent: v.exactOptional(wireStringOrFalse),
  departments: wireList(wireId),
  phones: phonesSchema,
  type: v.exactOptional(wireString),
  website: v.exactOptional(wireString),
  email: v.exactOptional(wireString),
})

/** `data.user`: a User, or `null` when the event has none (a system message's author). */
export const v2EventUserSchema: v.GenericSchema<unknown, V2EventUser | null> = wireNullableObject(userSchema)

/**
 * A Chat object in an event (the event flavour: no `role`, `muteList` or response-only fields).
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTV2MESSAGEADD') {
 *   await api.v2.Chat.Message.send({ botId: event.data.bot.id, dialogId: event.data.chat.dialogId, fields: { message: 'On it' } })
 * }
 * ```
 */
export interface V2EventChat {
  /** The chat id. */
  id: number
  /** Where to answer: `chat{id}` for group chats, the other user's id for private chats. */
  dialogId: string
  /** The chat's title. */
  name?: string
  /** The chat's description. */
  description?: string
  /** `chat`, `open`, `channel`, `openChannel`, `copilot`, `thread`, `generalChannel`, `private`, ... */
  type?: string
  /** `C`, `O`, `P`, ... */
  messageType?: string
  /** The owner's user id. */
  owner?: number
  /** HEX colour, or `null`. */
  color?: string | null
  /** Avatar URL, or `""`. */
  avatar?: string
  /** Whether extranet users take part. */
  extranet?: boolean
  /** Whether collaborators (guests of a collab) take part. */
  containsCollaber?: boolean
  /** `LINES` for Open Channels; `""` when none. */
  entityType?: string
  /** The id of the entity the chat is bound to. */
  entityId?: string
  /** The bound entity's extra data 1. */
  entityData1?: string
  /** The bound entity's extra data 2. */
  entityData2?: string
  /** The bound entity's extra data 3. */
  entityData3?: string
  /** Link to the external object, as delivered; `{}` when none. */
  entityLink: Record<string, unknown>
  /** The id of the chat's folder on Drive, or `null`. */
  diskFolderId?: number | null
  /** Minimum roles per action, as delivered; `{}` when none. */
  permissions: Record<string, unknown>
  /** The parent chat of a thread, or `null` (`0` and `""` too). */
  parentChatId?: number | null
  /** In a comment thread: the message it comments on, or `null`. */
  parentMessageId?: number | null
  /** Whether the chat was just created. */
  isNew?: boolean
  /** Whether users can type in the chat (the wire's `"Y"`/`"N"` as a boolean, as the methods return it). */
  textFieldEnabled?: boolean
  /** The chat's background, such as `'azure'`; `null`: the user's own. */
  backgroundId?: string | null
  [key: string]: unknown
}

export const v2EventChatSchema: v.GenericSchema<unknown, V2EventChat> = v.looseObject({
  id: wireId,
  dialogId: wireString,
  name: v.exactOptional(wireString),
  description: v.exactOptional(wireString),
  type: v.exactOptional(wireString),
  messageType: v.exactOptional(wireString),
  owner: v.exactOptional(wireCount),
  color: v.exactOptional(wireNullableString),
  avatar: v.exactOptional(wireString),
  extranet: v.exactOptional(wireBoolean),
  containsCollaber: v.exactOptional(wireBoolean),
  entityType: v.exactOptional(wireString),
  entityId: v.exactOptional(wireString),
  entityData1: v.exactOptional(wireString),
  entityData2: v.exactOptional(wireString),
  entityData3: v.exactOptional(wireString),
  entityLink: wireRecord,
  diskFolderId: v.exactOptional(wireNullableRef),
  permissions: wireRecord,
  parentChatId: v.exactOptional(wireNullableRef),
  parentMessageId: v.exactOptional(wireNullableRef),
  isNew: v.exactOptional(wireBoolean),
  textFieldEnabled: v.exactOptional(wireBoolean),
  backgroundId: v.exactOptional(wireNullableString),
})

/** `message.forward`: where a forwarded message came from. */
export interface V2MessageForward {
  /** The forwarded message's context: a message id, or a string such as `chat12/345`. */
  id?: string | number
  /** The original message's author. */
  userId?: number
  /** The original message's chat. */
  chatId?: number
  /** When the original was posted (ISO 8601), or `null`. */
  date?: string | null
  [key: string]: unknown
}

const forwardSchema = v.looseObject({
  id: v.exactOptional(v.union([wireId, wireString])),
  userId: v.exactOptional(wireCount),
  chatId: v.exactOptional(wireCount),
  date: v.exactOptional(wireNullableString),
})

/**
 * A Message object in an event.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTV2MESSAGEADD' && event.data.message.text.startsWith('hello')) {
 *   await api.v2.Chat.Message.send({ botId: event.data.bot.id, dialogId: event.data.chat.dialogId, fields: { message: 'Hello!' } })
 * }
 * ```
 */
export interface V2EventMessage {
  /** The message id. */
  id: number
  /** The id of its chat. */
  chatId: number
  /** `0` for a system message. */
  authorId: number
  /** ISO 8601, or `null`. */
  date: string | null
  /** BB-code text, at most 20,000 characters. */
  text: string
  /** Whether it is a system message (it has no author). */
  isSystem?: boolean
  /** The client's uuid, often `""`; `null` where a JSON body says so. */
  uuid?: string | null
  /** Where it was forwarded from, or `null`. */
  forward: V2MessageForward | null
  /** Attach, keyboard, files and other params, as delivered; `{}` when none. */
  params: Record<string, unknown>
  /** Whether another member has read it. */
  viewedByOthers?: boolean
  [key: string]: unknown
}

export const v2EventMessageSchema: v.GenericSchema<unknown, V2EventMessage> = v.looseObject({
  id: wireId,
  chatId: wireId,
  authorId: wireCount,
  date: v.optional(wireNullableString, ''),
  text: wireString,
  isSystem: v.exactOptional(wireBoolean),
  uuid: v.exactOptional(v.union([v.null(), wireString])),
  forward: wireNullableObject(forwardSchema),
  params: wireRecord,
  viewedByOthers: v.exactOptional(wireBoolean),
})

/** The fields most v2 events carry after `bot`: the chat, the user, the portal language. */
export interface V2ChatUserFields {
  /** The chat the event happened in. */
  chat: V2EventChat
  /** The user, or `null` when there is none. */
  user: V2EventUser | null
  /** The portal's language (`en`). */
  language?: string
}

export const chatUserEntries = {
  chat: v2EventChatSchema,
  user: v2EventUserSchema,
  language: v.exactOptional(wireString),
}

/** `data.command` of `ONIMBOTV2COMMANDADD`. */
export interface V2EventCommand {
  /** The registered command's id (for `Command.answer`). */
  id: number
  /** The command with its slash (`/help`). */
  command: string
  /** The text after the command, `""` when none. */
  params: string
  /** `textarea` when typed, `keyboard` for a button, `menu` for a context-menu item. */
  context: 'textarea' | 'keyboard' | 'menu'
  [key: string]: unknown
}

export const v2EventCommandSchema: v.GenericSchema<unknown, V2EventCommand> = v.looseObject({
  id: wireId,
  command: wireString,
  params: v.optional(wireString, ''),
  context: v.picklist(['textarea', 'keyboard', 'menu'], 'Expected "textarea", "keyboard" or "menu"'),
})

/** A reaction change: which reaction, added or removed. */
export interface V2ReactionFields {
  /** The reaction code (`like`, `fire`, ...; see `REACTION_CODES`). */
  reaction: string
  /** Whether the reaction was added (`'add'`) or taken back (`'delete'`). */
  action: 'add' | 'delete'
}

export const reactionEntries = {
  reaction: wireString,
  action: v.picklist(['add', 'delete'], 'Expected "add" or "delete"'),
}

/** The context passed when a dialog was opened with one (`ONIMBOTV2CONTEXTGET`): any JSON, as delivered. */
export const v2ContextSchema: v.GenericSchema<unknown, Record<string, unknown>> = wireRecord
