/**
 * The coercions every event schema is built from: each accepts a field the way both deliveries spell
 * it (fetch-mode JSON types, and the strings of a form body) and yields one typed value
 * (decision 028).
 *
 * Before any schema runs, `phpShape` has already removed what a PHP form body cannot carry (empty
 * lists and objects; `null` for classic events) and spelled v2 `null` as `""`, so a schema sees the
 * same value whichever way the event came, up to the type of its scalars.
 */
import { idSchema } from '@b24bot/core'
import * as v from 'valibot'
import { countSchema } from '../schemas/common.ts'

/** An id: a positive integer, or its decimal string, as a number. */
export const wireId: v.GenericSchema<unknown, number> = idSchema

/** A count, a timestamp, or a reference where `0` means none: a non-negative integer or its decimal string, as a number. */
export const wireCount: v.GenericSchema<unknown, number> = countSchema

/**
 * Text: a string as is; a number (a JSON body may carry `13` where the form carries `"13"`) as its
 * decimal string; `null` (which a v2 webhook spells `""`) as `""`.
 */
export const wireString: v.GenericSchema<unknown, string> = v.pipe(
  v.union([v.string(), v.pipe(v.number(), v.finite()), v.null()], 'Expected a string'),
  v.transform((value): string => (value === null ? '' : String(value))),
)

/** Text where the wire says "nothing" with `null` (or, in a v2 webhook body, `""`): a string, or `null` for both. */
export const wireNullableString: v.GenericSchema<unknown, string | null> = v.pipe(
  wireString,
  v.transform((text): string | null => (text === '' ? null : text)),
)

const flagWords = [1, 0, '1', '0', 'Y', 'N', 'true', 'false', ''] as const
const trueInputs: ReadonlySet<unknown> = new Set([true, 1, '1', 'Y', 'true'])

/**
 * A flag: `true`/`false`, `1`/`0`, `"1"`/`"0"` (how a form body spells booleans), `"Y"`/`"N"`,
 * `"true"`/`"false"`, or `""` (PHP's `(string) false`), as a boolean.
 */
export const wireBoolean: v.GenericSchema<unknown, boolean> = v.pipe(
  v.union([v.boolean(), v.picklist(flagWords)], 'Expected a boolean, "1"/"0" or "Y"/"N"'),
  v.transform((flag): boolean => trueInputs.has(flag)),
)

/**
 * A classic `Y`/`N` flag, kept in its documented spelling: `"Y"`/`"N"`, or any spelling
 * {@link wireBoolean} takes, as `'Y' | 'N'`.
 */
export const wireYesNo: v.GenericSchema<unknown, 'Y' | 'N'> = v.pipe(
  wireBoolean,
  v.transform((flag): 'Y' | 'N' => (flag ? 'Y' : 'N')),
)

/**
 * A v2 `string|false` field (dates of the user object): an ISO string, or `false`, which a webhook
 * body spells `"0"`; `""` is `false` too.
 */
export const wireStringOrFalse: v.GenericSchema<unknown, string | false> = v.pipe(
  v.union([v.literal(false), v.string()], 'Expected a string or false'),
  v.transform((value): string | false => (value === false || value === '0' || value === '' ? false : value)),
)

/** An id, or `null` for none: `null`, `""` and `0` all mean none (the server sends both `null` and `0`). */
export const wireNullableRef: v.GenericSchema<unknown, number | null> = v.pipe(
  v.union([v.literal(''), v.null(), countSchema], 'Expected an id, 0 or null'),
  v.transform((id): number | null => (id === '' || id === null || id === 0 ? null : id)),
)

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

/**
 * An object whose content is not described (message `params`, chat `permissions`, the bot context):
 * kept as delivered (so its scalars are strings when it came as a form body). A PHP list becomes an
 * object keyed by index; `""` (a v2 webhook's `null`) and a missing value are `{}`.
 */
export const wireRecord: v.GenericSchema<unknown, Record<string, unknown>> = v.optional(
  v.pipe(
    v.union([v.custom<object>(isContainer, 'Expected an object'), v.literal('')], 'Expected an object'),
    v.transform((value): Record<string, unknown> => (value === '' ? {} : Object.fromEntries(Object.entries(value)))),
  ),
  '',
)

const decimalId = /^[1-9][0-9]*$/

