import { inspect } from 'node:util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { htmlEscape, phpJson } from '../test/echo-servers.ts'
import { createRedactor, maxSecretSpan } from './redactor.ts'

const alnum = Array.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')
/** Characters that stress encoders: each is written differently by some of them. */
const stress = [
  ' ',
  '!',
  "'",
  '(',
  ')',
  '~',
  '*',
  '/',
  '+',
  '&',
  '<',
  '>',
  '"',
  '=',
  '?',
  ';',
  '#',
  '%',
  '\\',
  'é',
  'ж',
  'ß',
  '中',
  '😀',
  '𝒜',
]
/** The same without `%`, `\` and `&`, which open escapes: a secret holding none of them can be written in any per-character mix. */
const plain = stress.filter((char) => char !== '%' && char !== '\\' && char !== '&')

let serial = 0
/** A secret: a unique marker (found in any encoding), characters from `chars`, and a final letter. */
const secretOf = (chars: readonly string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.array(fc.constantFrom(...chars, ...alnum), { minLength: 1, maxLength: 16 }), fc.constantFrom(...alnum))
    .map(([middle, last]) => {
      serial += 1
      return `mk${String(serial)}q${middle.join('')}${last}`
    })
const markerOf = (secret: string): string => /^mk\d+q/.exec(secret)?.[0] ?? secret

/** Text around a secret, full of half-escapes that could run into its encoding. */
const surrounding = fc.string({
  unit: fc.constantFrom('a', ' ', '%', '2', '5', 'C', '\\', 'u', 'x', '&', '#', ';', '"', '/', '+', 'é', '<', 'amp;'),
  maxLength: 24,
})

