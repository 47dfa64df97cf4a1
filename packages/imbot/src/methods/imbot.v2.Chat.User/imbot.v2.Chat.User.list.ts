import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, v2BotIdentity } from '../../schemas/common.ts'
import { v2UserSchema } from '../../schemas/v2-entities.ts'

/** A sort direction, `'ASC'`/`'DESC'` in any letter case; always sent upper-case, the documented form. */
const direction = v.pipe(
  v.custom<'ASC' | 'DESC' | 'asc' | 'desc'>(
    (value) => typeof value === 'string' && /^(asc|desc)$/i.test(value),
    'Expected "ASC" or "DESC"',
  ),
  v.transform((value): 'ASC' | 'DESC' => (value.toUpperCase() === 'ASC' ? 'ASC' : 'DESC')),
)

/**
 * `imbot.v2.Chat.User.list`: the members of a chat, at most 200; resolves to an array of users (the server answers a bare array).
 *
 * - `limit` is 1–200 (default 50). No offset is documented, so a chat with more members than that
 *   cannot be read to the end.
 * - `order` sorts by `id`, `lastSendMessageId` or `userId`, `'ASC'` or `'DESC'` (lower case is
 *   accepted too and sent upper-case, as documented).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-user-list.html
 * @example
 * ```ts
 * const users = await api.v2.Chat.User.list({ botId: 456, dialogId: 'chat5', order: { id: 'ASC' }, limit: 200 })
 * for (const user of users) console.log(user.id, user.name)
 * ```
 */
export const imbotV2ChatUserList = defineMethod({
  method: 'imbot.v2.Chat.User.list',
  idempotent: true,
  paging: { style: 'none', reason: 'it has no paging parameter; one call answers up to `limit` members (at most 200)' },
  params: v.strictObject({
    ...v2BotIdentity,
    /** The chat: `'chat{chatId}'`. */
    dialogId: dialogIdSchema,
    /** Sort order, such as `{ id: 'ASC' }`. */
    order: v.optional(
      v.strictObject({
        id: v.optional(direction),
        lastSendMessageId: v.optional(direction),
        userId: v.optional(direction),
      }),
    ),
    /** How many members, 1–200 (default 50). */
    limit: v.optional(
      v.pipe(v.number(), v.integer('Expected an integer'), v.minValue(1, 'Expected 1 to 200'), v.maxValue(200, 'Expected 1 to 200')),
    ),
  }),
  result: v.array(v2UserSchema),
})
