import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { attachSchema } from '../../schemas/attach.ts'
import { replacementMessageTextSchema } from '../../schemas/classic-messages.ts'
import { clientIdSchema, idParamSchema, trueResult, ynFlag } from '../../schemas/common.ts'
import { keyboardSchema } from '../../schemas/keyboard.ts'
import { menuSchema } from '../../schemas/menu.ts'

/**
 * `imbot.message.update`: edits one of the bot's messages (text, `ATTACH`, `KEYBOARD`, `MENU`; `'N'` removes the last three).
 * Resolves to `true`. The portal deletes a message whose new text is empty, so an empty `MESSAGE` is
 * refused here: use `api.message.delete`. Messages older than three days cannot be edited.
 *
 * - Only what is given changes; sending just `MESSAGE_ID` changes nothing and still resolves to `true`.
 * - `ATTACH`, `KEYBOARD` and `MENU` are replaced, or removed with `'N'` (or `''`).
 * - **An empty `MESSAGE` deletes the message on the portal.** This binding refuses an empty or blank
 *   `MESSAGE` so that no edit deletes by accident; call `imbot.message.delete` to delete.
 * - The bot must be the author, and the message at most three days old (`CANT_EDIT_MESSAGE`, 403).
 * - `BOT_ID` may be omitted: the server then picks the calling application's first bot.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/imbot-message-update.html
 * @example
 * ```ts
 * await api.message.update({ BOT_ID: 39, MESSAGE_ID: 19880117, MESSAGE: 'Build #42 deployed', KEYBOARD: 'N' })
 * ```
 */
export const imbotMessageUpdate = defineMethod({
  method: 'imbot.message.update',
  params: v.strictObject({
    /** The bot that wrote the message; omitted, the server picks the application's first bot. */
    BOT_ID: v.optional(idParamSchema),
    /** The message to edit: the id `imbot.message.add` resolved to. */
    MESSAGE_ID: idParamSchema,
    /** The new text (BB codes allowed), at most 20,000 characters. Omit to keep the text; never empty. */
    MESSAGE: v.optional(replacementMessageTextSchema),
    /** A new attachment, or `'N'` to remove it. */
    ATTACH: v.optional(attachSchema),
    /** A new keyboard, or `'N'` to remove the buttons. */
    KEYBOARD: v.optional(keyboardSchema),
    /** A new menu, or `'N'` to remove the extra items. */
    MENU: v.optional(menuSchema),
    /** `N`: no rich-link previews for URLs in the new text. Default `Y`. */
    URL_PREVIEW: v.optional(ynFlag),
    /** `Y`: do not push the edited text to external Open Channel connectors. Default `N`. */
    SKIP_CONNECTOR: v.optional(ynFlag),
    /** Incoming webhooks only: the `CLIENT_ID` given to `imbot.register`. */
    CLIENT_ID: v.optional(clientIdSchema),
  }),
  result: trueResult,
})
