import * as v from 'valibot'
import {
  classicBotMapSchema,
  classicUserSchema,
  mentionEntries,
  newMessageEntries,
  type ClassicBotEntry,
  type ClassicEventUser,
  type ClassicMentionFields,
  type ClassicNewMessageParams,
} from '../event-schemas/classic.ts'
import { wireString } from '../event-schemas/wire.ts'
import { defineEvent } from '../event-table.ts'

/** `PARAMS` of `ONIMBOTMESSAGEADD`: the new message, from the bot's side. */
export interface OnImbotMessageAddParams extends ClassicNewMessageParams, ClassicMentionFields {
  /** `TEXTAREA`. */
  COMMAND_CONTEXT?: string
}

/** `data` of `ONIMBOTMESSAGEADD`. */
export interface OnImbotMessageAddData {
  /** The addressed bots of the application, keyed by bot id (several when several are mentioned). */
  BOT: Record<number, ClassicBotEntry>
  /** The message and its chat. */
  PARAMS: OnImbotMessageAddParams
  /** The author, or `null`. */
  USER: ClassicEventUser | null
  [key: string]: unknown
}

const paramsSchema: v.GenericSchema<unknown, OnImbotMessageAddParams> = v.looseObject({
  ...newMessageEntries,
  ...mentionEntries,
  COMMAND_CONTEXT: v.exactOptional(wireString),
})

const dataSchema: v.GenericSchema<unknown, OnImbotMessageAddData> = v.looseObject({
  BOT: classicBotMapSchema,
  PARAMS: paramsSchema,
  USER: classicUserSchema,
})

/**
 * `ONIMBOTMESSAGEADD`: a user wrote to the bot: any message in its private chat; in group chats a mention of the bot (bots of type `S` and `P`: every message). Not sent for a message that ran a command (`ONIMCOMMANDADD` instead), nor for messages of bots.
 *
 * @example
 * ```ts
 * import { decodeEvent } from '@b24bot/imbot'
 *
 * declare const body: Record<string, unknown> // the request's form, decoded
 * const event = decodeEvent(body)
 * if (event.event === 'ONIMBOTMESSAGEADD') {
 *   const { PARAMS } = event.data
 *   await api.message.add({ BOT_ID: Number(Object.keys(event.data.BOT)[0]), DIALOG_ID: PARAMS.DIALOG_ID, MESSAGE: `You said: ${PARAMS.MESSAGE}` })
 * }
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/events/on-imbot-message-add.html
 */
export const onImbotMessageAdd = defineEvent({
  event: 'ONIMBOTMESSAGEADD',
  generation: 'classic',
  deliveries: ['webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/events/on-imbot-message-add.html',
  data: dataSchema,
})
