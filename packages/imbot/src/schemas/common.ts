/**
 * Schemas shared by many bot methods. One home each: method files import these, never re-declare them.
 */
import { idSchema, positiveIntegerSchema } from '@b24bot/core'
import * as v from 'valibot'

export { idSchema, positiveIntegerSchema }

/**
 * A classic `Y`/`N` flag: `'Y' | 'N' | boolean` in, `'Y' | 'N'` out. Always sent as a string, because the
 * server compares loosely with `'Y'` and JSON `false` is not `'N'` (server-behavior §1.2).
 */
export const ynFlag = v.pipe(
  v.union([v.picklist(['Y', 'N']), v.boolean()], 'Expected "Y", "N" or a boolean'),
  v.transform((flag): 'Y' | 'N' => (flag === true || flag === 'Y' ? 'Y' : 'N')),
)

/** A v2 flag: `boolean | 'Y' | 'N'` in (the v2 API accepts both), a real boolean out. */
export const v2Flag = v.pipe(
  v.union([v.boolean(), v.picklist(['Y', 'N'])], 'Expected a boolean, "Y" or "N"'),
  v.transform((flag): boolean => flag === true || flag === 'Y'),
)

const dialogIdPattern = /^([1-9][0-9]*|(chat|sg|crm)[0-9]+)$/i
const chatDialogIdPattern = /^(chat|sg|crm)[0-9]+$/i

/** A dialog: a user id (private chat with that user) or `chatNNN` (`Common::isDialogId`). Sent as given. */
export const dialogIdSchema = v.union(
  [
    v.pipe(v.string(), v.regex(dialogIdPattern, 'Expected a user id or "chatNNN"')),
    v.pipe(v.number(), v.safeInteger(), v.minValue(1, 'Expected a user id or "chatNNN"')),
  ],
  'Expected a user id or "chatNNN"',
)

/** A chat dialog only: `chatNNN` (`Common::isChatId`), as chat-management methods require. */
export const chatDialogIdSchema = v.pipe(v.string(), v.regex(chatDialogIdPattern, 'Expected "chatNNN"'))

function isHandlerUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.indexOf('.') > 0
  } catch {
    return false
  }
}

/**
 * An event handler URL as the server's `HandlerHelper::checkCallback` accepts it: http(s), and a host
 * containing a dot (so `http://localhost:3000` is refused; `http://127.0.0.1:3000` is not).
 */
export const handlerUrlSchema = v.pipe(
  v.string(),
  v.check(isHandlerUrl, 'must be an http(s) URL whose host contains a dot (the portal refuses hosts like localhost)'),
)

/** `CLIENT_ID`: the string given to `imbot.register` through a webhook. A credential, never echoed. */
export const clientIdSchema = v.pipe(v.string(), v.nonEmpty('must not be empty'))

/** v2 `botToken`: at most 40 characters. A credential, never echoed. */
export const botTokenSchema = v.pipe(v.string(), v.nonEmpty('must not be empty'), v.maxLength(40, 'must be at most 40 characters'))

/** Longest message text the portal keeps; longer text is cut to this plus `" (...)"`. */
export const MESSAGE_TEXT_LIMIT = 20_000

/** Message text: refused over 20,000 characters instead of being silently truncated by the portal. */
export const messageTextSchema = v.pipe(
  v.string(),
  v.maxLength(
    MESSAGE_TEXT_LIMIT,
    `is longer than ${MESSAGE_TEXT_LIMIT} characters, which the portal would truncate; split it with splitMessage()`,
  ),
)

/** Longest serialized KEYBOARD, ATTACH or MENU the portal accepts (under 60,000 characters of JSON). */
export const SERIALIZED_LIMIT = 60_000

/** A check that the JSON of a value stays under {@link SERIALIZED_LIMIT} characters. */
export function serializedUnderLimit<T>(what: string) {
  return v.check<T, string>(
    (value) => (typeof value === 'string' ? value : JSON.stringify(value)).length < SERIALIZED_LIMIT,
    `${what} is ${SERIALIZED_LIMIT} characters or more when serialized; the portal refuses it`,
  )
}

/**
 * An id param (`BOT_ID`, `messageId`, `userIds[]`, ...): a positive integer, or its decimal string as
 * pushed events deliver every id; the server `intval()`s ids (server-behavior §2.1). Sent as a number.
 */
export const idParamSchema: v.GenericSchema<number | string, number> = idSchema

/** Classic results of actions: `true`. */
export const trueResult = v.literal(true)

/** An id result (a number or numeric string from the server), as a number. */
export const idResult = idSchema

/**
 * A v2 action result. The server wraps it as `{ "result": true }`; bindings unwrap it to the boolean
 * (decision 009). A bare boolean is accepted too.
 */
export const v2ActionResult = v.pipe(
  v.union([v.looseObject({ result: v.boolean() }), v.boolean()], 'Expected { result: boolean }'),
  v.transform((value): boolean => (typeof value === 'boolean' ? value : value.result)),
)

/**
 * The identity params of every v2 method that acts as a bot: `botId` (required) and `botToken`
 * (required on webhook calls; the transport can add it). Spread into a params object:
 * `v.strictObject({ ...v2BotIdentity, dialogId: dialogIdSchema })`.
 */
export const v2BotIdentity = {
  botId: idParamSchema,
  botToken: v.optional(botTokenSchema),
}

/** A count, or a reference where `0` means "none": a non-negative integer or its decimal string, as a number. */
export const countSchema = v.union(
  [
    v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
    v.pipe(v.string(), v.regex(/^(0|[1-9][0-9]*)$/), v.transform(Number), v.safeInteger()),
  ],
  'Expected a non-negative integer',
)

/** A PHP associative array: a JSON object, or `[]` when PHP serialized an empty one. Always an object out. */
export const phpObjectSchema = v.pipe(
  v.union([v.record(v.string(), v.unknown()), v.pipe(v.array(v.unknown()), v.length(0))], 'Expected an object'),
  v.transform((value): Record<string, unknown> => (Array.isArray(value) ? {} : value)),
)

/**
 * The issue path of `key` in an object, for `v.rawCheck` rules that concern a field of the object they
 * check (so the `ValidationError` names the field, as `v.forward` would).
 *
 * @example
 * ```ts
 * import * as v from 'valibot'
 * import { fieldPath } from './common.ts'
 *
 * const rule = v.rawCheck<{ CHAT_ID?: number }>(({ dataset, addIssue }) => {
 *   if (dataset.typed && dataset.value.CHAT_ID === undefined) addIssue({ message: 'is required', path: fieldPath(dataset.value, 'CHAT_ID') })
 * })
 * ```
 */
export function fieldPath(input: object, key: string): [v.ObjectPathItem] {
  return [{ type: 'object', origin: 'value', input: { ...input }, key, value: Reflect.get(input, key) }]
}