const utf8Percent = (char: string, lower = false): string => {
  const hex = [...new TextEncoder().encode(char)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')
  return lower ? hex : hex.toUpperCase()
}
const units = (char: string, upper: boolean): string =>
  Array.from({ length: char.length }, (_, index) => `\\u${char.charCodeAt(index).toString(16).padStart(4, '0')}`)
    .join('')
    .replace(/[0-9a-f]{4}/g, (hex) => (upper ? hex.toUpperCase() : hex))
const isAlnum = (char: string): boolean => /^[A-Za-z0-9]$/.test(char)
/** Each non-alphanumeric character through `encode`. */
const eachChar = (encode: (char: string) => string) => (text: string) =>
  Array.from(text, (char) => (isAlnum(char) ? char : encode(char))).join('')

/** Every encoder a secret meets on the wire or in an echo of it. */
const encoders: Readonly<Record<string, (text: string) => string>> = {
  raw: (text) => text,
  encodeURIComponent,
  encodeURI,
  form: (text) => new URLSearchParams([['', text]]).toString().slice(1),
  phpUrlencode: (text) =>
    encodeURIComponent(text)
      .replace(/[!'()*~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, '+'),
  percentLower: eachChar((char) => utf8Percent(char, true)),
  percentAll: eachChar((char) => utf8Percent(char)),
  json: (text) => JSON.stringify(text).slice(1, -1),
  phpJson: (text) => phpJson(text).slice(1, -1),
  jsonUnicode: eachChar((char) => units(char, true)),
  htmlNamed: htmlEscape,
  htmlDecimal: eachChar((char) => `&#${String(char.codePointAt(0))};`),
  htmlHex: eachChar((char) => `&#x${(char.codePointAt(0) ?? 0).toString(16).padStart(5, '0')};`),
  jsHex: eachChar((char) => (char.charCodeAt(0) < 0x80 ? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}` : char)),
}
const encoderNames = Object.keys(encoders)
const encode = (names: readonly string[], text: string): string => names.reduce((value, name) => (encoders[name] ?? String)(value), text)

/** One character written any single way a decoder reads in one go. */
function oneWay(char: string, choice: number): string {
  const named: Readonly<Partial<Record<string, string>>> = { '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '/': '&sol;' }
  const ways = [
    char,
    utf8Percent(char),
    utf8Percent(char, true),
    units(char, false),
    units(char, true),
    `&#${String(char.codePointAt(0))};`,
    `&#X${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()};`,
    ...(char === ' ' ? ['+'] : []),
    ...(char === '/' || char === '"' ? [`\\${char}`] : []),
    ...(named[char] === undefined ? [] : [named[char]]),
  ]
  return ways[choice % ways.length] ?? char
}

describe('createRedactor: text', () => {
  it('masks a secret written by any encoder, or by up to four of them nested, and leaves the text around it as it was', () => {
    fc.assert(
      fc.property(
        secretOf(stress),
        fc.array(fc.constantFrom(...encoderNames), { minLength: 1, maxLength: 4 }),
        surrounding,
        surrounding,
        (secret, names, before, after) => {
          const redactor = createRedactor([secret])
          expect(redactor.text(`${before}${encode(names, secret)}${after}`)).toBe(`${before}***${after}`)
        },
      ),
      { numRuns: 600 },
    )
  })

  it('masks a secret written in any per-character mix of encodings, among other secrets', () => {
    fc.assert(
      fc.property(
        secretOf(plain),
        fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
        secretOf(stress),
        surrounding,
        (secret, choices, other, around) => {
          const mixed = Array.from(secret, (char, index) =>
            isAlnum(char) ? char : oneWay(char, choices[index % choices.length] ?? 0),
          ).join('')
          const redactor = createRedactor([other, secret])
          const redacted = redactor.text(`${around}${mixed}|${encoders.form?.(other) ?? ''}${around}`)
          expect(redacted).toBe(`${around}***|***${around}`)
        },
      ),
      { numRuns: 400 },
    )
  })

  it('masks every occurrence, and a secret quoted by an HTML page quoting a JSON body quoting a batch command', () => {
    fc.assert(
      fc.property(secretOf(stress), fc.integer({ min: 1, max: 5 }), (secret, times) => {
        const command = `im.message.add?botToken=${encoders.phpUrlencode?.(secret) ?? ''}&DIALOG_ID=chat1`
        const body = JSON.stringify({ cmd: { a: command }, halt: 0 })
        const page = `<pre>${htmlEscape(body)}</pre><a href="/x?q=${encodeURIComponent(body)}">again</a>`
        const redacted = createRedactor([secret]).text(Array.from({ length: times }, () => page).join('\n'))
        expect(redacted).not.toContain(markerOf(secret))
        expect(redacted.split('***')).toHaveLength(2 * times + 1)
        expect(redacted).toContain('DIALOG_ID=chat1')
      }),
    )
  })

  it('masks a secret after a reference that names a property of every object (`&toString;`, `&__proto__;`)', () => {
    const redactor = createRedactor(['SECRETVALUE'])
    for (const name of ['toString', 'valueOf', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(redactor.text(`x=&${name};%53ECRETVALUE&y=1`)).toBe(`x=&${name};***&y=1`)
    }
  })

  it('returns text without a secret unchanged, whatever escapes it holds', () => {
    fc.assert(
      fc.property(
        fc.array(secretOf(stress), { maxLength: 3 }),
        fc.oneof(fc.string({ unit: 'binary' }), surrounding, fc.string()),
        (secrets, text) => {
          expect(createRedactor(secrets).text(text)).toBe(text)
        },
      ),
    )
  })

  it('finds a secret at any place in a text longer than one piece, across the seams', () => {
    fc.assert(
      fc.property(secretOf(stress), fc.nat(200_000), fc.constantFrom('raw', 'encodeURIComponent', 'htmlDecimal'), (secret, at, name) => {
        const filler = 'x'.repeat(at)
        const text = `${filler}${encode([name], secret)}${'y'.repeat(200_000 - at)}`
        expect(createRedactor([secret]).text(text)).toBe(`${filler}***${'y'.repeat(200_000 - at)}`)
      }),
      { numRuns: 40 },
    )
    expect(maxSecretSpan).toBeGreaterThanOrEqual(1024)
  })

  it('treats a space and a plus alike (a form writes one for the other), and ignores empty secrets', () => {
    const redactor = createRedactor(['', 'a b+c'])
    expect(redactor.text('x a+b c y')).toBe('x *** y')
    expect(redactor.text('x a%2Bb%20c y')).toBe('x *** y')
    expect(createRedactor(['']).text('anything')).toBe('anything')
  })
})

describe('createRedactor: value', () => {
  /** Plain data with secrets in keys and strings, anywhere. */
  const dataWith = (secret: string) =>
    fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(secret, `before ${encodeURIComponent(secret)} after`, htmlEscape(secret), 1, true, null, 'plain'),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('a', 'b', secret, `k${encodeURIComponent(secret)}`), tie('value'), { maxKeys: 4 }),
      ),
    })).value

  it('copies plain data with every key and string redacted', () => {
    fc.assert(
      fc.property(secretOf(stress), (secret) => {
        fc.assert(
          fc.property(dataWith(secret), (value) => {
            const copy = createRedactor([secret]).value(value)
            expect(`${String(JSON.stringify(copy) as string | undefined)}${inspect(copy, { depth: 20 })}`).not.toContain(markerOf(secret))
            if (typeof value === 'object' && value !== null) expect(copy).not.toBe(value)
          }),
          { numRuns: 20 },
        )
      }),
      { numRuns: 20 },
    )
  })

  it('copies data without secrets as it is, a new object that does not share the original', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const copy = createRedactor(['mk0qsecret']).value(value)
        expect(copy).toEqual(value)
        if (typeof value === 'object' && value !== null) {
          expect(copy).not.toBe(value)
          ;(copy as Record<string, unknown>).added = 1
          expect(value).not.toHaveProperty('added')
        }
      }),
    )
  })

  it('leaves out class instances and functions (headers, requests, dates), and what lies past its depth', () => {
    class Config {
      readonly token = 'mk1qsecret'
    }
    const value = {
      headers: new Headers({ authorization: 'mk1qsecret' }),
      config: new Config(),
      url: new URL('https://x.example/mk1qsecret'),
      when: new Date(0),
      run: () => 'mk1qsecret',
      list: [new Map([['a', 'mk1qsecret']])],
      kept: 'mk1qsecret ok',
    }
    const copy = createRedactor(['mk1qsecret']).value(value)
    expect(copy).toEqual({ list: [undefined], kept: '*** ok' })
    let deep: unknown = 'mk1qsecret'
    for (let level = 0; level < 20; level += 1) deep = { level: deep }
    expect(JSON.stringify(createRedactor([]).value(deep))).not.toContain('mk1qsecret')
  })
})

