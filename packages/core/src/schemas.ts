import * as v from 'valibot'

const decimalId = /^[1-9]\d*$/

/**
 * A Bitrix24 id as the portal sends it (a positive integer, or its decimal string), normalized to a number.
 *
 * @example
 * ```ts
 * import { idSchema } from '@b24bot/core'
 * import * as v from 'valibot'
 *
 * v.parse(idSchema, '2725') // 2725
 * v.parse(idSchema, 2725) // 2725
 * ```
 */
export const idSchema: v.GenericSchema<number | string, number> = v.union(
  [v.pipe(v.number(), v.safeInteger(), v.minValue(1)), v.pipe(v.string(), v.regex(decimalId), v.transform(Number), v.safeInteger())],
  'Expected a positive integer id',
)

/**
 * A positive integer param, such as `BOT_ID`.
 *
 * @example
 * ```ts
 * import { positiveIntegerSchema } from '@b24bot/core'
 * import * as v from 'valibot'
 *
 * const params = v.object({ BOT_ID: v.optional(positiveIntegerSchema) })
 * ```
 */
export const positiveIntegerSchema: v.GenericSchema<number> = v.pipe(
  v.number(),
  v.integer('Expected an integer'),
  v.minValue(1, 'Expected a positive integer'),
)
