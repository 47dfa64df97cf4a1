import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatActionParams } from '../../schemas/classic-bots.ts'
import { idParamSchema, trueResult, ynFlag } from '../../schemas/common.ts'

/**
 * `imbot.chat.setManager`: grants (`IS_MANAGER: 'Y'`, the default) or revokes (`'N'`) a member's administrator rights in a
 * chat the bot owns. Resolves to `true`.
 *
 * - The chat is `CHAT_ID` or `DIALOG_ID` (`chatNNN`); one of them is required (`CHAT_ID_EMPTY`), and
 *   the portal reads `DIALOG_ID` first when both are given.
 * - `BOT_ID` may be omitted: the portal then acts as the application's first bot.
 * - `IS_MANAGER` revokes only when `N`; anything else (or nothing) grants.
 * - Only the owner may do it, and the user must be a member (`WRONG_REQUEST` otherwise).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-set-manager.html
 * @example
 * ```ts
 * await api.chat.setManager({ CHAT_ID: 2725, USER_ID: 1269, IS_MANAGER: 'Y' })
 * ```
 */
export const imbotChatSetManager = defineMethod({
  method: 'imbot.chat.setManager',
  params: chatActionParams({
    /** The member whose rights change. */
    USER_ID: idParamSchema,
    /** `Y` (default): make an administrator; `N`: revoke. */
    IS_MANAGER: v.optional(ynFlag),
  }),
  result: trueResult,
})
