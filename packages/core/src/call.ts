import type { SuccessEnvelope } from './envelope.ts'

/**
 * Params of a call as they go on the wire: any object. A described call's params are its schema's
 * output; a raw call's are what the caller gave.
 *
 * @example
 * ```ts
 * import type { Params } from '@b24bot/core'
 *
 * const params: Params = { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 }
 * ```
 */
export type Params = Readonly<Record<string, unknown>>

/**
 * One logical call, validated and ready to send, as a {@link CallWrap} sees it: a plain call, one
 * command of `client.batch`, or one page of `client.paginate`.
 *
 * @example
 * ```ts
 * import type { CallRequest } from '@b24bot/core'
 *
 * const request: CallRequest = { method: 'imbot.chat.get', params: { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 }, signal: undefined, timeout: 60_000, idempotent: true }
 * ```
 */
export interface CallRequest {
  /** The REST method, such as `imbot.chat.get`. */
  readonly method: string
  /** The params as they will be sent. */
  readonly params: Params
  /** The caller's signal. */
  readonly signal: AbortSignal | undefined
  /** Time limit per attempt, in milliseconds, or `false` for none. */
  readonly timeout: number | false
  /** Safe to send again after a failure that may have come after the portal executed it. */
  readonly idempotent: boolean
}

/**
 * The rest of the chain after a {@link CallWrap}: sends `request` on (through the wraps after this
 * one) and resolves to the portal's success envelope, or rejects with the call's error.
 */
export type CallNext = (request: CallRequest) => Promise<SuccessEnvelope>

/**
 * Wraps every logical call a client makes, around everything the client does to carry it out
 * (auto-batching, the limiter, retries, auth): look at or change the request, call `next` (or not),
 * look at or change the envelope or the error. The shape of Octokit's `hook.wrap` and grammY's
 * `api.config.use`. A wrap that puts a credential into params names it in `secrets`, so that no error
 * or log line of the client ever shows it.
 *
 * @example
 * ```ts
 * import type { CallWrap } from '@b24bot/core'
 * import { createClient } from '@b24bot/transport'
 *
 * const timing: CallWrap = async (request, next) => {
 *   const started = Date.now()
 *   try {
 *     return await next(request)
 *   } finally {
 *     console.log(request.method, Date.now() - started, 'ms')
 *   }
 * }
 * const client = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL!, use: [timing] })
 * ```
 */
export interface CallWrap {
  (request: CallRequest, next: CallNext): Promise<SuccessEnvelope>
  /** Credentials this wrap adds to calls: kept out of every error and log line. */
  readonly secrets?: readonly string[]
}
