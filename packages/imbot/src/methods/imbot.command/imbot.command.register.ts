import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { commandLangSchema, commandNameSchema } from '../../schemas/classic-messages.ts'
import { clientIdSchema, handlerUrlSchema, idParamSchema, idResult, ynFlag } from '../../schemas/common.ts'

/**
 * `imbot.command.register`: registers a slash command for a bot (`BOT_ID` required). Resolves to the command id. Runs of the
 * command are posted as `ONIMCOMMANDADD` to `EVENT_COMMAND_ADD`.
 *
 * - `BOT_ID` is required here: unlike the message methods, the server does not fall back to the
 *   application's first bot.
 * - `COMMAND` is the word typed after `/`; a leading `/` is dropped.
 * - `EVENT_COMMAND_ADD` must be an http(s) URL whose host contains a dot (`localhost` is refused).
 *   The application has one command handler: registering a command rebinds it for all of them.
 * - `LANG` needs at least one `{ LANGUAGE_ID, TITLE }` (`LANG_ERROR` otherwise).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/commands/imbot-command-register.html
 * @example
 * ```ts
 * const commandId = await api.command.register({
 *   BOT_ID: 39,
 *   COMMAND: 'echo',
 *   EVENT_COMMAND_ADD: 'https://bot.example.com/command',
 *   LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Echo', PARAMS: 'text' }],
 * })
 * ```
 */
export const imbotCommandRegister = defineMethod({
  method: 'imbot.command.register',
  params: v.strictObject({
    /** The bot that owns the command. */
    BOT_ID: idParamSchema,
    /** The command, as typed after `/` (`'echo'`; a leading `/` is dropped). */
    COMMAND: commandNameSchema,
    /** The URL that receives `ONIMCOMMANDADD`; one URL serves all the application's commands. */
    EVENT_COMMAND_ADD: handlerUrlSchema,
    /** Titles and parameter hints per language; at least one. */
    LANG: commandLangSchema,
    /** `Y`: usable in every chat; `N` (default): only where the bot is a member. */
    COMMON: v.optional(ynFlag),
    /** `Y`: left out of the command list. Default `N`. */
    HIDDEN: v.optional(ynFlag),
    /** `Y`: extranet users may run it. Default `N`. */
    EXTRANET_SUPPORT: v.optional(ynFlag),
    /** Incoming webhooks only: the `CLIENT_ID` given to `imbot.register`. */
    CLIENT_ID: v.optional(clientIdSchema),
  }),
  result: idResult,
})
