import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { B24Error } from './errors/b24-error.ts'
import { FormLimitError } from './errors/form-limit-error.ts'
import { decodeForm, encodeForm, pickForm, type DecodeFormOptions, type FormInput, type FormPick, type FormValue } from './form-codec.ts'

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
    expect(encodeForm({ at: new Date(Date.UTC(2026, 0, 2)), n: 2n ** 64n })).toBe('at=2026-01-02T00%3A00%3A00.000Z&n=18446744073709551616')
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
  return entries.every(([key], index) => key === String(index)) ? entries.map(([, item]) => item) : Object.fromEntries(entries)
}

const nestedKey = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
  .filter((key) => !/[[\]]/.test(key) && !['__proto__', 'constructor', 'prototype'].includes(key))
const topKey = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/).filter((key) => key !== '__proto__')
const scalar = fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.boolean(), fc.constant(null))
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
        fc.constantFrom(
          '__proto__',
          'constructor',
          'prototype',
          '[__proto__]',
          '[constructor][prototype]',
          '[]',
          '[',
          ']',
          '=',
          '&',
          '%',
          '+',
        ),
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

/** What `decodeForm` throws, or `undefined`. */
function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}

describe('decodeForm bounds, as PHP bounds a request (max_input_vars, max_input_nesting_level)', () => {
  const strict = { onLimit: 'throw' } as const

  it('reads at most maxFields pairs and drops the rest, as PHP does', () => {
    expect(decodeForm('a=1&b=2&c=3', { maxFields: 2 })).toEqual({ a: '1', b: '2' })
    expect(decodeForm('a=1&b=2&c=3', { maxFields: 3 })).toEqual({ a: '1', b: '2', c: '3' })
    expect(decodeForm('a=1', { maxFields: 0 })).toEqual({})
  })

  it('counts an empty pair between two & and a pair it then drops, but not a trailing &', () => {
    expect(decodeForm('a=1&&b=2', { maxFields: 2 })).toEqual({ a: '1' })
    expect(decodeForm('=x&b=2', { maxFields: 1 })).toEqual({})
    expect(decodeForm('a=1&b=2&', { ...strict, maxFields: 2 })).toEqual({ a: '1', b: '2' })
    expect(thrown(() => decodeForm('&'.repeat(3), { ...strict, maxFields: 2 }))).toMatchObject({ limit: 'fields', max: 2 })
  })

  it('throws a FormLimitError naming the bound, with onLimit: throw', () => {
    const error = thrown(() => decodeForm('a=1&b=2&c=3', { ...strict, maxFields: 2 }))
    expect(FormLimitError.isInstance(error)).toBe(true)
    expect(B24Error.isInstance(error)).toBe(true)
    expect(error).toMatchObject({
      name: 'FormLimitError',
      limit: 'fields',
      max: 2,
      retryable: false,
      message: 'The form body has more than 2 fields',
    })
    const deep = thrown(() => decodeForm(`a${'[x]'.repeat(65)}=1`, strict))
    expect(deep).toMatchObject({
      name: 'FormLimitError',
      limit: 'depth',
      max: 64,
      message: 'The form body nests a key deeper than 64 levels',
    })
    expect(JSON.parse(JSON.stringify(deep))).toMatchObject({ name: 'FormLimitError', limit: 'depth', max: 64 })
    expect(decodeForm(`a${'[x]'.repeat(64)}=1`, strict)).not.toEqual({})
  })

  it('throws at the first pair past a bound: what comes after it is not read', () => {
    expect(thrown(() => decodeForm('a[x][y]=1&b=2&c=3', { ...strict, maxDepth: 1, maxFields: 2 }))).toMatchObject({ limit: 'depth' })
    expect(thrown(() => decodeForm('a=1&b=2&c[x][y]=1', { ...strict, maxDepth: 1, maxFields: 2 }))).toMatchObject({ limit: 'fields' })
    expect(thrown(() => decodeForm('a=1&b=2&c=%zz', { ...strict, maxFields: 2 }))).toMatchObject({ limit: 'fields' })
  })

  it('ignores a pair with no name before looking at its depth, as PHP does', () => {
    expect(decodeForm('[a][b][c]=1&ok=1', { ...strict, maxDepth: 1 })).toEqual({ ok: '1' })
  })

  it('refuses bounds that are not counts', () => {
    expect(() => decodeForm('a=1', { maxFields: -1 })).toThrow(RangeError)
    expect(() => decodeForm('a=1', { maxDepth: 1.5 })).toThrow(RangeError)
    expect(() => decodeForm('a=1', { maxFields: Number.NaN })).toThrow(RangeError)
    expect(decodeForm('a[b]=1', { maxDepth: Number.POSITIVE_INFINITY, maxFields: Number.POSITIVE_INFINITY })).toEqual({ a: { b: '1' } })
  })
})

