import * as v from 'valibot'
import { classicBotMapSchema, classicUserSchema, type ClassicBotEntry, type ClassicEventUser } from '../event-schemas/classic.ts'
import { wireBoolean, wireCount, wireId, wireString, wireYesNo } from '../event-schemas/wire.ts'
import { defineEvent } from '../event-table.ts'

/** `PARAMS` of `ONIMBOTJOINCHAT`. */
export interface OnImbotJoinChatParams {
  /** `P` for a private chat, `C`, `O`, `L`, ... */
  CHAT_TYPE: string
  /** The chat's type: `'P'` one-to-one, `'C'` group chat, `'L'` open line, and others. */
  MESSAGE_TYPE: string
  /** The bot that joined. */
  BOT_ID: number
  /** The user who added the bot, or who opened the private chat. */
  USER_ID: number
  /** Private chats: the user. */
  TO_USER_ID?: number
  /** Private chats: the bot. */
  FROM_USER_ID?: number
  /** The chat id (group chats). */
  CHAT_ID?: number
  /** Group chats: the owner. */
  CHAT_AUTHOR_ID?: number
  /** The entity the chat is bound to, if any. */
  CHAT_ENTITY_TYPE?: string
  /** The id of the bound entity. */
  CHAT_ENTITY_ID?: string
  /** Group chats: whether the bot can read the history (`"1"`/`"0"` on the wire). */
  ACCESS_HISTORY?: boolean
  /** Copilot group chats: joined without a system message. */
  SILENT_JOIN?: 'Y' | 'N'
  /** Where to greet: the user's id, or `chatNNN`. */
  DIALOG_ID: string
  /** The portal's default language. */
  LANGUAGE?: string
  [key: string]: unknown
}

/** `data` of `ONIMBOTJOINCHAT`. */
export interface OnImbotJoinChatData {
  /** The addressed bots of the application, keyed by bot id. */
  BOT: Record<number, ClassicBotEntry>
  /** The chat the bot joined. */
  PARAMS: OnImbotJoinChatParams
  /** The user (without the `IS_*` flags), or `null`. */
  USER: ClassicEventUser | null
  [key: string]: unknown
}

const paramsSchema: v.GenericSchema<unknown, OnImbotJoinChatParams> = v.looseObject({
  CHAT_TYPE: wireString,
  MESSAGE_TYPE: wireString,
  BOT_ID: wireId,
  USER_ID: wireCount,
  TO_USER_ID: v.exactOptional(wireCount),
  FROM_USER_ID: v.exactOptional(wireCount),
  CHAT_ID: v.exactOptional(wireId),
  CHAT_AUTHOR_ID: v.exactOptional(wireCount),
  CHAT_ENTITY_TYPE: v.exactOptional(wireString),
  CHAT_ENTITY_ID: v.exactOptional(wireString),
  ACCESS_HISTORY: v.exactOptional(wireBoolean),
  SILENT_JOIN: v.exactOptional(wireYesNo),
  DIALOG_ID: wireString,
  LANGUAGE: v.exactOptional(wireString),
})

const dataSchema: v.GenericSchema<unknown, OnImbotJoinChatData> = v.looseObject({
  BOT: classicBotMapSchema,
  PARAMS: paramsSchema,
  USER: classicUserSchema,
})

/**
 * `ONIMBOTJOINCHAT`: the bot was added to a chat, or a user opened the private chat with it for the first time (bound with `EVENT_WELCOME_MESSAGE`).
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTJOINCHAT') await api.message.add({ DIALOG_ID: event.data.PARAMS.DIALOG_ID, MESSAGE: 'Hello!' })
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/events/on-imbot-join-chat.html
 */
export const onImbotJoinChat = defineEvent({
  event: 'ONIMBOTJOINCHAT',
  generation: 'classic',
  deliveries: ['webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/events/on-imbot-join-chat.html',
  data: dataSchema,
})
