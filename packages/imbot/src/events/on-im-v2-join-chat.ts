import * as v from 'valibot'
import { chatUserEntries, type V2ChatUserFields } from '../event-schemas/v2.ts'
import { wireString } from '../event-schemas/wire.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMV2JOINCHAT`. */
export interface OnImV2JoinChatData extends V2ChatUserFields {
  /** The chat, as the subscribed user addresses it. */
  dialogId: string
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImV2JoinChatData> = v.looseObject({
  dialogId: wireString,
  ...chatUserEntries,
})

/**
 * `ONIMV2JOINCHAT`: a member was added to a chat of the subscribed user; polled only.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMV2JOINCHAT') console.log(`${event.data.user?.name ?? 'someone'} joined ${event.data.dialogId}`)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/events.html
 */
export const onImV2JoinChat = defineEvent({
  event: 'ONIMV2JOINCHAT',
  generation: 'user',
  deliveries: ['fetch'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/events.html',
  data: dataSchema,
})
