import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { base64FileSchema, classicColorSchema } from '../../schemas/classic-bots.ts'
import { clientIdSchema, idParamSchema, idResult, messageTextSchema } from '../../schemas/common.ts'

/**
 * `imbot.chat.add`: creates a group chat owned by the bot and resolves to its id. Bind it to your own object with
 * `ENTITY_TYPE` and `ENTITY_ID` to find it again with `chat.get`.
 *
 * - `BOT_ID` may be omitted: the portal then acts as the application's first bot.
 * - `ENTITY_TYPE` + `ENTITY_ID` bind the chat to your own object, so `imbot.chat.get` finds it later
 *   (ignored by the portal when the calling user is an extranet user).
 * - `USERS` are user ids (numbers, or decimal strings as events carry them); the bot is a member anyway.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-add.html
 * @example
 * ```ts
 * const chatId = await api.chat.add({
 *   TITLE: 'Order 13',
 *   USERS: [1271],
 *   MESSAGE: 'A chat for order 13',
 *   ENTITY_TYPE: 'ORDER',
 *   ENTITY_ID: 13,
 * })
 * ```
 */
export const imbotChatAdd = defineMethod({
  method: 'imbot.chat.add',
  params: v.strictObject({
    /** `CHAT` (default): a closed group chat; `OPEN`: an open chat anyone can find and join. */
    TYPE: v.optional(v.picklist(['CHAT', 'OPEN'], 'Expected "CHAT" or "OPEN"')),
    /** The chat title. */
    TITLE: v.optional(v.string()),
    /** The chat description. */
    DESCRIPTION: v.optional(v.string()),
    /** The chat colour in the mobile app. */
    COLOR: v.optional(classicColorSchema),
    /** A first message posted into the new chat. At most 20,000 characters. */
    MESSAGE: v.optional(messageTextSchema),
    /** Members to add, by user id. */
    USERS: v.optional(v.array(idParamSchema)),
    /** Avatar: Base64 image (or `[fileName, base64]`), at most 5000x5000 px. */
    AVATAR: v.optional(base64FileSchema),
    /** Your object type the chat belongs to, such as `'ORDER'`. */
    ENTITY_TYPE: v.optional(v.string()),
    /** Your object id within `ENTITY_TYPE`. Stored as a string. */
    ENTITY_ID: v.optional(v.union([v.string(), v.pipe(v.number(), v.finite())], 'Expected a string or a number')),
    /** The bot that creates the chat; default: the application's first bot. */
    BOT_ID: v.optional(idParamSchema),
    /** Incoming webhooks only: the `CLIENT_ID` the bot was registered with. */
    CLIENT_ID: v.optional(clientIdSchema),
  }),
  result: idResult,
})