describe('decodeForm decodes percent runs as UTF-8, exactly', () => {
  it('keeps a byte order mark, as PHP keeps its bytes', () => {
    expect(decodeForm('v=%EF%BB%BFx&w=%EF%BB%BF')).toEqual({ v: '\uFEFFx', w: '\uFEFF' })
  })

  it('appends and overwrites in place as PHP arrays do', () => {
    expect(decodeForm('a[0]=x&a[1]=y&a[0]=z')).toEqual({ a: ['z', 'y'] })
    expect(decodeForm('a[1]=x&a[0]=y')).toEqual({ a: { 0: 'y', 1: 'x' } })
    expect(decodeForm('a[x][]=1&a[y]=2&a[x][]=3')).toEqual({ a: { x: ['1', '3'], y: '2' } })
    expect(decodeForm('a[x][]=1&a[x]=s&a[x][]=3')).toEqual({ a: { x: ['3'] } })
    expect(Object.keys(decodeForm('b=1&a=2&b=3'))).toEqual(['b', 'a'])
    expect(decodeForm('a[]=1&a[01]=2&a[]=3')).toEqual({ a: { 0: '1', '01': '2', 1: '3' } })
    const many = Array.from({ length: 40 }, (_, index) => `m[k${String(index % 20)}][]=${String(index)}`).join('&')
    expect((decodeForm(many).m as Record<string, string[]>).k3).toEqual(['3', '23'])
  })

  const reference = new TextDecoder('utf-8', { ignoreBOM: true })
  /** PHP urldecode as it was written first: `+` a space, each run of %XX decoded on its own. */
  const urldecode = (text: string): string =>
    text
      .replace(/\+/g, ' ')
      .replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) =>
        reference.decode(Uint8Array.from(run.slice(1).split('%'), (hex) => Number.parseInt(hex, 16))),
      )
  const byte = fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.boolean())
    .map(([value, upper]) => `%${upper ? value.toString(16).padStart(2, '0').toUpperCase() : value.toString(16).padStart(2, '0')}`)
  const part = fc.oneof(
    fc.array(byte, { minLength: 1, maxLength: 6 }).map((bytes) => bytes.join('')),
    fc.constantFrom('+', '%', '%4', '%zz', '%e2%9c%93', 'é', '😀', '\uD800', '\uDC00', 'x', ' '),
    fc.string({ unit: 'grapheme', maxLength: 4 }).filter((text) => !/[&=]/.test(text)),
  )

  it('agrees with TextDecoder run by run, for any mix of escapes, literal text and +', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
        const value = parts.join('')
        expect(decodeForm(`v=${value}`).v ?? '').toBe(urldecode(value))
      }),
      { numRuns: 500 },
    )
  })

  it('agrees with TextDecoder run by run on long text too (decoded with native searches)', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 8 }), (parts) => {
        const unit = parts.join('')
        const value = unit.repeat(Math.ceil(4_100 / Math.max(1, unit.length)))
        expect(decodeForm(`v=${value}`).v ?? '').toBe(urldecode(value))
      }),
      { numRuns: 200 },
    )
  })

  it('drops a long key of spaces, and reads a key after long leading spaces', () => {
    expect(decodeForm(`${'+'.repeat(5_000)}=1&b=2`)).toEqual({ b: '2' })
    expect(decodeForm(`${'%20+'.repeat(2_000)}a[b]=1`)).toEqual({ a: { b: '1' } })
    expect(decodeForm(`${'+'.repeat(5_000)}a.b=1`)).toEqual({ a_b: '1' })
  })

  it('decodes long values the same way', () => {
    for (const value of ['%D0%BF'.repeat(30_000), `${'%D0%BF+'.repeat(5_000)}\uD800`, `${'é%D0'.repeat(4_000)}%BF`, '+'.repeat(70_000)]) {
      expect(decodeForm(`v=${value}`).v).toBe(urldecode(value))
    }
  })
})

