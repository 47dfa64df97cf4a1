import * as v from 'valibot'
import { chatUserEntries, type V2ChatUserFields } from '../event-schemas/v2.ts'
import { wireId } from '../event-schemas/wire.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMV2MESSAGEDELETE`. */
export interface OnImV2MessageDeleteData extends V2ChatUserFields {
  /** The deleted message's id. */
  messageId: number
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImV2MessageDeleteData> = v.looseObject({
  messageId: wireId,
  ...chatUserEntries,
})

/**
 * `ONIMV2MESSAGEDELETE`: a message was deleted in a chat of the subscribed user; polled only.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMV2MESSAGEDELETE') console.log('deleted', event.data.messageId)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/events.html
 */
export const onImV2MessageDelete = defineEvent({
  event: 'ONIMV2MESSAGEDELETE',
  generation: 'user',
  deliveries: ['fetch'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/events.html',
  data: dataSchema,
})
