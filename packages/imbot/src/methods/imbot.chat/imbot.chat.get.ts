import { defineMethod, idSchema, positiveIntegerSchema } from '@b24bot/core'
import * as v from 'valibot'

/**
 * `imbot.chat.get`: finds the chat bound to an external entity: the `ENTITY_TYPE` and `ENTITY_ID` it was created
 * with by `imbot.chat.add`. Resolves to the chat id, or `null` when no chat is bound.
 *
 * `BOT_ID` is accepted for portals that follow the 2024 documentation; current servers ignore it.
 *
 * - `BOT_ID` was documented in 2024 and is ignored by the server; it is accepted and sent as given.
 * - The server answers `{ "ID": n }`; the 2024 page and older portals a bare id (number or numeric
 *   string). All of them become a `number`, and `null` stays `null`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-chat-get.html
 * @example
 * ```ts
 * const chatId = await api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })
 * if (chatId === null) console.log('no chat for order 13 yet')
 * ```
 */
export const imbotChatGet = defineMethod({
  method: 'imbot.chat.get',
  idempotent: true,
  params: v.strictObject({
    /** The entity type the chat was bound with, such as `'CRM'` or your own `'ORDER'`. */
    ENTITY_TYPE: v.pipe(v.string(), v.nonEmpty('must not be empty')),
    /** The entity id the chat was bound with. The server compares it as a string. */
    ENTITY_ID: v.union(
      [v.pipe(v.string(), v.nonEmpty('must not be empty')), v.pipe(v.number(), v.finite())],
      'Expected a non-empty string or a number',
    ),
    /** Documented in 2024, ignored by the server. */
    BOT_ID: v.optional(positiveIntegerSchema),
  }),
  result: v.union(
    [
      v.null(),
      v.pipe(
        v.looseObject({ ID: idSchema }),
        v.transform((chat) => chat.ID),
      ),
      idSchema,
    ],
    'Expected { ID }, an id, or null',
  ),
})