/** What decodeForm's output holds at `keys`: the string, `undefined`, or "not text". */
function navigate(decoded: FormValue, keys: readonly string[]): FormPick {
  let value: FormValue | undefined = decoded
  for (const key of keys) {
    value = typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, FormValue>)[key] : undefined
  }
  return value === undefined || typeof value === 'string' ? value : { notText: true }
}

describe('pickForm reads a few paths without decoding the body', () => {
  const sample = 'event=ONIMBOTMESSAGEADD&data[PARAMS][MESSAGE]=hi+there&auth[application_token]=t%C3%B6ken&auth[member_id]=m1'

  it('returns the string, undefined, or notText for a list or an object', () => {
    expect(
      pickForm(sample, [
        'event',
        'auth[application_token]',
        'auth[member_id]',
        'auth[domain]',
        'data[PARAMS]',
        'data[PARAMS][MESSAGE]',
        'nothing[here]',
      ]),
    ).toEqual({
      event: 'ONIMBOTMESSAGEADD',
      'auth[application_token]': 'töken',
      'auth[member_id]': 'm1',
      'auth[domain]': undefined,
      'data[PARAMS]': { notText: true },
      'data[PARAMS][MESSAGE]': 'hi there',
      'nothing[here]': undefined,
    })
  })

  it('gives exactly what decodeForm gives: the last duplicate, lists, encoded keys, replaced containers, appends', () => {
    const pick = (text: string, path: string): FormPick => (pickForm(text, [path]) as Record<string, FormPick>)[path]
    expect(pick('auth[application_token]=a&auth[application_token]=b', 'auth[application_token]')).toBe('b')
    expect(pick('auth[application_token][]=x', 'auth[application_token]')).toEqual({ notText: true })
    expect(pick('auth[application_token][a]=x', 'auth[application_token]')).toEqual({ notText: true })
    expect(pick('auth[application_token][a]=x&auth[application_token]=y', 'auth[application_token]')).toBe('y')
    expect(pick('auth[application_token]=y&auth=z', 'auth[application_token]')).toBeUndefined()
    expect(pick('%61uth%5Bapplication_token%5D=enc', 'auth[application_token]')).toBe('enc')
    expect(pick('+auth[application_token]=lead', 'auth[application_token]')).toBe('lead')
    expect(pick('auth[__proto__][x]=1&auth[application_token]=ok&auth[application_token][constructor]=1', 'auth[application_token]')).toBe(
      'ok',
    )
    expect(pick('a[]=x&a[]=y', 'a[1]')).toBe('y')
    expect(pick('a[5]=x&a[]=y', 'a[6]')).toBe('y')
    expect(pick('a[x][]=1&a[x][]=2&a[y]=3&a[x][]=4', 'a[x][2]')).toBe('4')
    expect(pick('a.b=1&a[c=2', 'a_b')).toBe('1')
    expect(pick('a[c=2', 'a_c')).toBe('2')
    expect(pick(`a${'[x]'.repeat(65)}=1&a[x]=2`, 'a[x]')).toBe('2')
    // Past 2^53 the next index repeats a key: `[]` then replaces what is there, as decodeForm does.
    expect(decodeForm('a[9007199254740992][x]=1&a[][y]=2')).toEqual({ a: { 9007199254740992: { y: '2' } } })
    expect(pick('a[9007199254740992][x]=1&a[][y]=2', 'a[9007199254740992][x]')).toBeUndefined()
  })

  it('applies the same bounds as decodeForm', () => {
    expect(pickForm('a=1&b=2&event=x', ['event'], { maxFields: 2 })).toEqual({ event: undefined })
    expect(thrown(() => pickForm('a=1&b=2&event=x', ['event'], { maxFields: 2, onLimit: 'throw' }))).toMatchObject({
      limit: 'fields',
      max: 2,
    })
    expect(thrown(() => pickForm(`z${'[x]'.repeat(65)}=1&event=x`, ['event'], { onLimit: 'throw' }))).toMatchObject({
      limit: 'depth',
      max: 64,
    })
    expect(pickForm(`z${'[x]'.repeat(65)}=1&event=x`, ['event'])).toEqual({ event: 'x' })
  })

  it('refuses paths it cannot read', () => {
    for (const path of ['', 'a[]', '[a]', 'a[b', 'a]', 'a[b]c', '__proto__', 'a[constructor]', 'a[prototype][b]'])
      expect(() => pickForm('a=1', [path]), path).toThrow(TypeError)
  })

  /** Key parts that make the hard cases: names of the paths, encoded, with dots and spaces, prototype names, indexes. */
  const keyPart = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('auth', 'event', 'application_token', 'member_id', 'a', 'a_b', '0', '1', '2') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        '__proto__',
        'constructor',
        'prototype',
        'a.b',
        'a b',
        ' auth',
        '%61uth',
        'auth%5Bx%5D',
        '_a',
        'x',
        '01',
      ),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '+',
        '%20',
        '+auth',
        '%20+a',
        '+%20',
        '%2',
        '%25',
        '%5',
        '%%5B',
        '%5%5D',
        '%2520',
        'a'.repeat(40),
        '%E2%82%AC'.repeat(3),
        '%61%75%74%68',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
  )
  const bracket = fc.constantFrom(['[', ']'], ['%5B', '%5D'], ['%5b', '%5d'], ['[', ''], ['', ']'])
  const key = fc
    .tuple(keyPart, fc.array(fc.tuple(bracket, keyPart), { maxLength: 4 }))
    .map(([base, segments]) => `${base}${segments.map(([[open, close], part]) => `${open}${part}${close}`).join('')}`)
  const pair = fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(key, fc.oneof(fc.constantFrom('v', 'x+y', '%E2%9C%93', ''), fc.string({ maxLength: 4 })))
        .map(([name, value]) => `${name}=${value.replace(/[&=]/g, '')}`),
    },
    { weight: 1, arbitrary: key.map((name) => name.replace(/[&=]/g, '')) },
    { weight: 1, arbitrary: fc.constant('') },
  )
  const body = fc.array(pair, { maxLength: 14 }).map((pairs) => pairs.join('&'))
  const pathKey = fc.oneof(
    fc.constantFrom('auth', 'event', 'application_token', 'member_id', 'a', 'a_b', '_a', 'x', '0', '1', '2', '01'),
    fc.stringMatching(/^[a-z0-9_ .%]{1,3}$/),
  )
  const path = fc.tuple(pathKey, fc.array(pathKey, { maxLength: 3 })).map(([base, segments]) => [base, ...segments])
  const options = fc.record(
    {
      maxDepth: fc.constantFrom(0, 1, 2, 64),
      maxFields: fc.constantFrom(0, 3, 8, 1000),
      onLimit: fc.constantFrom('drop' as const, 'throw' as const),
    },
    { requiredKeys: [] },
  )

  it('agrees with decodeForm at every path, for any body and any bounds', () => {
    fc.assert(
      fc.property(
        body,
        fc.uniqueArray(path, { maxLength: 5, selector: (keys) => keys.join('\u0000') }),
        options,
        (text, paths, bounds: DecodeFormOptions) => {
          const written = paths.map(([base, ...segments]) => `${base ?? ''}${segments.map((segment) => `[${segment}]`).join('')}`)
          const decodeError = thrown(() => decodeForm(text, bounds))
          const pickError = thrown(() => pickForm(text, written, bounds))
          if (decodeError !== undefined || pickError !== undefined) {
            expect(FormLimitError.isInstance(pickError)).toBe(true)
            expect(pickError).toEqual(decodeError)
            return
          }
          const decoded = decodeForm(text, bounds)
          const picked = pickForm(text, written, bounds) as Record<string, FormPick>
          paths.forEach((keys, index) => {
            expect(picked[written[index] ?? ''], `${written[index] ?? ''} in ${text}`).toEqual(navigate(decoded, keys))
          })
        },
      ),
      { numRuns: 3000 },
    )
  })
})
