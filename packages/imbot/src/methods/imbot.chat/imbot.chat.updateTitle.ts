import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatActionParams } from '../../schemas/classic-bots.ts'
import { trueResult } from '../../schemas/common.ts'

/** Whether a title is empty for the portal: `empty(trim($title))`, so blank and `'0'` too. */
function isEmptyTitle(title: string): boolean {
  const trimmed = title.replace(/^[ \t\n\r\0\v]+|[ \t\n\r\0\v]+$/g, '')
  return trimmed === '' || trimmed === '0'
}

/**
 * `imbot.chat.updateTitle`: renames a chat; a blank title is refused. Resolves to `true`.
 *
 * - The chat is `CHAT_ID` or `DIALOG_ID` (`chatNNN`); one of them is required (`CHAT_ID_EMPTY`), and
 *   the portal reads `DIALOG_ID` first when both are given.
 * - `BOT_ID` may be omitted: the portal then acts as the application's first bot.
 * - The portal trims `TITLE` and refuses an empty one (`TITLE_EMPTY`, also for `'0'`, PHP `empty()`).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-update-title.html
 * @example
 * ```ts
 * await api.chat.updateTitle({ CHAT_ID: 2725, TITLE: 'Order 13 (closed)' })
 * ```
 */
export const imbotChatUpdateTitle = defineMethod({
  method: 'imbot.chat.updateTitle',
  idempotent: true,
  params: chatActionParams({
    /** The new title; leading and trailing whitespace is trimmed. */
    TITLE: v.pipe(
      v.string(),
      v.check((title) => !isEmptyTitle(title), 'must not be empty or only whitespace (the portal answers TITLE_EMPTY)'),
    ),
  }),
  result: trueResult,
})
