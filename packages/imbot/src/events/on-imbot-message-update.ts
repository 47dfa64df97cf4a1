import * as v from 'valibot'
import {
  classicBotMapSchema,
  classicUserSchema,
  mentionEntries,
  messageChangeEntries,
  type ClassicBotEntry,
  type ClassicEventUser,
  type ClassicMentionFields,
  type ClassicMessageChangeParams,
} from '../event-schemas/classic.ts'
import { defineEvent } from '../event-table.ts'

/** `PARAMS` of `ONIMBOTMESSAGEUPDATE`: the edited message with its new text. */
export interface OnImbotMessageUpdateParams extends ClassicMessageChangeParams, ClassicMentionFields {}

/** `data` of `ONIMBOTMESSAGEUPDATE`. */
export interface OnImbotMessageUpdateData {
  /** The addressed bots of the application, keyed by bot id. */
  BOT: Record<number, ClassicBotEntry>
  /** The edited message and its chat. */
  PARAMS: OnImbotMessageUpdateParams
  /** The author, or `null`. */
  USER: ClassicEventUser | null
  [key: string]: unknown
}

const paramsSchema: v.GenericSchema<unknown, OnImbotMessageUpdateParams> = v.looseObject({ ...messageChangeEntries, ...mentionEntries })

const dataSchema: v.GenericSchema<unknown, OnImbotMessageUpdateData> = v.looseObject({
  BOT: classicBotMapSchema,
  PARAMS: paramsSchema,
  USER: classicUserSchema,
})

/**
 * `ONIMBOTMESSAGEUPDATE`: a message the bot could hear was edited (same audience as `ONIMBOTMESSAGEADD`; bound with `EVENT_MESSAGE_UPDATE`).
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTMESSAGEUPDATE') console.log(event.data.PARAMS.MESSAGE_ID, 'now reads', event.data.PARAMS.MESSAGE)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/events/on-imbot-message-update.html
 */
export const onImbotMessageUpdate = defineEvent({
  event: 'ONIMBOTMESSAGEUPDATE',
  generation: 'classic',
  deliveries: ['webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/events/on-imbot-message-update.html',
  data: dataSchema,
})
