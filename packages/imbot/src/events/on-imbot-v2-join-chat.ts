import * as v from 'valibot'
import { chatUserEntries, v2EventBotSchema, type V2ChatUserFields, type V2EventBot } from '../event-schemas/v2.ts'
import { wireString } from '../event-schemas/wire.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMBOTV2JOINCHAT`. */
export interface OnImbotV2JoinChatData extends V2ChatUserFields {
  /** The bot the event is for: the full Bot in fetch mode, `{ id, code, auth }` in a webhook. */
  bot: V2EventBot
  /** Where to greet: `chat{id}`, or the user's id. */
  dialogId: string
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImbotV2JoinChatData> = v.looseObject({
  bot: v2EventBotSchema,
  dialogId: wireString,
  ...chatUserEntries,
})

/**
 * `ONIMBOTV2JOINCHAT`: the v2 bot was added to a chat, or a user opened a dialog with it.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTV2JOINCHAT') await api.v2.Chat.Message.send({ botId: event.data.bot.id, dialogId: event.data.dialogId, fields: { message: 'Hello!' } })
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html
 */
export const onImbotV2JoinChat = defineEvent({
  event: 'ONIMBOTV2JOINCHAT',
  generation: 'v2',
  deliveries: ['fetch', 'webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html',
  data: dataSchema,
})
