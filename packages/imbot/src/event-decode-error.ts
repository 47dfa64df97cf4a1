import { B24Error, type Issue } from '@b24bot/core'

/** Why an event could not be decoded: an event name no descriptor knows, or a payload that does not match its schema. */
export type EventDecodeErrorCode = 'UNKNOWN_EVENT' | 'INVALID_EVENT'

/** What an {@link EventDecodeError} is built from. */
export interface EventDecodeErrorOptions {
  /** `UNKNOWN_EVENT` or `INVALID_EVENT`. */
  readonly code: EventDecodeErrorCode
  /** The event name, when the input had one. */
  readonly event?: string | undefined
  /** What is wrong, each naming its field (`data.PARAMS.MESSAGE_ID`). */
  readonly issues: readonly Issue[]
  /** The input as received. */
  readonly received: unknown
}

function describe(options: EventDecodeErrorOptions): string {
  const issues = options.issues.map((issue) => (issue.path ? `${issue.path} ${issue.message}` : issue.message)).join('; ')
  if (options.code === 'UNKNOWN_EVENT') return `Unknown event: ${issues}`
  return `Invalid ${options.event ?? 'event'}: ${issues}`
}

/**
 * An incoming event (a pushed body or a polled item) could not be decoded. `code` tells an intake what
 * to answer: `UNKNOWN_EVENT` for a name this version does not know (answer 400, or ignore it),
 * `INVALID_EVENT` for a payload that is not the documented shape. `issues` name the fields; values of
 * credential fields are never shown. The raw input is on `received` (not serialized, not logged).
 *
 * @example
 * ```ts
 * import { decodeForm } from '@b24bot/core'
 * import { decodeEvent, EventDecodeError } from '@b24bot/imbot'
 *
 * async function intake(request: Request): Promise<Response> {
 *   try {
 *     const event = decodeEvent(decodeForm(await request.text()))
 *     return Response.json({ received: event.event })
 *   } catch (error) {
 *     if (EventDecodeError.isInstance(error)) return new Response(error.message, { status: 400 })
 *     throw error
 *   }
 * }
 * ```
 */
export class EventDecodeError extends B24Error {
  static override readonly brand: symbol = Symbol.for('@b24bot/imbot/EventDecodeError')
  /** `'EventDecodeError'`. */
  override readonly name: string = 'EventDecodeError'
  /** `UNKNOWN_EVENT` or `INVALID_EVENT`. */
  readonly code: EventDecodeErrorCode
  /** The event name, when the input had one. */
  readonly event: string | undefined
  /** What is wrong, each naming its field. */
  readonly issues: readonly Issue[]
  /** The input as received. Not enumerable, so it stays out of logs and `JSON.stringify`. */
  declare readonly received: unknown

  constructor(options: EventDecodeErrorOptions) {
    super(describe(options))
    this.code = options.code
    this.event = options.event
    this.issues = options.issues
    Object.defineProperty(this, 'received', { value: options.received, enumerable: false })
  }
}
