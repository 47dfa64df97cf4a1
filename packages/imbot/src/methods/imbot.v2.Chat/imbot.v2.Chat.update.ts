import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, v2ActionResult, v2BotIdentity } from '../../schemas/common.ts'
import { v2ColorSchema } from '../../schemas/v2-entities.ts'

/**
 * `imbot.v2.Chat.update`: changes a chat's title, description, color and/or avatar; resolves to `true`.
 *
 * - `fields` is required (the newer page makes it optional, with nothing changed); its keys are all
 *   optional.
 * - `fields.color` takes a color code (`'azure'`), not a HEX value.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-update.html
 * @example
 * ```ts
 * await api.v2.Chat.update({ botId: 456, dialogId: 'chat5', fields: { title: 'New title', color: 'azure' } })
 * ```
 */
export const imbotV2ChatUpdate = defineMethod({
  method: 'imbot.v2.Chat.update',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The chat: `'chat{chatId}'`. */
    dialogId: dialogIdSchema,
    /** What to change. */
    fields: v.strictObject({
      /** New title. */
      title: v.optional(v.string()),
      /** New description. */
      description: v.optional(v.string()),
      /** New color code. */
      color: v.optional(v2ColorSchema),
      /** New avatar image as Base64. */
      avatar: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'))),
    }),
  }),
  result: v2ActionResult,
})
