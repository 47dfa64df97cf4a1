import type { WireParams } from './execute.ts'

/**
 * Who a bot is when its calls go through an incoming webhook (imbot.md §8, imbot-v2 §2.2): a classic
 * bot's `CLIENT_ID`, a v2 bot's `botToken`, or both.
 */
export interface BotIdentity {
  /** Sent as `CLIENT_ID` with classic `imbot.*` methods. */
  readonly clientId?: string
  /** Sent as `botToken` with `imbot.v2.*` methods (inside `fields` for `imbot.v2.Bot.register`). */
  readonly botToken?: string
}

/** Adds the bot's identity to a call's params where the method needs it. (Being implemented.) */
export function withIdentity(_identity: BotIdentity | undefined, _method: string, params: WireParams): WireParams {
  return params
}
