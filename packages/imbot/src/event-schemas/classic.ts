/**
 * Pieces of the classic events (`ONIMBOT*`, `ONIMCOMMANDADD`; server-behavior §3.4-3.5). Keys keep
 * their documented UPPER_CASE wire names; values get real types: ids and counts are numbers, `Y`/`N`
 * flags stay `'Y' | 'N'` as documented, maps keyed by id are records with numeric keys.
 */
import * as v from 'valibot'
import { authEntries, eventAuthSchema, type EventAuth } from './auth.ts'
import {
  idField,
  idItself,
  wireCount,
  wireId,
  wireIdMap,
  wireNullableObject,
  wireRecord,
  wireRecordById,
  wireString,
  wireYesNo,
} from './wire.ts'

/**
 * `data[USER]`: the author of the message, or the user who acted. `IS_*` flags only in message
 * events. `null` when the event has no user (a system author: the server sends an empty array).
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTMESSAGEADD' && event.data.USER?.IS_BOT === 'N') console.log(`Hello, ${event.data.USER.FIRST_NAME}`)
 * ```
 */
export interface ClassicEventUser {
  /** The user id. */
  ID: number
  /** The full name (`""` when the portal has none). */
  NAME: string
  /** First name. */
  FIRST_NAME: string
  /** Last name. */
  LAST_NAME: string
  /** Job title. */
  WORK_POSITION?: string
  /** `M` or `F`. */
  GENDER?: string
  /** Whether the user is a bot. */
  IS_BOT?: 'Y' | 'N'
  /** Whether the user comes through a connector (Open Channels). */
  IS_CONNECTOR?: 'Y' | 'N'
  /** Whether the user is an external network user. */
  IS_NETWORK?: 'Y' | 'N'
  /** Whether the user is an extranet user. */
  IS_EXTRANET?: 'Y' | 'N'
  [key: string]: unknown
}

const userSchema = v.looseObject({
  ID: wireCount,
  NAME: v.optional(wireString, ''),
  FIRST_NAME: v.optional(wireString, ''),
  LAST_NAME: v.optional(wireString, ''),
  WORK_POSITION: v.exactOptional(wireString),
  GENDER: v.exactOptional(wireString),
  IS_BOT: v.exactOptional(wireYesNo),
  IS_CONNECTOR: v.exactOptional(wireYesNo),
  IS_NETWORK: v.exactOptional(wireYesNo),
  IS_EXTRANET: v.exactOptional(wireYesNo),
})

/** `data[USER]`: the user, or `null` when absent, empty, or user `0`. */
export const classicUserSchema: v.GenericSchema<unknown, ClassicEventUser | null> = v.pipe(
  wireNullableObject(userSchema),
  v.transform((user): ClassicEventUser | null => (user === null || user.ID === 0 ? null : user)),
)

/**
 * A `data[BOT][id]` entry: the OAuth tokens of the bot user (an OAuth app's bots only), `AUTH` (a copy
 * of them), `BOT_ID` and `BOT_CODE`. A webhook client's bots have only `BOT_ID` and `BOT_CODE`.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTMESSAGEADD') {
 *   for (const bot of Object.values(event.data.BOT)) console.log(bot.BOT_ID, bot.BOT_CODE)
 * }
 * ```
 */
export interface ClassicBotEntry extends EventAuth {
  /** The bot id. */
  BOT_ID: number
  /** The bot's `CODE`, as registered. */
  BOT_CODE: string
  /** The bot's tokens again, in `auth` form. */
  AUTH?: EventAuth
}

const botEntryEntries = {
  ...authEntries,
  AUTH: v.exactOptional(eventAuthSchema),
  BOT_ID: wireId,
  BOT_CODE: wireString,
}

/** `data[BOT]`: the addressed bots of one application, keyed by bot id (a list is keyed by each entry's `BOT_ID`). */
export const classicBotMapSchema: v.GenericSchema<unknown, Record<number, ClassicBotEntry>> = wireIdMap(
  v.looseObject(botEntryEntries),
  idField('BOT_ID'),
)

/**
 * A `data[COMMAND][id]` entry: the owning bot's entry plus the command.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMCOMMANDADD') {
 *   for (const command of Object.values(event.data.COMMAND)) {
 *     await api.command.answer({ COMMAND_ID: command.COMMAND_ID, MESSAGE_ID: command.MESSAGE_ID, MESSAGE: `echo ${command.COMMAND_PARAMS}` })
 *   }
 * }
 * ```
 */