describe('createRedactor: error', () => {
  it('rebuilds an error and its causes: message, name, stack and primitive fields redacted, object fields left out', () => {
    fc.assert(
      fc.property(secretOf(stress), fc.constantFrom(...encoderNames), fc.integer({ min: 0, max: 4 }), (secret, name, depth) => {
        const written = encode([name], secret)
        let error: Error = Object.assign(new TypeError(`fetch ${written} failed`), {
          code: 'ECONNREFUSED',
          errno: -111,
          syscall: 'connect',
          url: `https://p.example/${written}`,
          config: { headers: { authorization: `Bearer ${secret}` } },
          headers: new Headers(),
        })
        for (let level = 0; level < depth; level += 1)
          error = Object.assign(new Error(`level ${String(level)} (${written})`, { cause: error }), {
            status: level,
            request: { body: secret },
          })
        const clean = createRedactor([secret]).error(error) as Error
        expect(clean).not.toBe(error)
        expect(clean).toBeInstanceOf(Error)
        const rendered = [inspect(clean, { depth: 20 }), JSON.stringify(clean), String(clean), clean.stack ?? ''].join('\n')
        expect(rendered).not.toContain(markerOf(secret))
        let innermost: unknown = clean
        for (let level = 0; level < depth; level += 1) {
          expect(Object.keys(innermost as object)).toEqual(['status'])
          innermost = (innermost as Error).cause
        }
        expect(innermost).toMatchObject({
          name: 'TypeError',
          message: 'fetch *** failed',
          code: 'ECONNREFUSED',
          errno: -111,
          syscall: 'connect',
          url: 'https://p.example/***',
        })
        expect(Object.keys(innermost as object).sort()).toEqual(['code', 'errno', 'syscall', 'url'])
      }),
      { numRuns: 200 },
    )
  })

  it('copies what is not an error as a value, and survives an error whose fields throw or are not text', () => {
    const redactor = createRedactor(['mk2qsecret'])
    expect(redactor.error({ message: 'mk2qsecret', config: { url: 'x/mk2qsecret' } })).toEqual({ message: '***', config: { url: 'x/***' } })
    expect(redactor.error('boom mk2qsecret')).toBe('boom ***')
    const odd = new Error('x')
    Object.defineProperty(odd, 'message', { value: { toString: () => 'object mk2qsecret' } })
    Object.defineProperty(odd, 'stack', {
      get: () => {
        throw new Error('no stack')
      },
    })
    Object.defineProperty(odd, 'loud', { enumerable: true, get: () => 'mk2qsecret' })
    const clean = redactor.error(odd) as Error
    expect(clean.message).toBe('object ***')
    expect(inspect(clean)).not.toContain('mk2qsecret')
  })
})

describe('createRedactor: with', () => {
  it('adds secrets, leaving the redactor it came from as it was; the secrets of a function are read each time', () => {
    fc.assert(
      fc.property(secretOf(stress), secretOf(stress), (first, second) => {
        const base = createRedactor([first])
        const both = base.with([second])
        const text = `${encodeURIComponent(first)} ${htmlEscape(second)}`
        expect(both.text(text)).toBe('*** ***')
        expect(base.text(text)).toBe(`*** ${htmlEscape(second)}`)
        expect(base.with([])).toBe(base)
        expect(base.with([''])).toBe(base)
        let current: readonly string[] = [first]
        const live = createRedactor(() => current).with([second])
        current = [first, `${first}x`]
        expect(live.text(`${first}x ${second}`)).toBe('*** ***')
      }),
    )
  })

  it('masks the start of a secret an echo cut short (at the end, or before an ellipsis), and a secret echoed as a number', () => {
    const redactor = createRedactor(['mkSECRETq9zABCDEF', '4815162342'])
    expect(redactor.text('Cannot POST /rest/1/mkSECRETq9zAB')).toBe('Cannot POST /rest/1/***')
    expect(redactor.text('path /rest/1/mkSECRETq9…')).toBe('path /rest/1/***…')
    expect(redactor.text('path /rest/1/mkSECRETq9z... more')).toBe('path /rest/1/***... more')
    // Too short a start to mean anything, or one that goes on with other text: kept.
    expect(redactor.text('mkSECRE')).toBe('mkSECRE')
    expect(redactor.text('mkSECRETq9 and more')).toBe('mkSECRETq9 and more')
    expect(redactor.value({ got: 4815162342, other: 7 })).toEqual({ got: '***', other: 7 })
  })
})
