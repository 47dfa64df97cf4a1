import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { handlerEntries, registerPropertiesSchema } from '../../schemas/classic-bots.ts'
import { clientIdSchema, idResult, ynFlag } from '../../schemas/common.ts'

/** Whether a required handler is given, itself or through `EVENT_HANDLER`. */
const given = (handler: string | undefined, common: string | undefined): boolean => handler !== undefined || common !== undefined

/**
 * `imbot.register`: registers a chat bot for your application and resolves to its id (also its user id). Give
 * `EVENT_HANDLER`, or each of `EVENT_MESSAGE_ADD`, `EVENT_WELCOME_MESSAGE` and `EVENT_BOT_DELETE`;
 * handler hosts need a dot (`localhost` is refused). Registering an existing `CODE` returns that bot.
 *
 * - Handlers: `EVENT_MESSAGE_ADD`, `EVENT_WELCOME_MESSAGE` and `EVENT_BOT_DELETE` are required unless
 *   `EVENT_HANDLER` is given, which the portal copies into every `EVENT_*` (overriding them). Each URL
 *   must pass `handlerUrlSchema` (http(s), a host with a dot: `localhost` is refused by the portal).
 *   One application has one set of handlers: registering a second bot rebinds them for all its bots.
 * - `EVENT_MESSAGE_UPDATE` / `EVENT_MESSAGE_DELETE` are dropped by the portal unless `TYPE` is `S` or
 *   `O` or `OPENLINE` is `Y`; bind them later with `imbot.update`.
 * - `CODE` must not be empty, nor `'0'` (PHP `empty()`: `CODE_ERROR`). Registration is idempotent by
 *   `CODE`: an existing bot with that code is returned unchanged.
 * - `PROPERTIES.NAME` or `PROPERTIES.LAST_NAME` is required (`NAME_ERROR`).
 * - `CLIENT_ID` is required through an incoming webhook (a string you choose, repeated on every later
 *   call for this bot); not with OAuth.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/bots/imbot-register.html
 * @example
 * ```ts
 * const botId = await api.register({
 *   CODE: 'support',
 *   TYPE: 'B',
 *   EVENT_HANDLER: 'https://bot.example.com/events',
 *   PROPERTIES: { NAME: 'Support', COLOR: 'AQUA', WORK_POSITION: 'Answers questions' },
 *   CLIENT_ID: 'my-webhook-client', // incoming webhooks only
 * })
 * ```
 */
export const imbotRegister = defineMethod({
  method: 'imbot.register',
  idempotent: true,
  params: v.pipe(
    v.strictObject({
      /** The bot's code, unique within the portal. */
      CODE: v.pipe(
        v.string(),
        v.nonEmpty('must not be empty'),
        v.check((code) => code !== '0', 'must not be "0" (the portal treats it as empty)'),
      ),
      /** `B` bot (default), `O` Open Channels bot, `H` human-like (typing before answers), `S` supervisor. */
      TYPE: v.optional(v.picklist(['B', 'O', 'H', 'S'], 'Expected "B", "O", "H" or "S"')),
      /** `Y`: supports Open Channels. Forced to `Y` for `TYPE: 'O'`. Default `N`. */
      OPENLINE: v.optional(ynFlag),
      ...handlerEntries,
      /** The bot's profile; `NAME` or `LAST_NAME` is required. */
      PROPERTIES: registerPropertiesSchema,
      /** Incoming webhooks only: the string that identifies your "application". */
      CLIENT_ID: v.optional(clientIdSchema),
    }),
    v.forward(
      v.partialCheck(
        [['EVENT_HANDLER'], ['EVENT_MESSAGE_ADD']],
        (params) => given(params.EVENT_MESSAGE_ADD, params.EVENT_HANDLER),
        'EVENT_MESSAGE_ADD (the message handler) is required unless EVENT_HANDLER is given',
      ),
      ['EVENT_MESSAGE_ADD'],
    ),
    v.forward(
      v.partialCheck(
        [['EVENT_HANDLER'], ['EVENT_WELCOME_MESSAGE']],
        (params) => given(params.EVENT_WELCOME_MESSAGE, params.EVENT_HANDLER),
        'EVENT_WELCOME_MESSAGE (the join-chat handler) is required unless EVENT_HANDLER is given',
      ),
      ['EVENT_WELCOME_MESSAGE'],
    ),
    v.forward(
      v.partialCheck(
        [['EVENT_HANDLER'], ['EVENT_BOT_DELETE']],
        (params) => given(params.EVENT_BOT_DELETE, params.EVENT_HANDLER),
        'EVENT_BOT_DELETE (the bot-delete handler) is required unless EVENT_HANDLER is given',
      ),
      ['EVENT_BOT_DELETE'],
    ),
  ),
  result: idResult,
})
