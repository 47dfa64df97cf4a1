import * as v from 'valibot'
import { chatUserEntries, v2EventBotSchema, type V2ChatUserFields, type V2EventBot } from '../event-schemas/v2.ts'
import { wireId } from '../event-schemas/wire.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMBOTV2MESSAGEDELETE`. */
export interface OnImbotV2MessageDeleteData extends V2ChatUserFields {
  /** The bot the event is for: the full Bot in fetch mode, `{ id, code, auth }` in a webhook. */
  bot: V2EventBot
  /** The deleted message's id. */
  messageId: number
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImbotV2MessageDeleteData> = v.looseObject({
  bot: v2EventBotSchema,
  messageId: wireId,
  ...chatUserEntries,
})

/**
 * `ONIMBOTV2MESSAGEDELETE`: a message in one of the v2 bot's chats was deleted.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTV2MESSAGEDELETE') console.log('deleted', event.data.messageId)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html
 */
export const onImbotV2MessageDelete = defineEvent({
  event: 'ONIMBOTV2MESSAGEDELETE',
  generation: 'v2',
  deliveries: ['fetch', 'webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html',
  data: dataSchema,
})