/**
 * A list where a map keyed by id belongs, keyed again by each entry's own id (`idOf`), as PHP keyed
 * it: parsers that make lists of bracket keys with numbers (`qs`, so `express.urlencoded({ extended:
 * true })`) turn `data[BOT][3][BOT_ID]=3` into `BOT: [{ BOT_ID: '3' }]`, losing the key. A list with
 * an entry that has no id is left as it is (and refused by the map's schema: PHP never sends one).
 */
function keyedById(list: readonly unknown[], idOf: (entry: unknown) => unknown): unknown {
  const map: Record<string, unknown> = {}
  for (const entry of list) {
    const id = idOf(entry)
    const key = typeof id === 'number' ? String(id) : id
    if (typeof key !== 'string' || !decimalId.test(key)) return list
    map[key] = entry
  }
  return map
}

/** How a map entry names its id: the field `name` of an object entry. */
export function idField(name: string): (entry: unknown) => unknown {
  return (entry) => (isContainer(entry) ? (entry as Record<string, unknown>)[name] : undefined)
}

/** How an id set (`{ 5: 5 }`) names an entry's id: the entry itself. */
export const idItself = (entry: unknown): unknown => entry

/**
 * An object keyed by id whose entries are not described (message `FILES`, keyed by file id, each with
 * its `id`): like {@link wireRecord}, and a list (from a parser that makes lists) keyed again by each
 * entry's own id, as PHP keyed it.
 */
export function wireRecordById(idOf: (entry: unknown) => unknown): v.GenericSchema<unknown, Record<string, unknown>> {
  return v.optional(
    v.pipe(
      v.union([v.custom<object>(isContainer, 'Expected an object'), v.literal('')], 'Expected an object'),
      v.transform((value): Record<string, unknown> => {
        if (value === '') return {}
        const keyed = Array.isArray(value) ? keyedById(value, idOf) : value
        return Object.fromEntries(Object.entries(keyed as object))
      }),
    ),
    '',
  )
}

/** A map key that is an id (`"567"` in `data[BOT][567]`), checked, kept as the object key. */
const idKey = v.pipe(v.string(), v.regex(/^[1-9][0-9]*$/, 'Expected an id as the key'), v.transform(Number))

/** `""` (a v2 webhook's `null`) and `null` as `empty`, anything else unchanged; runs before a container schema. */
function blankAs(empty: unknown) {
  return v.transform((value: unknown): unknown => (value === '' || value === null ? empty : value))
}

/*
 * The container helpers below normalize blanks in a pipe step instead of a union, so that an issue
 * inside the container keeps its path (a union that fails as a whole reports no path).
 */

/**
 * A PHP map keyed by id (`data[BOT]`, `MENTIONED_LIST`): a record with numeric keys. Missing (PHP
 * leaves out an empty map) or `""` is `{}`. A list (what parsers that make lists, such as `qs`, turn
 * the map into) is keyed again by each entry's own id, which `idOf` reads (`BOT_ID` of a bot entry,
 * the id itself in an id set), so the event decodes the same whichever parser read the body.
 */
export function wireIdMap<Value>(
  value: v.GenericSchema<unknown, Value>,
  idOf: (entry: unknown) => unknown,
): v.GenericSchema<unknown, Record<number, Value>> {
  return v.optional(
    v.pipe(
      v.unknown(),
      blankAs({}),
      v.transform((map: unknown): unknown => (Array.isArray(map) ? keyedById(map, idOf) : map)),
      v.record(idKey, value, 'Expected an object keyed by id'),
    ),
    '',
  )
}

/** A list: missing (PHP leaves out an empty list) or `""` is `[]`. */
export function wireList<Item>(item: v.GenericSchema<unknown, Item>): v.GenericSchema<unknown, Item[]> {
  return v.optional(v.pipe(v.unknown(), blankAs([]), v.array(item, 'Expected a list')), '')
}

/**
 * An object that may be absent: `null`, `""` (a v2 webhook's `null`) and a missing value are `null`
 * (the author of a system message, for example).
 */
export function wireNullableObject<Output>(schema: v.GenericSchema<unknown, Output>): v.GenericSchema<unknown, Output | null> {
  return v.optional(v.pipe(v.unknown(), blankAs(null), v.nullable(schema)), null)
}
