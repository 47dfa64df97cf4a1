import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { idParamSchema, messageTextSchema, v2BotIdentity } from '../../schemas/common.ts'
import { v2ChatSchema, v2ColorSchema, v2UserIdsSchema, v2UserSchema } from '../../schemas/v2-entities.ts'

/**
 * `imbot.v2.Chat.add`: creates a group chat on behalf of the bot; resolves to `{ chat, users }`.
 *
 * - Every `fields` key is optional, `fields` itself too. The bot joins the chat and owns it unless
 *   `ownerId` is given (the server does not check that id).
 * - `fields.type` (`'chat'` or `'open'`) comes from the newer revision of the page; `fields.message`
 *   from the older one. Both are accepted.
 * - `fields.color` takes a color code (`'mint'`); the chat in the result carries its HEX value.
 * - Unlike `imbot.chat.add`, there is no `ENTITY_TYPE`/`ENTITY_ID` binding.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-add.html
 * @example
 * ```ts
 * const { chat } = await api.v2.Chat.add({ botId: 456, fields: { title: 'Support', color: 'mint', userIds: [1, 2] } })
 * console.log(chat.dialogId) // 'chat5'
 * ```
 */
export const imbotV2ChatAdd = defineMethod({
  method: 'imbot.v2.Chat.add',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The new chat's properties. */
    fields: v.optional(
      v.strictObject({
        /** `'chat'` (private group, default) or `'open'` (anyone may join). */
        type: v.optional(v.picklist(['chat', 'open'], 'Expected "chat" or "open"')),
        /** Chat title. */
        title: v.optional(v.string()),
        /** Chat description. */
        description: v.optional(v.string()),
        /** Color code; auto-assigned when absent. */
        color: v.optional(v2ColorSchema),
        /** Avatar image as Base64. */
        avatar: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'))),
        /** Initial members (the bot is added automatically). */
        userIds: v.optional(v2UserIdsSchema),
        /** The owner; the bot when absent. */
        ownerId: v.optional(idParamSchema),
        /** Text of the first message in the chat. */
        message: v.optional(messageTextSchema),
      }),
    ),
  }),
  result: v.looseObject({
    chat: v2ChatSchema,
    users: v.optional(v.array(v2UserSchema), []),
  }),
})
