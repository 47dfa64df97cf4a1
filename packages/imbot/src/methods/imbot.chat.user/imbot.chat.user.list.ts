import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatActionParams } from '../../schemas/classic-bots.ts'
import { idSchema } from '../../schemas/common.ts'

/**
 * `imbot.chat.user.list`: the user ids of a chat's members, bots included.
 *
 * - The chat is `CHAT_ID` or `DIALOG_ID` (`chatNNN`); one of them is required (`CHAT_ID_EMPTY`), and
 *   the portal reads `DIALOG_ID` first when both are given.
 * - `BOT_ID` may be omitted: the portal then acts as the application's first bot.
 * - The portal answers `[]` when it finds no member; the general chat is refused (403 `ACCESS_ERROR`).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-user-list.html
 * @example
 * ```ts
 * const members = await api.chat.user.list({ CHAT_ID: 2725 }) // [1269, 1271, 1291]
 * ```
 */
export const imbotChatUserList = defineMethod({
  method: 'imbot.chat.user.list',
  idempotent: true,
  params: chatActionParams({}),
  result: v.array(idSchema),
})
