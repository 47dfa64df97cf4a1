import * as v from 'valibot'

/** The `time` block of every successful answer. Numbers may be integers or floats depending on the portal version. */
export interface ResponseTime {
  readonly start: number
  readonly finish: number
  readonly duration: number
  readonly processing: number
  readonly date_start: string
  readonly date_finish: string
  /** Seconds of the method's operating-time budget used in the last 10 minutes (cloud portals). */
  readonly operating?: number | undefined
  /** Unix time when that budget frees up (cloud portals). */
  readonly operating_reset_at?: number | undefined
}

/** A successful answer: `{ result, next?, total?, time }`. */
export interface SuccessEnvelope<Result = unknown> {
  readonly result: Result
  /** Offset of the next page, on list methods. */
  readonly next?: number | undefined
  /** Count of all items, on list methods. */
  readonly total?: number | undefined
  readonly time: ResponseTime
}

/** A failed answer: `{ error, error_description }`, sometimes with extra keys such as `argument`. */
export interface ErrorEnvelope {
  readonly error: string
  readonly error_description: string
  readonly [key: string]: unknown
}

/**
 * The `time` block. Loose: a portal may add fields.
 *
 * @example
 * ```ts
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
