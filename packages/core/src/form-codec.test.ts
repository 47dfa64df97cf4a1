import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeForm, encodeForm, type FormInput, type FormValue } from './form-codec.ts'

describe('decodeForm reads bodies the way PHP parse_str does', () => {
  it.each([
    ['a=1&b=2', { a: '1', b: '2' }],
    ['FIELDS[KEY]=v&FIELDS[LIST][0]=x&FIELDS[LIST][1]=y', { FIELDS: { KEY: 'v', LIST: ['x', 'y'] } }],
    ['USERS[]=1&USERS[]=2', { USERS: ['1', '2'] }],
    ['a[5]=x&a[]=y', { a: { 5: 'x', 6: 'y' } }],
    ['a[1]=x', { a: { 1: 'x' } }],
    ['a[0]=x&a[b]=y', { a: { 0: 'x', b: 'y' } }],
    ['a[][x]=1&a[][x]=2', { a: [{ x: '1' }, { x: '2' }] }],
    ['msg=Hello+world%21&e=%E2%9C%93', { msg: 'Hello world!', e: '✓' }],
    ['data%5BBOT%5D%5B39%5D%5BBOT_ID%5D=39', { data: { BOT: { 39: { BOT_ID: '39' } } } }],
    ['a.b=1&c d=2', { a_b: '1', c_d: '2' }],
    ['a[b.c]=1', { a: { 'b.c': '1' } }],
    ['a[b]x=1', { a: { b: '1' } }],
    ['a[=1', { a_: '1' }],
    ['a=1&a[b]=2', { a: { b: '2' } }],
    ['a[b]=2&a=1', { a: '1' }],
    ['flag&empty=', { flag: '', empty: '' }],
    ['=x&&[a]=1', {}],
    ['bad=%zz%4', { bad: '%zz%4' }],
    ['bad=%C3', { bad: '\uFFFD' }],
    ['  lead=1', { lead: '1' }],
  ])('%s', (body, expected) => {
    expect(decodeForm(body)).toEqual(expected)
  })

  it('drops pairs that name __proto__, constructor or prototype anywhere in the key', () => {
    const decoded = decodeForm(
      '__proto__[polluted]=1&a[__proto__][polluted]=1&constructor[prototype][polluted]=1&a[constructor]=1&a[b][prototype]=1&ok=1',
    )
    expect(decoded).toEqual({ ok: '1' })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype)
  })

  it('drops pairs nested deeper than maxDepth, like max_input_nesting_level', () => {
    expect(decodeForm('a[b][c]=1&d[e]=2', { maxDepth: 1 })).toEqual({ d: { e: '2' } })
    expect(decodeForm(`a${'[x]'.repeat(64)}=1`)).not.toEqual({})
    expect(decodeForm(`a${'[x]'.repeat(65)}=1`)).toEqual({})
  })
})

describe('encodeForm writes bodies the way PHP http_build_query does', () => {
  it('nests objects and lists with bracket keys', () => {
    expect(encodeForm({ FIELDS: { TITLE: 'Hi there', USERS: [1, 2] }, SILENT: true, OFF: false })).toBe(
      'FIELDS[TITLE]=Hi+there&FIELDS[USERS][0]=1&FIELDS[USERS][1]=2&SILENT=1&OFF=0',
    )
  })

  it('leaves out null, undefined and empty containers', () => {
    expect(encodeForm({ a: null, b: undefined, c: [], d: {}, e: 'x', f: [null] })).toBe('e=x')
  })

  it('percent-encodes like urlencode, keys included', () => {
    expect(encodeForm({ 'a&b': "it's 100%*~ ✓" })).toBe('a%26b=it%27s+100%25%2A%7E+%E2%9C%93')
  })

  it('writes dates as ISO strings and big integers exactly', () => {
    expect(encodeForm({ at: new Date(Date.UTC(2026, 0, 2)), n: 2n ** 64n })).toBe(
      'at=2026-01-02T00%3A00%3A00.000Z&n=18446744073709551616',
    )
  })

  it('refuses values it cannot represent', () => {
    expect(() => encodeForm({ n: Number.NaN })).toThrow(/n: NaN is not a finite number/)
    expect(() => encodeForm({ m: new Map() as unknown as FormInput })).toThrow(/only plain objects/)
    const loop: Record<string, FormInput> = {}
    loop.self = loop
    expect(() => encodeForm({ loop })).toThrow(/refers to itself/)
  })

  it('replaces lone surrogates instead of throwing', () => {
    expect(decodeForm(encodeForm({ s: 'a\uD800b' }))).toEqual({ s: 'a\uFFFDb' })
  })
})

/** What PHP makes of a value after a trip through http_build_query and parse_str. */
function phpNormalize(value: FormInput): FormValue | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value !== 'object') return String(value)
  if (value instanceof Date) return value.toISOString()
  const items: [string, FormInput][] = Array.isArray(value)
    ? (value as readonly FormInput[]).map((item, index) => [String(index), item])
    : Object.entries(value)
  const entries = items
    .map(([key, item]) => [key, phpNormalize(item)] as const)
    .filter((entry): entry is readonly [string, FormValue] => entry[1] !== undefined)
  if (entries.length === 0) return undefined
  return entries.every(([key], index) => key === String(index))
    ? entries.map(([, item]) => item)
    : Object.fromEntries(entries)
}

const nestedKey = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
  .filter((key) => !/[[\]]/.test(key) && !['__proto__', 'constructor', 'prototype'].includes(key))
const topKey = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/).filter((key) => key !== '__proto__')
const scalar = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
)
const { formValue } = fc.letrec<{ formValue: FormInput }>((tie) => ({
  formValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('formValue'), { maxLength: 4 }),
    fc.dictionary(nestedKey, tie('formValue'), { maxKeys: 4 }),
  ),
}))

describe('codec properties', () => {
  it('decode(encode(x)) is what PHP would read back', () => {
    fc.assert(
      fc.property(fc.dictionary(topKey, formValue, { maxKeys: 6 }), (params) => {
        expect(decodeForm(encodeForm(params))).toEqual(phpNormalize(params) ?? {})
      }),
    )
  })

  it('decoding any text never throws and never reaches a prototype', () => {
    const hostile = fc.array(
      fc.oneof(
        fc.string(),
        fc.constantFrom('__proto__', 'constructor', 'prototype', '[__proto__]', '[constructor][prototype]', '[]', '[', ']', '=', '&', '%', '+'),
      ),
      { maxLength: 12 },
    )
    fc.assert(
      fc.property(hostile, (parts) => {
        const decoded = decodeForm(parts.join(''))
        const walk = (value: FormValue): void => {
          if (typeof value === 'string') return
          expect(Object.getPrototypeOf(value)).toBe(Array.isArray(value) ? Array.prototype : Object.prototype)
          for (const key of Object.keys(value)) expect(['__proto__', 'constructor', 'prototype']).not.toContain(key)
          Object.values(value).forEach(walk)
        }
        walk(decoded)
        expect(Object.prototype).not.toHaveProperty('polluted')
      }),
    )
  })
})
