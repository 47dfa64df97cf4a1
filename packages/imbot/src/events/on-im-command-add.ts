import * as v from 'valibot'
import {
  classicCommandMapSchema,
  classicIdSetSchema,
  classicUserSchema,
  newMessageEntries,
  type ClassicCommandEntry,
  type ClassicEventUser,
  type ClassicNewMessageParams,
} from '../event-schemas/classic.ts'
import { wireCount, wireYesNo } from '../event-schemas/wire.ts'
import { defineEvent } from '../event-table.ts'

/** `PARAMS` of `ONIMCOMMANDADD`: the message with the command, not stripped like message events. */
export interface OnImCommandAddParams extends ClassicNewMessageParams {
  /** Whether the user check was skipped. */
  SKIP_USER_CHECK?: 'Y' | 'N'
  /** Whether the dialog was added to the Recent list. */
  RECENT_ADD?: 'Y' | 'N'
  /** Group chats: the parent chat (`0`). */
  CHAT_PARENT_ID?: number
  /** Group chats: the parent message (`0` when none). */
  CHAT_PARENT_MID?: number
  /** Group chats: the bots in the chat, `{ id: id }`; `{}` otherwise. */
  BOT_IN_CHAT: Record<number, number>
}

/** `data` of `ONIMCOMMANDADD`. */
export interface OnImCommandAddData {
  /** The invoked commands keyed by command id, each with its bot's entry. */
  COMMAND: Record<number, ClassicCommandEntry>
  /** The message that carries the command, and its chat. */
  PARAMS: OnImCommandAddParams
  /** The user (without the `IS_*` flags), or `null`. */
  USER: ClassicEventUser | null
  [key: string]: unknown
}

const paramsSchema: v.GenericSchema<unknown, OnImCommandAddParams> = v.looseObject({
  ...newMessageEntries,
  SKIP_USER_CHECK: v.exactOptional(wireYesNo),
  RECENT_ADD: v.exactOptional(wireYesNo),
  CHAT_PARENT_ID: v.exactOptional(wireCount),
  CHAT_PARENT_MID: v.exactOptional(wireCount),
  BOT_IN_CHAT: classicIdSetSchema,
})

const dataSchema: v.GenericSchema<unknown, OnImCommandAddData> = v.looseObject({
  COMMAND: classicCommandMapSchema,
  PARAMS: paramsSchema,
  USER: classicUserSchema,
})

/**
 * `ONIMCOMMANDADD`: a user ran one of the bot's commands: typed (`/echo test`), with a keyboard button, or from a context menu. One entry per matched command in `COMMAND`.
 *
 * @example
 * ```ts
 * if (event.event === 'ONIMCOMMANDADD') {
 *   for (const command of Object.values(event.data.COMMAND)) {
 *     await api.command.answer({ COMMAND_ID: command.COMMAND_ID, MESSAGE_ID: command.MESSAGE_ID, MESSAGE: command.COMMAND_PARAMS })
 *   }
 * }
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/commands/events/on-im-command-add.html
 */
export const onImCommandAdd = defineEvent({
  event: 'ONIMCOMMANDADD',
  generation: 'classic',
  deliveries: ['webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/commands/events/on-im-command-add.html',
  data: dataSchema,
})
