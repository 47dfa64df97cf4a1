import { defineMethod } from '@b24bot/core'
import { base64FileSchema, chatActionParams } from '../../schemas/classic-bots.ts'
import { trueResult } from '../../schemas/common.ts'

/**
 * `imbot.chat.updateAvatar`: sets a chat's avatar from a Base64 image (at most 5000x5000 px). Resolves to `true`.
 *
 * - The chat is `CHAT_ID` or `DIALOG_ID` (`chatNNN`); one of them is required (`CHAT_ID_EMPTY`), and
 *   the portal reads `DIALOG_ID` first when both are given.
 * - `BOT_ID` may be omitted: the portal then acts as the application's first bot.
 * - The portal checks the image: `image/*` and at most 5000x5000 px (`AVATAR_ERROR`).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-update-avatar.html
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises'
 *
 * const png = (await readFile('avatar.png')).toString('base64')
 * await api.chat.updateAvatar({ CHAT_ID: 2725, AVATAR: png })
 * ```
 */
export const imbotChatUpdateAvatar = defineMethod({
  method: 'imbot.chat.updateAvatar',
  idempotent: true,
  params: chatActionParams({
    /** The image, Base64 (or `[fileName, base64]`). */
    AVATAR: base64FileSchema,
  }),
  result: trueResult,
})
