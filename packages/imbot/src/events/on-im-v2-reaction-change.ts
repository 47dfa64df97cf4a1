import * as v from 'valibot'
import {
  chatUserEntries,
  reactionEntries,
  v2EventMessageSchema,
  type V2ChatUserFields,
  type V2EventMessage,
  type V2ReactionFields,
} from '../event-schemas/v2.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMV2REACTIONCHANGE`. */
export interface OnImV2ReactionChangeData extends V2ChatUserFields, V2ReactionFields {
  /** The message whose reactions changed. */
  message: V2EventMessage
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImV2ReactionChangeData> = v.looseObject({
  ...reactionEntries,
  message: v2EventMessageSchema,
  ...chatUserEntries,
})

/**
 * `ONIMV2REACTIONCHANGE`: a reaction was added or removed on a message in a chat of the subscribed user; polled only.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMV2REACTIONCHANGE') console.log(event.data.user?.name, event.data.action, event.data.reaction)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/events.html
 */
export const onImV2ReactionChange = defineEvent({
  event: 'ONIMV2REACTIONCHANGE',
  generation: 'user',
  deliveries: ['fetch'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/events.html',
  data: dataSchema,
})
