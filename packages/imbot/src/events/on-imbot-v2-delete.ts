import * as v from 'valibot'
import { v2EventBotSchema, type V2EventBot } from '../event-schemas/v2.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMBOTV2DELETE`. */
export interface OnImbotV2DeleteData {
  /** The bot the event is for: the full Bot in fetch mode, `{ id, code, auth }` in a webhook. */
  bot: V2EventBot
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImbotV2DeleteData> = v.looseObject({
  bot: v2EventBotSchema,
})

/**
 * `ONIMBOTV2DELETE`: the v2 bot was deleted: the last event it gets. `data` has only `bot`.
 *
 * @example
 * ```ts
 * // Your own storage of bots:
 * declare const store: { deleteBot(botId: number): Promise<void> }
 *
 * if (event.event === 'ONIMBOTV2DELETE') await store.deleteBot(event.data.bot.id)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html
 */
export const onImbotV2Delete = defineEvent({
  event: 'ONIMBOTV2DELETE',
  generation: 'v2',
  deliveries: ['fetch', 'webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html',
  data: dataSchema,
})
