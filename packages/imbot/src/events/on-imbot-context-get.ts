import * as v from 'valibot'
import { classicBotMapSchema, classicUserSchema, type ClassicBotEntry, type ClassicEventUser } from '../event-schemas/classic.ts'
import { wireCount, wireString } from '../event-schemas/wire.ts'
import { defineEvent } from '../event-table.ts'

/** `PARAMS` of `ONIMBOTCONTEXTGET` (server-behavior §3.5). */
export interface OnImbotContextGetParams {
  /** `P` for the private chat the dialog was opened in. */
  CHAT_TYPE: string
  /** The chat's type: `'P'` one-to-one, `'C'` group chat, `'L'` open line, and others. */
  MESSAGE_TYPE: string
  /** The user who opened the dialog. */
  USER_ID: number
  /** The chat owner's user id. */
  CHAT_AUTHOR_ID?: number
  /** The entity the chat is bound to, if any. */
  CHAT_ENTITY_TYPE?: string
  /** The id of the bound entity. */
  CHAT_ENTITY_ID?: string
  /** What the dialog was opened with (`BOT_CONTEXT`): arbitrary data, every scalar a string when pushed. */
  CONTEXT: Record<string, unknown>
  /** Where to answer: the user's id. */
  DIALOG_ID: string
  /** The portal's default language. */
  LANGUAGE?: string
  [key: string]: unknown
}

/** `data` of `ONIMBOTCONTEXTGET`. */
export interface OnImbotContextGetData {
  /** The addressed bots of the application, keyed by bot id. */
  BOT: Record<number, ClassicBotEntry>
  /** The dialog that was opened. */
  PARAMS: OnImbotContextGetParams
  /** The user, or `null`. */
  USER: ClassicEventUser | null
  [key: string]: unknown
}

const paramsSchema: v.GenericSchema<unknown, OnImbotContextGetParams> = v.looseObject({
  CHAT_TYPE: wireString,
  MESSAGE_TYPE: wireString,
  USER_ID: wireCount,
  CHAT_AUTHOR_ID: v.exactOptional(wireCount),
  CHAT_ENTITY_TYPE: v.exactOptional(wireString),
  CHAT_ENTITY_ID: v.exactOptional(wireString),
  // An empty context disappears from a form body, as empty arrays do.
  CONTEXT: v.optional(v.record(v.string(), v.unknown()), {}),
  DIALOG_ID: wireString,
  LANGUAGE: v.exactOptional(wireString),
})

const dataSchema: v.GenericSchema<unknown, OnImbotContextGetData> = v.looseObject({
  BOT: classicBotMapSchema,
  PARAMS: paramsSchema,
  USER: classicUserSchema,
})

/**
 * `ONIMBOTCONTEXTGET`: a user opened the dialog with the bot carrying a context (a link with
 * `BOT_CONTEXT`, a deep link, or `im.v2.Chat.Bot.sendContext`); bound with the optional
 * `EVENT_CONTEXT_GET` handler. Not among the spec's 22, but a portal sends it to classic bots that
 * bound the handler (server-behavior §3.5).
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTCONTEXTGET') console.log(event.data.PARAMS.CONTEXT)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/bot-context.html
 */
export const onImbotContextGet = defineEvent({
  event: 'ONIMBOTCONTEXTGET',
  generation: 'classic',
  deliveries: ['webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/bot-context.html',
  data: dataSchema,
})
