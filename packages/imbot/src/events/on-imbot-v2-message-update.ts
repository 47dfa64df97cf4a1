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

/** `data` of `ONIMBOTV2MESSAGEUPDATE`. */
export interface OnImbotV2MessageUpdateData extends V2ChatUserFields {
  /** The bot the event is for: the full Bot in fetch mode, `{ id, code, auth }` in a webhook. */
  bot: V2EventBot
  /** The edited message, with its new text. */
  message: V2EventMessage
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImbotV2MessageUpdateData> = v.looseObject({
  bot: v2EventBotSchema,
  message: v2EventMessageSchema,
  ...chatUserEntries,
})

/**
 * `ONIMBOTV2MESSAGEUPDATE`: a message in one of the v2 bot's chats was edited; `message` has the new text (same audience as `ONIMBOTV2MESSAGEADD`).
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTV2MESSAGEUPDATE') console.log('edited', event.data.message.id, event.data.message.text)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html
 */
export const onImbotV2MessageUpdate = defineEvent({
  event: 'ONIMBOTV2MESSAGEUPDATE',
  generation: 'v2',
  deliveries: ['fetch', 'webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html',
  data: dataSchema,
})
