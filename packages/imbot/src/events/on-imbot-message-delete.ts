import * as v from 'valibot'
import {
  classicBotMapSchema,
  classicUserSchema,
  messageChangeEntries,
  type ClassicBotEntry,
  type ClassicEventUser,
  type ClassicMessageChangeParams,
} from '../event-schemas/classic.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMBOTMESSAGEDELETE`. */
export interface OnImbotMessageDeleteData {
  /** The addressed bots of the application, keyed by bot id. */
  BOT: Record<number, ClassicBotEntry>
  /** The deleted message and its chat. */
  PARAMS: ClassicMessageChangeParams
  /** The author of the deleted message, or `null`. */
  USER: ClassicEventUser | null
  [key: string]: unknown
}

const paramsSchema: v.GenericSchema<unknown, ClassicMessageChangeParams> = v.looseObject(messageChangeEntries)

const dataSchema: v.GenericSchema<unknown, OnImbotMessageDeleteData> = v.looseObject({
  BOT: classicBotMapSchema,
  PARAMS: paramsSchema,
  USER: classicUserSchema,
})

/**
 * `ONIMBOTMESSAGEDELETE`: a message the bot could hear was deleted (bound with `EVENT_MESSAGE_DELETE`). `PARAMS.MESSAGE` is the portal's placeholder text.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTMESSAGEDELETE') console.log('deleted', event.data.PARAMS.MESSAGE_ID)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/events/on-imbot-message-delete.html
 */
export const onImbotMessageDelete = defineEvent({
  event: 'ONIMBOTMESSAGEDELETE',
  generation: 'classic',
  deliveries: ['webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/events/on-imbot-message-delete.html',
  data: dataSchema,
})
