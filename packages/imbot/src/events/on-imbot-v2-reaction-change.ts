import * as v from 'valibot'
import {
  chatUserEntries,
  reactionEntries,
  v2EventBotSchema,
  v2EventMessageSchema,
  type V2ChatUserFields,
  type V2EventBot,
  type V2EventMessage,
  type V2ReactionFields,
} from '../event-schemas/v2.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMBOTV2REACTIONCHANGE`. */
export interface OnImbotV2ReactionChangeData extends V2ChatUserFields, V2ReactionFields {
  /** The bot the event is for: the full Bot in fetch mode, `{ id, code, auth }` in a webhook. */
  bot: V2EventBot
  /** The bot's message. */
  message: V2EventMessage
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImbotV2ReactionChangeData> = v.looseObject({
  bot: v2EventBotSchema,
  ...reactionEntries,
  message: v2EventMessageSchema,
  ...chatUserEntries,
})

/**
 * `ONIMBOTV2REACTIONCHANGE`: a user added or removed a reaction on one of the v2 bot's messages.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTV2REACTIONCHANGE' && event.data.action === 'add') console.log('reacted', event.data.reaction)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html
 */
export const onImbotV2ReactionChange = defineEvent({
  event: 'ONIMBOTV2REACTIONCHANGE',
  generation: 'v2',
  deliveries: ['fetch', 'webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html',
  data: dataSchema,
})
