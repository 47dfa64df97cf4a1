import * as v from 'valibot'
import { chatUserEntries, v2EventMessageSchema, type V2ChatUserFields, type V2EventMessage } from '../event-schemas/v2.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMV2MESSAGEADD`. */
export interface OnImV2MessageAddData extends V2ChatUserFields {
  /** The message. */
  message: V2EventMessage
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImV2MessageAddData> = v.looseObject({
  message: v2EventMessageSchema,
  ...chatUserEntries,
})

/**
 * `ONIMV2MESSAGEADD`: a new message in a chat of the subscribed user (`im.v2.Event.subscribe`); polled only.
 *
 * @example
 * ```ts
 * import { decodeEvent } from '@b24bot/imbot'
 *
 * const { events } = await api.im.v2.Event.get({ offset: 0 })
 * for (const item of events) {
 *   const event = decodeEvent(item)
 *   if (event.event === 'ONIMV2MESSAGEADD') console.log(event.data.chat.dialogId, event.data.message.text)
 * }
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/events.html
 */
export const onImV2MessageAdd = defineEvent({
  event: 'ONIMV2MESSAGEADD',
  generation: 'user',
  deliveries: ['fetch'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/events.html',
  data: dataSchema,
})