export interface ClassicCommandEntry extends ClassicBotEntry {
  /** The command without `/` (`echo`). */
  COMMAND: string
  /** The command id (what `imbot.command.answer` takes). */
  COMMAND_ID: number
  /** The rest of the line after the command (`""` when none). */
  COMMAND_PARAMS: string
  /** `TEXTAREA` when typed, `KEYBOARD` for a button, `MENU` for a context-menu item. */
  COMMAND_CONTEXT: 'TEXTAREA' | 'KEYBOARD' | 'MENU'
  /** The message to answer (`imbot.command.answer`). */
  MESSAGE_ID: number
}

/** `data[COMMAND]`: the invoked commands, keyed by command id (a list is keyed by each entry's `COMMAND_ID`). */
export const classicCommandMapSchema: v.GenericSchema<unknown, Record<number, ClassicCommandEntry>> = wireIdMap(
  v.looseObject({
    ...botEntryEntries,
    COMMAND: wireString,
    COMMAND_ID: wireId,
    COMMAND_PARAMS: v.optional(wireString, ''),
    COMMAND_CONTEXT: v.picklist(['TEXTAREA', 'KEYBOARD', 'MENU'], 'Expected TEXTAREA, KEYBOARD or MENU'),
    MESSAGE_ID: wireId,
  }),
  idField('COMMAND_ID'),
)

/** A map `{ id: id }` (`MENTIONED_LIST`, `BOT_IN_CHAT`); `{}` when absent (PHP leaves out an empty map); a list of ids is keyed by each id. */
export const classicIdSetSchema: v.GenericSchema<unknown, Record<number, number>> = wireIdMap(wireCount, idItself)

/** The chat fields of a group-chat message event (absent in private chats). */
export interface ClassicChatFields {
  /** The chat id. */
  CHAT_ID?: number
  /** The chat's title. */
  CHAT_TITLE?: string
  /** The chat owner's id. */
  CHAT_AUTHOR_ID?: number
  /** The avatar file id; `"0"` for none. */
  CHAT_AVATAR?: string
  /** The color code (`BROWN`). */
  CHAT_COLOR?: string
  /** The bound entity type (`THREAD`, `LINES`, the `ENTITY_TYPE` of `imbot.chat.add`). */
  CHAT_ENTITY_TYPE?: string
  /** The id of the bound entity. */
  CHAT_ENTITY_ID?: string
  /** The bound entity's extra data 1. */
  CHAT_ENTITY_DATA_1?: string
  /** The bound entity's extra data 2. */
  CHAT_ENTITY_DATA_2?: string
  /** The bound entity's extra data 3. */
  CHAT_ENTITY_DATA_3?: string
  /** Whether it is an extranet chat. */
  CHAT_EXTRANET?: 'Y' | 'N'
  /** The id of the previous message in the chat. */
  CHAT_PREV_MESSAGE_ID?: number
  /** Who may post (`MEMBER`). */
  CHAT_CAN_POST?: string
  /** The id of the system record linking the user and the chat. */
  RID?: number
  /** Whether the sender manages the chat. */
  IS_MANAGER?: 'Y' | 'N'
}

const chatFieldEntries = {
  CHAT_ID: v.exactOptional(wireId),
  CHAT_TITLE: v.exactOptional(wireString),
  CHAT_AUTHOR_ID: v.exactOptional(wireCount),
  CHAT_AVATAR: v.exactOptional(wireString),
  CHAT_COLOR: v.exactOptional(wireString),
  CHAT_ENTITY_TYPE: v.exactOptional(wireString),
  CHAT_ENTITY_ID: v.exactOptional(wireString),
  CHAT_ENTITY_DATA_1: v.exactOptional(wireString),
  CHAT_ENTITY_DATA_2: v.exactOptional(wireString),
  CHAT_ENTITY_DATA_3: v.exactOptional(wireString),
  CHAT_EXTRANET: v.exactOptional(wireYesNo),
  CHAT_PREV_MESSAGE_ID: v.exactOptional(wireCount),
  CHAT_CAN_POST: v.exactOptional(wireString),
  RID: v.exactOptional(wireCount),
  IS_MANAGER: v.exactOptional(wireYesNo),
}

