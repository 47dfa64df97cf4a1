import * as v from 'valibot'
import {
  chatUserEntries,
  v2EventBotSchema,
  v2EventCommandSchema,
  v2EventMessageSchema,
  type V2ChatUserFields,
  type V2EventBot,
  type V2EventCommand,
  type V2EventMessage,
} from '../event-schemas/v2.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONIMBOTV2COMMANDADD`. */
export interface OnImbotV2CommandAddData extends V2ChatUserFields {
  /** The bot the event is for: the full Bot in fetch mode, `{ id, code, auth }` in a webhook. */
  bot: V2EventBot
  /** The command. */
  command: V2EventCommand
  /** The message with the command. */
  message: V2EventMessage
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnImbotV2CommandAddData> = v.looseObject({
  bot: v2EventBotSchema,
  command: v2EventCommandSchema,
  message: v2EventMessageSchema,
  ...chatUserEntries,
})

/**
 * `ONIMBOTV2COMMANDADD`: a user ran one of the v2 bot's commands (typed, a keyboard button, a menu item); one event per command. Answer with `imbot.v2.Command.answer`.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMBOTV2COMMANDADD') {
 *   const { bot, command, message, chat } = event.data
 *   await api.v2.Command.answer({ botId: bot.id, commandId: command.id, messageId: message.id, dialogId: chat.dialogId, fields: { message: 'Done' } })
 * }
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html
 */
export const onImbotV2CommandAdd = defineEvent({
  event: 'ONIMBOTV2COMMANDADD',
  generation: 'v2',
  deliveries: ['fetch', 'webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/events/events.html',
  data: dataSchema,
})
