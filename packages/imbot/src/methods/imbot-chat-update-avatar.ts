import { defineMethod } from '@b24bot/core'
import { base64FileSchema, chatActionParams } from '../schemas/classic-bots.ts'
import { trueResult } from '../schemas/common.ts'

/**
 * `imbot.chat.updateAvatar`: sets a chat's avatar. Resolves to `true`.
 *
 * - The chat is `CHAT_ID` or `DIALOG_ID` (`chatNNN`); one of them is required (`CHAT_ID_EMPTY`), and
 *   the portal reads `DIALOG_ID` first when both are given.
 * - `BOT_ID` may be omitted: the portal then acts as the application's first bot.
 * - The portal checks the image: `image/*` and at most 5000x5000 px (`AVATAR_ERROR`).
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