/** The processing flags of a new message (`Y`/`N`, as documented). */
export interface ClassicMessageFlags {
  /** Whether a push notification was sent. */
  PUSH?: 'Y' | 'N'
  /** Whether the push was marked important. */
  PUSH_IMPORTANT?: 'Y' | 'N'
  /** Whether the author's Recent list was left as it was. */
  RECENT_SKIP_AUTHOR?: 'Y' | 'N'
  /** Whether formatting conversion was applied. */
  CONVERT?: 'Y' | 'N'
  /** Whether command processing was skipped. */
  SKIP_COMMAND?: 'Y' | 'N'
  /** Whether unread counters were left as they were. */
  SKIP_COUNTER_INCREMENTS?: 'Y' | 'N'
  /** Whether it was sent to connectors silently. */
  SILENT_CONNECTOR?: 'Y' | 'N'
  /** Whether it was kept from external connectors. */
  SKIP_CONNECTOR?: 'Y' | 'N'
  /** Whether it was marked important for connectors. */
  IMPORTANT_CONNECTOR?: 'Y' | 'N'
  /** Whether opening an Open Line session was suppressed. */
  NO_SESSION_OL?: 'Y' | 'N'
  /** Whether its links were left unindexed. */
  SKIP_URL_INDEX?: 'Y' | 'N'
  /** A system relation value (usually `0`). */
  FAKE_RELATION?: number
}

const messageFlagEntries = {
  PUSH: v.exactOptional(wireYesNo),
  PUSH_IMPORTANT: v.exactOptional(wireYesNo),
  RECENT_SKIP_AUTHOR: v.exactOptional(wireYesNo),
  CONVERT: v.exactOptional(wireYesNo),
  SKIP_COMMAND: v.exactOptional(wireYesNo),
  SKIP_COUNTER_INCREMENTS: v.exactOptional(wireYesNo),
  SILENT_CONNECTOR: v.exactOptional(wireYesNo),
  SKIP_CONNECTOR: v.exactOptional(wireYesNo),
  IMPORTANT_CONNECTOR: v.exactOptional(wireYesNo),
  NO_SESSION_OL: v.exactOptional(wireYesNo),
  SKIP_URL_INDEX: v.exactOptional(wireYesNo),
  FAKE_RELATION: v.exactOptional(wireCount),
}

/** The fields every new-message event (`ONIMBOTMESSAGEADD`, `ONIMCOMMANDADD`) starts with. */
export interface ClassicNewMessageParams extends ClassicChatFields, ClassicMessageFlags {
  /** The text. In group chats of `ONIMBOTMESSAGEADD`, with the bot mentions stripped (see `MESSAGE_ORIGINAL`). */
  MESSAGE: string
  /** The message's uuid. */
  TEMPLATE_ID?: string
  /** `P` private, `C` group, `O` open, `L` open line, ... */
  MESSAGE_TYPE: string
  /** The sender's user id. */
  FROM_USER_ID: number
  /** Where to answer: the author's id in a private chat, `chatNNN` otherwise. */
  DIALOG_ID: string
  /** The internal chat id (present for one-to-one dialogs too). */
  TO_CHAT_ID: number
  /** The author's user id. */
  AUTHOR_ID: number
  /** Whether it is a system message. */
  SYSTEM?: 'Y' | 'N'
  /** The bot in a private chat; the first mentioned user (or `0`) in a group chat. */
  TO_USER_ID?: number
  /** The message id. */
  MESSAGE_ID: number
  /** Like `MESSAGE_TYPE`. */
  CHAT_TYPE: string
  /** The portal's language (`en`). */
  LANGUAGE?: string
  /** The message's params (attach, keyboard, ...), as delivered. */
  PARAMS?: Record<string, unknown>
  /** The message's files keyed by file id, as delivered. */
  FILES?: Record<string, unknown>
  [key: string]: unknown
}

