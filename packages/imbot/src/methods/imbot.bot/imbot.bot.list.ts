import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { idSchema } from '../../schemas/common.ts'

/** One entry of `imbot.bot.list`. */
const botListEntrySchema = v.looseObject({
  /** The bot's id (also its user id). */
  ID: idSchema,
  /** The bot's full name. */
  NAME: v.string(),
  /** The bot's code. */
  CODE: v.string(),
  /** `Y` when the bot supports Open Channels. */
  OPENLINE: v.picklist(['Y', 'N'], 'Expected "Y" or "N"'),
})

/** A bot id as an object key (`"39"`), as a number. */
const botIdKeySchema = v.pipe(v.string(), v.regex(/^[1-9][0-9]*$/, 'Expected a bot id'), v.transform(Number))

const botRecordSchema = v.record(botIdKeySchema, botListEntrySchema)

/**
 * `imbot.bot.list`: every bot of the portal (not only yours), as a record keyed by bot id; `{}` when there is none.
 *
 * - The portal answers an object keyed by id, or `[]` when there is no bot (a PHP empty array); both
 *   become a record. Ids inside entries become numbers.
 * - No params are documented, and the portal needs no `CLIENT_ID` here.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/bots/imbot-bot-list.html
 * @example
 * ```ts
 * const bots = await api.bot.list()
 * const mine = Object.values(bots).find((bot) => bot.CODE === 'support')
 * ```
 */
export const imbotBotList = defineMethod({
  method: 'imbot.bot.list',
  idempotent: true,
  params: v.strictObject({}),
  result: v.union(
    [
      botRecordSchema,
      v.pipe(
        v.strictTuple([]),
        v.transform((): v.InferOutput<typeof botRecordSchema> => ({})),
      ),
    ],
    'Expected an object of bots keyed by id',
  ),
})
