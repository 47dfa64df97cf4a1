import * as v from 'valibot'
import { wireId, wireString } from '../event-schemas/wire.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMBOTDELETE`. */
export interface OnImbotDeleteData {
  /** The deleted bot. */
  BOT_ID: number
  /** Its `CODE`, as registered. */
  BOT_CODE: string
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImbotDeleteData> = v.looseObject({ BOT_ID: wireId, BOT_CODE: wireString })

/**
 * `ONIMBOTDELETE`: the bot was unregistered (or its application uninstalled). The only event whose `data` is flat: no `BOT` map.
 *
 * @example
 * ```ts
 * // Your own storage of bots:
 * declare const store: { deleteBot(botId: number): Promise<void> }
 *
 * if (event.event === 'ONIMBOTDELETE') await store.deleteBot(event.data.BOT_ID)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/events/on-imbot-delete.html
 */
export const onImbotDelete = defineEvent({
  event: 'ONIMBOTDELETE',
  generation: 'classic',
  deliveries: ['webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/events/on-imbot-delete.html',
  data: dataSchema,
})
