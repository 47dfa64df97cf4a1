import * as v from 'valibot'
import {
  chatUserEntries,
  v2EventBotSchema,
  v2EventMessageSchema,
  type V2ChatUserFields,
  type V2EventBot,
  type V2EventMessage,
} from '../event-schemas/v2.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMBOTV2MESSAGEADD`. */
export interface OnImbotV2MessageAddData extends V2ChatUserFields {
  /** The bot the event is for: the full Bot in fetch mode, `{ id, code, auth }` in a webhook. */
  bot: V2EventBot
  /** The message. */
  message: V2EventMessage
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImbotV2MessageAddData> = v.looseObject({
  bot: v2EventBotSchema,
  message: v2EventMessageSchema,
  ...chatUserEntries,
})

/**
 * `ONIMBOTV2MESSAGEADD`: a user wrote to the v2 bot: its private chat, a mention in a group chat (types `supervisor` and `personal`: every message of their chats).
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTV2MESSAGEADD') {
 *   const { bot, chat, message } = event.data
 *   await api.v2.Chat.Message.send({ botId: bot.id, dialogId: chat.dialogId, fields: { message: `You said: ${message.text}` } })
 * }
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html
 */
export const onImbotV2MessageAdd = defineEvent({
  event: 'ONIMBOTV2MESSAGEADD',
  generation: 'v2',
  deliveries: ['fetch', 'webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html',
  data: dataSchema,
})
