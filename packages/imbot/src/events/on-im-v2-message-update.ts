import * as v from 'valibot'
import { chatUserEntries, v2EventMessageSchema, type V2ChatUserFields, type V2EventMessage } from '../event-schemas/v2.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMV2MESSAGEUPDATE`. */
export interface OnImV2MessageUpdateData extends V2ChatUserFields {
  /** The edited message. */
  message: V2EventMessage
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImV2MessageUpdateData> = v.looseObject({
  message: v2EventMessageSchema,
  ...chatUserEntries,
})

/**
 * `ONIMV2MESSAGEUPDATE`: a message was edited in a chat of the subscribed user; polled only.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMV2MESSAGEUPDATE') console.log('edited', event.data.message.id, event.data.message.text)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/events.html
 */
export const onImV2MessageUpdate = defineEvent({
  event: 'ONIMV2MESSAGEUPDATE',
  generation: 'user',
  deliveries: ['fetch'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/events.html',
  data: dataSchema,
})
