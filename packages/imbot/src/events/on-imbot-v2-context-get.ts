import * as v from 'valibot'
import { chatUserEntries, v2ContextSchema, v2EventBotSchema, type V2ChatUserFields, type V2EventBot } from '../event-schemas/v2.ts'
import { wireString } from '../event-schemas/wire.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMBOTV2CONTEXTGET`. */
export interface OnImbotV2ContextGetData extends V2ChatUserFields {
  /** The bot the event is for: the full Bot in fetch mode, `{ id, code, auth }` in a webhook. */
  bot: V2EventBot
  /** The dialog that was opened. */
  dialogId: string
  /** The context as given, as delivered (its scalars are strings when it came as a form body). */
  context: Record<string, unknown>
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImbotV2ContextGetData> = v.looseObject({
  bot: v2EventBotSchema,
  dialogId: wireString,
  context: v2ContextSchema,
  ...chatUserEntries,
})

/**
 * `ONIMBOTV2CONTEXTGET`: a user opened a dialog with the v2 bot carrying a context (a `BOT_CONTEXT` link, a `bx://` deep link, `Messenger.openChatWithBotContext`). Do nothing irreversible on it without the user's confirmation.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTV2CONTEXTGET') console.log('opened', event.data.dialogId, event.data.context)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html
 */
export const onImbotV2ContextGet = defineEvent({
  event: 'ONIMBOTV2CONTEXTGET',
  generation: 'v2',
  deliveries: ['fetch', 'webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html',
  data: dataSchema,
})