export const newMessageEntries = {
  MESSAGE: wireString,
  TEMPLATE_ID: v.exactOptional(wireString),
  MESSAGE_TYPE: wireString,
  FROM_USER_ID: wireCount,
  DIALOG_ID: wireString,
  TO_CHAT_ID: wireId,
  AUTHOR_ID: wireCount,
  SYSTEM: v.exactOptional(wireYesNo),
  TO_USER_ID: v.exactOptional(wireCount),
  MESSAGE_ID: wireId,
  CHAT_TYPE: wireString,
  LANGUAGE: v.exactOptional(wireString),
  PARAMS: v.exactOptional(wireRecord),
  FILES: v.exactOptional(wireRecordById(idField('id'))),
  ...chatFieldEntries,
  ...messageFlagEntries,
}

/** `PARAMS` of `ONIMBOTMESSAGEDELETE` (and the base of `ONIMBOTMESSAGEUPDATE`'s). */
export interface ClassicMessageChangeParams {
  /** The message id (also in `MESSAGE_ID`). */
  ID: number
  /** The chat id. */
  CHAT_ID: number
  /** The author's user id. */
  AUTHOR_ID?: number
  /** The new text; for a delete, the portal's placeholder ("Message from ... has been deleted"). */
  MESSAGE: string
  /** The chat's type: `'P'` one-to-one, `'C'` group chat, `'O'` open chat, `'L'` open line, and others. */
  MESSAGE_TYPE: string
  /** The chat owner's user id. */
  CHAT_AUTHOR_ID?: number
  /** Absent in private chats. */
  CHAT_ENTITY_TYPE?: string
  /** The id of the bound entity. */
  CHAT_ENTITY_ID?: string
  /** The bound entity's extra data 1. */
  CHAT_ENTITY_DATA_1?: string
  /** The bound entity's extra data 2. */
  CHAT_ENTITY_DATA_2?: string
  /** The bound entity's extra data 3. */
  CHAT_ENTITY_DATA_3?: string
  /** Private chats only. */
  FROM_USER_ID?: number
  /** Private chats: the bot; group chats: the first mentioned user (or `0`). */
  TO_USER_ID?: number
  /** The dialog: a user id in a one-to-one dialog, `chat<id>` in a group. */
  DIALOG_ID: string
  /** The message id. */
  MESSAGE_ID: number
  /** The chat's type, as in `MESSAGE_TYPE`. */
  CHAT_TYPE: string
  /** The portal's default language. */
  LANGUAGE?: string
  /** The message's own params, as the portal stores them. */
  PARAMS?: Record<string, unknown>
  [key: string]: unknown
}

export const messageChangeEntries = {
  ID: wireId,
  CHAT_ID: wireId,
  AUTHOR_ID: v.exactOptional(wireCount),
  MESSAGE: wireString,
  MESSAGE_TYPE: wireString,
  CHAT_AUTHOR_ID: v.exactOptional(wireCount),
  CHAT_ENTITY_TYPE: v.exactOptional(wireString),
  CHAT_ENTITY_ID: v.exactOptional(wireString),
  CHAT_ENTITY_DATA_1: v.exactOptional(wireString),
  CHAT_ENTITY_DATA_2: v.exactOptional(wireString),
  CHAT_ENTITY_DATA_3: v.exactOptional(wireString),
  FROM_USER_ID: v.exactOptional(wireCount),
  TO_USER_ID: v.exactOptional(wireCount),
  DIALOG_ID: wireString,
  MESSAGE_ID: wireId,
  CHAT_TYPE: wireString,
  LANGUAGE: v.exactOptional(wireString),
  PARAMS: v.exactOptional(wireRecord),
}

/** The mention fields of a message in a group chat (`ONIMBOTMESSAGEADD`, `ONIMBOTMESSAGEUPDATE`). */
export interface ClassicMentionFields {
  /** Mentioned users and bots, `{ id: id }`; `{}` in private chats. */
  MENTIONED_LIST: Record<number, number>
  /** Group chats: the text with the mention BB-codes. */
  MESSAGE_ORIGINAL?: string
  /** Members of the chat (2 in a private chat). */
  CHAT_USER_COUNT?: number
  /** `web` or `mobile`. */
  PLATFORM_CONTEXT?: string
}

export const mentionEntries = {
  MENTIONED_LIST: classicIdSetSchema,
  MESSAGE_ORIGINAL: v.exactOptional(wireString),
  CHAT_USER_COUNT: v.exactOptional(wireCount),
  PLATFORM_CONTEXT: v.exactOptional(wireString),
}
