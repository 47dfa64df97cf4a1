import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { classicMessageExtras, requiredMessageTextSchema } from '../../schemas/classic-messages.ts'
import { clientIdSchema, dialogIdSchema, idParamSchema, idResult, ynFlag } from '../../schemas/common.ts'

/**
 * `imbot.message.add`: posts a message as the bot, to a dialog (`DIALOG_ID`: a user id or `chatNNN`) or, as a system
 * message, into the private dialog of `FROM_USER_ID` and `TO_USER_ID`. Resolves to the message id.
 *
 * `MESSAGE` is required and not blank (no attachment-only messages here), at most 20,000 characters.
 * `BOT_ID` may be omitted: the portal then picks the application's first bot.
 *
 * - `DIALOG_ID` is required unless both `FROM_USER_ID` and `TO_USER_ID` are given; then the server
 *   ignores `DIALOG_ID` and forces `SYSTEM` to `Y`. One of the pair without the other is refused.
 * - `MESSAGE` is required and must hold more than whitespace: the server answers `MESSAGE_EMPTY`
 *   otherwise, so an attachment-only message is not possible here (it is in `imbot.v2.Chat.Message.send`).
 *   Over 20,000 characters it is refused, because the portal would truncate it.
 * - `BOT_ID` may be omitted: the server then picks the calling application's first bot.
 * - `CLIENT_ID` is needed only through an incoming webhook (the value given to `imbot.register`).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/messages/imbot-message-add.html
 * @example
 * ```ts
 * const messageId = await api.message.add({
 *   BOT_ID: 39,
 *   DIALOG_ID: 'chat123',
 *   MESSAGE: 'Build [b]#42[/b] passed',
 *   KEYBOARD: { BUTTONS: [{ TEXT: 'Details', LINK: 'https://ci.example.com/42' }] },
 * })
 * ```
 */
export const imbotMessageAdd = defineMethod({
  method: 'imbot.message.add',
  params: v.pipe(
    v.strictObject({
      /** The bot that speaks; omitted, the server picks the application's first bot. */
      BOT_ID: v.optional(idParamSchema),
      /** Where to post: a user id (the private dialog with that user) or `chatNNN`. */
      DIALOG_ID: v.optional(dialogIdSchema),
      /** With `TO_USER_ID`: the sender of a system message in a private dialog of two users. */
      FROM_USER_ID: v.optional(idParamSchema),
      /** With `FROM_USER_ID`: the recipient of that system message. */
      TO_USER_ID: v.optional(idParamSchema),
      /** The text (BB codes allowed), at most 20,000 characters, not blank. */
      MESSAGE: requiredMessageTextSchema,
      ...classicMessageExtras,
      /** `Y`: do not forward the message to external Open Channel connectors. Default `N`. */
      SKIP_CONNECTOR: v.optional(ynFlag),
      /** Incoming webhooks only: the `CLIENT_ID` given to `imbot.register`. */
      CLIENT_ID: v.optional(clientIdSchema),
    }),
    v.forward(
      v.partialCheck(
        [['FROM_USER_ID'], ['TO_USER_ID']],
        (input) => input.FROM_USER_ID === undefined || input.TO_USER_ID !== undefined,
        'is required with FROM_USER_ID (the two go together)',
      ),
      ['TO_USER_ID'],
    ),
    v.forward(
      v.partialCheck(
        [['FROM_USER_ID'], ['TO_USER_ID']],
        (input) => input.TO_USER_ID === undefined || input.FROM_USER_ID !== undefined,
        'is required with TO_USER_ID (the two go together)',
      ),
      ['FROM_USER_ID'],
    ),
    v.forward(
      v.partialCheck(
        [['DIALOG_ID'], ['FROM_USER_ID'], ['TO_USER_ID']],
        (input) => input.DIALOG_ID !== undefined || input.FROM_USER_ID !== undefined || input.TO_USER_ID !== undefined,
        'is required unless FROM_USER_ID and TO_USER_ID are given',
      ),
      ['DIALOG_ID'],
    ),
  ),
  result: idResult,
})
