import { B24Error } from '@b24bot/core'

/** What a {@link BotError} is built from. */
export interface BotErrorOptions {
  /** The event's name (`ONIMBOTV2MESSAGEADD`). */
  readonly event: string
  /** The portal it came from (its domain), when known. */
  readonly portal: string | undefined
  /** The event's id in the portal's queue (polled events), when it has one. */
  readonly eventId: number | undefined
  /** What the handler threw. */
  readonly cause: unknown
}

/**
 * A handler failed on an event: which event (name, portal, queue id), and what it threw (`cause`).
 * What `bot.catch` receives.
 *
 * @example
 * ```ts
 * bot.catch((error) => {
 *   console.error({ event: error.event, portal: error.portal, cause: error.cause }, 'a handler failed')
 * })
 * ```
 */
export class BotError extends B24Error {
  static override readonly brand: symbol = Symbol.for('@b24bot/bot/BotError')
  /** `'BotError'`. */
  override readonly name: string = 'BotError'
  /** The event's name. */
  readonly event: string
  /** The portal it came from (its domain), when known. */
  readonly portal: string | undefined
  /** The event's id in the portal's queue (polled events), when it has one. */
  readonly eventId: number | undefined

  constructor(options: BotErrorOptions) {
    const what = options.cause instanceof Error ? options.cause.message : String(options.cause)
    const where = options.portal ? ` from ${options.portal}` : ''
    const id = options.eventId === undefined ? '' : ` (event ${String(options.eventId)})`
    super(`A handler failed on ${options.event}${where}${id}: ${what}`, { cause: options.cause })
    this.event = options.event
    this.portal = options.portal
    this.eventId = options.eventId
  }
}
