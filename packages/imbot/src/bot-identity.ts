import type { CallWrap, Params } from '@b24bot/core'

/**
 * Who a bot is when its calls go through an incoming webhook (imbot.md §8, imbot-v2 §2.2): a classic
 * bot's `CLIENT_ID`, a v2 bot's `botToken`, or both. Both are secrets: they are never logged.
 *
 * @example
 * ```ts
 * import type { BotIdentity } from '@b24bot/imbot'
 *
 * const identity: BotIdentity = { clientId: 'my-bot', botToken: process.env.BOT_TOKEN! }
 * ```
 */
export interface BotIdentity {
  /** Sent as `CLIENT_ID` with classic `imbot.*` methods. */
  readonly clientId?: string | undefined
  /** Sent as `botToken` with `imbot.v2.*` methods (inside `fields` for `imbot.v2.Bot.register`). */
  readonly botToken?: string | undefined
}

/** Whether `params` has `key` under any letter case (the server upper-cases classic keys). */
function hasKey(params: object, key: string): boolean {
  const wanted = key.toLowerCase()
  return Object.keys(params).some((name) => name.toLowerCase() === wanted)
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * Adds the bot's identity to a call's params where the method needs it, never replacing what the
 * caller gave (under any letter case). Methods are matched case-insensitively, a `.json` suffix
 * ignored, as the server does:
 * - classic `imbot.*`: `CLIENT_ID` = `clientId`;
 * - `imbot.v2.Bot.register`: `fields.botToken` = `botToken` (other fields kept; not when the caller
 *   gave a top-level `botToken`, which the server reads first);
 * - every other `imbot.v2.*` but `imbot.v2.Revision.get`: top-level `botToken`.
 *
 * Returns `params` itself when nothing is added.
 *
 * @example
 * ```ts
 * import { withIdentity } from '@b24bot/imbot'
 *
 * withIdentity({ clientId: 'echo' }, 'imbot.message.add', { DIALOG_ID: 'chat5', MESSAGE: 'hi' }) // adds CLIENT_ID: 'echo'
 * ```
 */
export function withIdentity(identity: BotIdentity, method: string, params: Params): Params {
  const name = method.toLowerCase().replace(/\.json$/, '')
  if (!name.startsWith('imbot.')) return params
  if (!name.startsWith('imbot.v2.')) {
    return identity.clientId === undefined || hasKey(params, 'CLIENT_ID') ? params : { ...params, CLIENT_ID: identity.clientId }
  }
  const { botToken } = identity
  if (botToken === undefined || name === 'imbot.v2.revision.get' || hasKey(params, 'botToken')) return params
  if (name !== 'imbot.v2.bot.register') return { ...params, botToken }
  const fields = params.fields
  if (fields === undefined) return { ...params, fields: { botToken } }
  // Something that is not an object: left for the server to refuse, as the caller wrote it.
  if (!isPlainObject(fields) || hasKey(fields, 'botToken')) return params
  return { ...params, fields: { ...fields, botToken } }
}

/**
 * A wrap for a client that calls as a bot through an incoming webhook: it adds the bot's `CLIENT_ID`
 * (classic `imbot.*`) and `botToken` (`imbot.v2.*`) where each method needs them (see
 * {@link withIdentity}), to plain calls, auto-batched calls, `client.batch` commands and pages alike.
 * Both values are named as the wrap's `secrets`, so no error or log line of the client shows them.
 *
 * @example
 * ```ts
 * import { createClient } from '@b24bot/transport'
 * import { botIdentity, imbot } from '@b24bot/imbot'
 *
 * const client = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL!, use: [botIdentity({ clientId: 'echo', botToken: process.env.BOT_TOKEN! })] })
 * await imbot(client).message.add({ DIALOG_ID: 'chat5', MESSAGE: 'Hello' }) // sent with CLIENT_ID=echo
 * ```
 */
export function botIdentity(identity: BotIdentity): CallWrap {
  for (const [name, value] of Object.entries(identity)) {
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      throw new TypeError(`botIdentity: ${name} must be a non-empty string`)
  }
  const own: BotIdentity = { clientId: identity.clientId, botToken: identity.botToken }
  const wrap: CallWrap = (request, next) => {
    const params = withIdentity(own, request.method, request.params)
    return next(params === request.params ? request : { ...request, params })
  }
  const secrets = [own.clientId, own.botToken].filter((secret): secret is string => secret !== undefined)
  return Object.assign(wrap, { secrets })
}
