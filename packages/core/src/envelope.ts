import * as v from 'valibot'

/** The `time` block of every successful answer. Numbers may be integers or floats depending on the portal version. */
export interface ResponseTime {
  /** Unix time (seconds, with a fraction) when the portal started the request. */
  readonly start: number
  /** Unix time (seconds, with a fraction) when it finished. */
  readonly finish: number
  /** Seconds from `start` to `finish`. */
  readonly duration: number
  /** Seconds spent running the method itself. */
  readonly processing: number
  /** `start` as an ISO 8601 date in the portal's time zone. */
  readonly date_start: string
  /** `finish` as an ISO 8601 date in the portal's time zone. */
  readonly date_finish: string
  /** Seconds of the method's operating-time budget used in the last 10 minutes (cloud portals). */
  readonly operating?: number | undefined
  /** Unix time when that budget frees up (cloud portals). */
  readonly operating_reset_at?: number | undefined
}

/** A successful answer: `{ result, next?, total?, time }`. */
export interface SuccessEnvelope<Result = unknown> {
  /** What the method returned. */
  readonly result: Result
  /** Offset of the next page, on list methods. */
  readonly next?: number | undefined
  /** Count of all items, on list methods. */
  readonly total?: number | undefined
  /** How long the portal took, and the method's operating-time budget. */
  readonly time: ResponseTime
}

/** A failed answer: `{ error, error_description }`, sometimes with extra keys such as `argument`. */
export interface ErrorEnvelope {
  /** The error code, such as `NO_AUTH_FOUND` or `QUERY_LIMIT_EXCEEDED`. */
  readonly error: string
  /** The portal's description of the error, for people (may be empty). */
  readonly error_description: string
  readonly [key: string]: unknown
}

/**
 * The `time` block. Loose: a portal may add fields.
 *
 * @example
 * ```ts
 * import { responseTimeSchema } from '@b24bot/core'
 * import * as v from 'valibot'
 *
 * declare const envelope: { time: unknown } // a response body, parsed
 * v.parse(responseTimeSchema, envelope.time).operating
 * ```
 */
export const responseTimeSchema: v.GenericSchema<ResponseTime> = v.looseObject({
  start: v.number(),
  finish: v.number(),
  duration: v.number(),
  processing: v.number(),
  date_start: v.string(),
  date_finish: v.string(),
  operating: v.optional(v.number()),
  operating_reset_at: v.optional(v.number()),
})

/**
 * A successful answer, with `result` left unknown: the method's own schema parses it.
 *
 * @example
 * ```ts
 * import { successEnvelopeSchema } from '@b24bot/core'
 * import * as v from 'valibot'
 *
 * declare const body: string // the response text
 * const envelope = v.parse(successEnvelopeSchema, JSON.parse(body))
 * ```
 */
export const successEnvelopeSchema: v.GenericSchema<SuccessEnvelope> = v.looseObject({
  result: v.unknown(),
  next: v.optional(v.number()),
  total: v.optional(v.number()),
  time: responseTimeSchema,
})

/**
 * A failed answer. Matches any object with a string `error`, or a numeric one as the engine
 * controllers send for binding errors (`{"error": 100, ...}`), read as its decimal string;
 * `error_description` defaults to `''`.
 *
 * @example
 * ```ts
 * import { errorEnvelopeSchema } from '@b24bot/core'
 * import * as v from 'valibot'
 *
 * declare const body: unknown // the response body, parsed
 * const parsed = v.safeParse(errorEnvelopeSchema, body)
 * if (parsed.success) console.log(parsed.output.error)
 * ```
 */
export const errorEnvelopeSchema: v.GenericSchema<unknown, ErrorEnvelope> = v.looseObject({
  error: v.union([v.pipe(v.string(), v.nonEmpty()), v.pipe(v.number(), v.integer(), v.transform(String))]),
  // Text, else '': as `v.fallback(v.string(), '')` reads it, with actions every client already bundles.
  error_description: v.optional(
    v.pipe(
      v.unknown(),
      v.transform((description) => (typeof description === 'string' ? description : '')),
    ),
    '',
  ),
})
