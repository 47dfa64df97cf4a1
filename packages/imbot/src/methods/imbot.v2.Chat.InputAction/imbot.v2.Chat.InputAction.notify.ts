import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, v2ActionResult, v2BotIdentity } from '../../schemas/common.ts'

/** The status texts `statusMessageCode` takes (imbot.md §7.6). */
const V2_STATUS_MESSAGE_CODES = [
  'IMBOT_AGENT_ACTION_THINKING',
  'IMBOT_AGENT_ACTION_SEARCHING',
  'IMBOT_AGENT_ACTION_GENERATING',
  'IMBOT_AGENT_ACTION_ANALYZING',
  'IMBOT_AGENT_ACTION_PROCESSING',
  'IMBOT_AGENT_ACTION_TRANSLATING',
  'IMBOT_AGENT_ACTION_CONNECTING',
  'IMBOT_AGENT_ACTION_CHECKING',
  'IMBOT_AGENT_ACTION_CALCULATING',
  'IMBOT_AGENT_ACTION_READING_DOCS',
  'IMBOT_AGENT_ACTION_COMPOSING',
] as const

/**
 * `imbot.v2.Chat.InputAction.notify`: shows "the bot is typing" or a status such as "thinking" for 1 to 600 seconds; resolves to `true`.
 *
 * - `statusMessageCode` picks the text; absent, the plain "typing" indicator shows.
 * - `duration` is 1–600 seconds; absent, the server chooses.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/ui/chat-input-action-notify.html
 * @example
 * ```ts
 * await api.v2.Chat.InputAction.notify({ botId: 456, dialogId: 'chat5', statusMessageCode: 'IMBOT_AGENT_ACTION_THINKING', duration: 30 })
 * ```
 */
export const imbotV2ChatInputActionNotify = defineMethod({
  method: 'imbot.v2.Chat.InputAction.notify',
  idempotent: true,
  params: v.strictObject({
    ...v2BotIdentity,
    /** `'chat{chatId}'` for a group chat, the other user's id for a one-to-one chat. */
    dialogId: dialogIdSchema,
    /** The status text, such as `'IMBOT_AGENT_ACTION_THINKING'`. */
    statusMessageCode: v.optional(v.picklist(V2_STATUS_MESSAGE_CODES, `Expected one of ${V2_STATUS_MESSAGE_CODES.join(', ')}`)),
    /** Seconds to show it, 1–600. */
    duration: v.optional(
      v.pipe(
        v.number(),
        v.integer('Expected a whole number of seconds'),
        v.minValue(1, 'Expected 1 to 600 seconds'),
        v.maxValue(600, 'Expected 1 to 600 seconds'),
      ),
    ),
  }),
  result: v2ActionResult,
})
