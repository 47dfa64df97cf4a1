import type { Auth } from './auth.ts'
import type { WireParams } from './execute.ts'

/**
 * Who a bot is when its calls go through an incoming webhook (imbot.md §8, imbot-v2 §2.2): a classic
 * bot's `CLIENT_ID`, a v2 bot's `botToken`, or both. Both are secrets: they are never logged.
 *
 * @example
 * ```ts
 * const client = createClient({ webhookUrl, bot: { clientId: 'my-bot', botToken: process.env.BOT_TOKEN! } })
 * await client.call('imbot.v2.Bot.get', { botId: 42 }) // sent with botToken
 * ```
 */
export interface BotIdentity {
  /** Sent as `CLIENT_ID` with classic `imbot.*` methods. */
  readonly clientId?: string
  /** Sent as `botToken` with `imbot.v2.*` methods (inside `fields` for `imbot.v2.Bot.register`). */
  readonly botToken?: string
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
 */
export function withIdentity(identity: BotIdentity | undefined, method: string, params: WireParams): WireParams {
  if (!identity) return params
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
 * The secrets a client keeps out of errors and logs: its auth's, plus the bot's `CLIENT_ID` and
 * `botToken` (both act as credentials on webhook calls). The same array until the auth adds one.
 */
export function secretsWithIdentity(auth: Auth, identity: BotIdentity | undefined): () => readonly string[] {
  const own = [identity?.clientId, identity?.botToken].filter((secret): secret is string => secret !== undefined && secret !== '')
  if (own.length === 0) return () => auth.secrets()
  let from: readonly string[] | undefined
  let combined: readonly string[] = []
  return () => {
    const current = auth.secrets()
    if (current !== from) {
      from = current
      combined = [...current, ...own]
    }
    return combined
  }
}
