import { isDeepStrictEqual } from 'node:util'
import { decodeForm, encodeForm, type FormInput } from '@b24bot/core'
import fc from 'fast-check'
import qs from 'qs'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { readEventsSpec } from '@b24bot/spec-fixtures'
import { events } from '../events.ts'
import { eventAuthSchema } from './auth.ts'
import { compileSchema, MISMATCH } from './compile.ts'
import * as wire from './wire.ts'

/*
 * The compiled fast path must be valibot, exactly: for any input, the same output (keys in the same
 * order) when valibot accepts it, and MISMATCH when valibot refuses it. Checked here against valibot
 * itself, for every event schema, on the spec's examples as every parser spells them and on random
 * damage done to them.
 */

interface SpecEvent {
  readonly event: string
  readonly examplePayloads: Readonly<Record<string, Record<string, unknown>>>
}
const spec = readEventsSpec() as SpecEvent[]

/** Equal, and with the keys of every object in the same order. */
function same(actual: unknown, expected: unknown): boolean {
  if (!isDeepStrictEqual(actual, expected)) return false
  if (typeof actual !== 'object' || actual === null || typeof expected !== 'object' || expected === null) return true
  const keys = Object.keys(actual)
  if (!isDeepStrictEqual(keys, Object.keys(expected))) return false
  return keys.every((key) => same((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]))
}

/** Runs both and says where they differ, or `undefined`. */
function difference(schema: v.GenericSchema, input: unknown): string | undefined {
  const compiled = compileSchema(schema)(input)
  const parsed = v.safeParse(schema, input)
  if (!parsed.success) return compiled === MISMATCH ? undefined : `valibot refused, the compiled schema gave ${JSON.stringify(compiled)}`
  if (compiled === MISMATCH) return `valibot accepted (${JSON.stringify(parsed.output)}), the compiled schema refused`
  return same(compiled, parsed.output) ? undefined : `outputs differ: ${JSON.stringify(compiled)} vs ${JSON.stringify(parsed.output)}`
}

/** Every `data` of the spec, as given, through a form body, and as qs reads that body. */
function dataExamples(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  for (const event of spec) {
    for (const [label, payload] of Object.entries(event.examplePayloads)) {
      const data = (label === 'fetchModeData' ? payload : payload.data) as Record<string, unknown> | undefined
      if (!data) continue
      out.push(data)
      const body = encodeForm({ data } as Record<string, FormInput>)
      out.push(decodeForm(body).data as Record<string, unknown>)
      out.push((qs.parse(body, { allowPrototypes: true, arrayLimit: 1000, depth: 32 }) as { data: Record<string, unknown> }).data)
    }
  }
  return out
}

const examples = dataExamples()

/** The paths to every value inside `value`. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return [prefix, ...Object.keys(value).flatMap((key) => pathsOf((value as Record<string, unknown>)[key], [...prefix, key]))]
}

const oddValues: unknown[] = [
  '',
  '0',
  '1',
  '-1',
  '12',
  '1.5',
  'Y',
  'N',
  'x',
  'true',
  'textarea',
  'TEXTAREA',
  'add',
  0,
  1,
  -1,
  1.5,
  2 ** 60,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  null,
  undefined,
  {},
  [],
  ['1'],
  ['3', '5'],
  { 3: '3' },
  { a: '1' },
  JSON.parse('{"3":"3","constructor":"c","__proto__":"p","prototype":"q"}') as unknown,
  [{ BOT_ID: '3', BOT_CODE: 'b' }],
  [{ COMMAND_ID: '4' }],
  [{ id: '7' }],
  { 0: 'x' },
  new Date(0),
  5n,
]

/** A damaged copy: a value replaced, removed, or a key added, anywhere. */
const damaged = fc
  .tuple(
    fc.constantFrom(...examples),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: oddValues.length - 1 }), fc.constantFrom('set', 'delete', 'add')), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([example, damages]) => {
    const copy = structuredClone(example)
    for (const [at, which, how] of damages) {
      const paths = pathsOf(copy).filter((path) => path.length > 0)
      const path = paths[at % Math.max(paths.length, 1)]
      if (!path) continue
      const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], copy) as Record<
        string,
        unknown
      >
      const key = path.at(-1) ?? ''
      const odd: unknown = structuredClone(oddValues[which])
      if (how === 'delete') Reflect.deleteProperty(parent, key)
      else if (how === 'set') parent[key] = odd
      else parent[`${key}X`] = odd
    }
    return copy
  })

describe('compiled event schemas give what valibot gives', () => {
  const schemas = Object.values(events).map((descriptor) => [descriptor.event, descriptor.data] as const)

  it('on every example, as given, through a form body and through qs, for every event', () => {
    for (const [name, schema] of schemas) {
      for (const example of examples) expect(difference(schema, example), name).toBeUndefined()
    }
  })

  it('on damaged examples', () => {
    fc.assert(
      fc.property(damaged, fc.constantFrom(...schemas), (input, [name, schema]) => {
        expect(difference(schema, input), name).toBeUndefined()
      }),
      { numRuns: 3000 },
    )
  })

  it('on odd values for every wire helper and the auth block', () => {
    const helpers: [string, v.GenericSchema][] = [
      ['wireId', wire.wireId],
      ['wireCount', wire.wireCount],
      ['wireString', wire.wireString],
      ['wireNullableString', wire.wireNullableString],
      ['wireBoolean', wire.wireBoolean],
      ['wireYesNo', wire.wireYesNo],
      ['wireStringOrFalse', wire.wireStringOrFalse],
      ['wireNullableRef', wire.wireNullableRef],
      ['wireRecord', wire.wireRecord],
      ['wireRecordById', wire.wireRecordById(wire.idField('id'))],
      ['wireIdMap', wire.wireIdMap(wire.wireCount, wire.idItself)],
      ['wireList', wire.wireList(wire.wireId)],
      ['wireNullableObject', wire.wireNullableObject(v.looseObject({ id: wire.wireId }))],
      ['auth', eventAuthSchema],
    ]
    for (const [name, schema] of helpers) {
      for (const value of [...oddValues, ...oddValues.map((odd) => ({ id: odd, user_id: odd }))])
        expect(difference(schema, value), `${name} ${String(value)}`).toBeUndefined()
    }
  })

  it('leaves to valibot what it does not mirror, and still agrees', () => {
    const schemas: v.GenericSchema[] = [
      v.pipe(v.string(), v.trim(), v.maxLength(3)),
      v.looseObject({ a: v.optional(v.string(), () => 'made') }),
      v.fallback(v.number(), 7),
      v.object({ a: v.string() }),
      v.nullable(v.string(), 'was null'),
      v.union([v.literal(Number.NaN), v.literal('x')]),
      v.union([
        v.pipe(
          v.string(),
          v.transform((text) => `${text}1`),
        ),
        v.pipe(
          v.string(),
          v.transform((text) => `${text}2`),
        ),
      ]),
      v.nullable(v.number()),
      v.record(v.string(), v.string()),
    ]
    for (const schema of schemas) {
      for (const value of [...oddValues, 'a', ' abcd ', { a: 'x' }, { a: 1 }]) expect(difference(schema, value)).toBeUndefined()
    }
  })
})
