/**
 * The PHP-style form codec: `application/x-www-form-urlencoded` with bracket keys
 * (`FIELDS[KEY][0]=v`), as PHP's `http_build_query` writes it and `parse_str` reads it.
 * Bitrix24 reads form request bodies this way and pushes event bodies this way.
 */
import { FormLimitError } from './errors/form-limit-error.ts'

/** A value {@link encodeForm} accepts. `null`, `undefined` and empty lists or objects are left out, as PHP does. */
export type FormInput =
  string | number | bigint | boolean | Date | null | undefined | readonly FormInput[] | { readonly [key: string]: FormInput }

/** A value {@link decodeForm} produces: every scalar is a string. */
export type FormValue = string | FormValue[] | FormObject

/** An object {@link decodeForm} produces. */
export interface FormObject {
  [key: string]: FormValue
}

/**
 * Options for {@link decodeForm} and {@link pickForm}: the bounds PHP puts on a request
 * (`max_input_nesting_level`, `max_input_vars`), and what passing one does.
 */
export interface DecodeFormOptions {
  /** Pairs nested deeper than this many brackets are past the bound, like PHP's `max_input_nesting_level`. Default 64. */
  readonly maxDepth?: number
  /**
   * At most this many pairs are read, like PHP's `max_input_vars` for a request body: every pair
   * counts, an empty one (between `&&`) and one that is then dropped (`=x`) too, but not the nothing
   * after a trailing `&`. Default: no bound.
   */
  readonly maxFields?: number
  /**
   * What passing a bound does. `'drop'` (the default, as PHP does): a pair deeper than `maxDepth` is
   * left out, and reading stops after `maxFields` pairs. `'throw'`: a {@link FormLimitError} (`limit`
   * `'depth'` or `'fields'`), and nothing after the offending pair is read.
   */
  readonly onLimit?: 'drop' | 'throw'
}

/** Keys that would reach an object's prototype. A pair that names one anywhere in its key is dropped. */
const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** PHP `urlencode`: letters, digits and `-_.` as is, space as `+`, everything else as UTF-8 `%XX`. */
function phpUrlEncode(text: string): string {
  return encodeURIComponent(text.replace(loneSurrogate, '\uFFFD'))
    .replace(/[!'()*~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}

function isPlainObject(value: object): value is Readonly<Record<string, FormInput>> {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function scalarText(value: string | number | bigint | boolean | Date, key: string): string {
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Cannot form-encode ${key}: ${value} is not a finite number`)
    return String(value)
  }
  if (Number.isNaN(value.getTime())) throw new TypeError(`Cannot form-encode ${key}: invalid Date`)
  return value.toISOString()
}

/**
 * Encodes params as a PHP-style form body, like `http_build_query`: nested objects and lists become
 * bracket keys, `true`/`false` become `1`/`0`, and `null`, `undefined` and empty lists or objects are
 * left out. Brackets stay readable; key parts and values are percent-encoded.
 *
 * @example
 * ```ts
 * import { encodeForm } from '@b24bot/core'
 *
 * encodeForm({ FIELDS: { TITLE: 'Hi there', USERS: [1, 2] }, SILENT: true })
 * // 'FIELDS[TITLE]=Hi+there&FIELDS[USERS][0]=1&FIELDS[USERS][1]=2&SILENT=1'
 * ```
 */
export function encodeForm(params: Readonly<Record<string, FormInput>>): string {
  const pairs: string[] = []
  const path: Set<object> = new Set()

  const walk = (key: string, value: FormInput): void => {
    if (value === null || value === undefined) return
    if (typeof value !== 'object' || value instanceof Date) {
      pairs.push(`${key}=${phpUrlEncode(scalarText(value, key))}`)
      return
    }
    if (!Array.isArray(value) && !isPlainObject(value)) {
      throw new TypeError(`Cannot form-encode ${key}: only plain objects, lists and scalars can be encoded`)
    }
    if (path.has(value)) throw new TypeError(`Cannot form-encode ${key}: the value refers to itself`)
    path.add(value)
    const entries: [string, FormInput][] = Array.isArray(value)
      ? (value as readonly FormInput[]).map((item, index) => [String(index), item])
      : Object.entries(value)
    for (const [childKey, child] of entries) walk(`${key}[${phpUrlEncode(childKey)}]`, child)
    path.delete(value)
  }

  for (const [key, value] of Object.entries(params)) walk(phpUrlEncode(key), value)
  return pairs.join('&')
}

const PLUS = 0x2b
const PERCENT = 0x25
const SPACE = 0x20
const OPEN = 0x5b

/** The value of a hex digit's char code, or -1. */
function hexValue(char: number): number {
  if (char >= 0x30 && char <= 0x39) return char - 0x30
  if (char >= 0x41 && char <= 0x46) return char - 0x37
  if (char >= 0x61 && char <= 0x66) return char - 0x57
  return -1
}

const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { ignoreBOM: true })
/** Up to this many ASCII bytes, {@link decodeBytes} makes the text from char codes. */
const SHORT = 64
/** The bytes {@link decodeBytes} writes to, reused up to this size. */
const SCRATCH_LIMIT = 1 << 16
let scratch = /* @__PURE__ */ new Uint8Array(1024)

/**
 * PHP `urldecode` of `text[start, end)` in one pass and one native decode: `+` and each valid `%XX`
 * become their byte, every other character its UTF-8 bytes, and `TextDecoder` reads it all. That is
 * exactly decoding each run of `%XX` on its own (a character between two runs ends the first one
 * with U+FFFD when it is incomplete, just as the end of a run does, since no character's UTF-8 starts
 * with a continuation byte). `undefined` for a lone surrogate, which UTF-8 cannot carry.
 */
function decodeBytes(text: string, start: number, end: number): string | undefined {
  const most = (end - start) * 3
  if (most > scratch.length && most <= SCRATCH_LIMIT) scratch = new Uint8Array(most)
  const bytes = most <= scratch.length ? scratch : new Uint8Array(most)
  let length = 0
  let ascii = true
  for (let index = start; index < end; index++) {
    const char = text.charCodeAt(index)
    if (char < 0x80) {
      if (char === PERCENT && index + 2 < end) {
        const high = hexValue(text.charCodeAt(index + 1))
        const low = hexValue(text.charCodeAt(index + 2))
        if (high >= 0 && low >= 0) {
          if (high > 7) ascii = false
          bytes[length++] = (high << 4) | low
          index += 2
          continue
        }
      }
      bytes[length++] = char === PLUS ? SPACE : char
    } else if (char < 0x800) {
      ascii = false
      bytes[length++] = 0xc0 | (char >> 6)
      bytes[length++] = 0x80 | (char & 0x3f)
    } else if (char < 0xd800 || char > 0xdfff) {
      ascii = false
      bytes[length++] = 0xe0 | (char >> 12)
      bytes[length++] = 0x80 | ((char >> 6) & 0x3f)
      bytes[length++] = 0x80 | (char & 0x3f)
    } else {
      const next = index + 1 < end ? text.charCodeAt(index + 1) : 0
      if (char > 0xdbff || next < 0xdc00 || next > 0xdfff) return undefined
      ascii = false
      const codePoint = 0x10000 + ((char - 0xd800) << 10) + (next - 0xdc00)
      bytes[length++] = 0xf0 | (codePoint >> 18)
      bytes[length++] = 0x80 | ((codePoint >> 12) & 0x3f)
      bytes[length++] = 0x80 | ((codePoint >> 6) & 0x3f)
      bytes[length++] = 0x80 | (codePoint & 0x3f)
      index++
    }
  }
  if (!ascii || length > SHORT) return utf8.decode(bytes.subarray(0, length))
  // Short ASCII (a key, a number) costs less as char codes than as a call to the decoder.
  let out = ''
  for (let index = 0; index < length; index++) out += String.fromCharCode(bytes[index] ?? 0)
  return out
}

/** A lone surrogate, kept as a separate piece when text is split on it. */
const loneSurrogatePiece = /([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/

/**
 * PHP `urldecode` of text that holds lone surrogates, which UTF-8 cannot carry: each is kept as it is,
 * and the text between them decoded. (Only a string made in code can hold one: text decoded from
 * bytes never does.)
 */
function decodeAround(text: string): string {
  return text
    .split(loneSurrogatePiece)
    .map((piece, index) => (index % 2 === 1 ? piece : (decodeBytes(piece, 0, piece.length) ?? piece)))
    .join('')
}

/** Each run of valid `%XX`: decoded on its own, it is what the one-pass decode makes of it (see {@link decodeBytes}). */
const escapeRuns = /(?:%[0-9A-Fa-f]{2})+/g
/** From this many characters, {@link Scanner.decode} decodes with native searches ({@link decodeLong}). */
const LONG = 4096

/** The bytes of a run of `%XX`. */
function runBytes(run: string): Uint8Array {
  const bytes = new Uint8Array(run.length / 3)
  for (let index = 0; index < bytes.length; index++)
    bytes[index] = (hexValue(run.charCodeAt(index * 3 + 1)) << 4) | hexValue(run.charCodeAt(index * 3 + 2))
  return bytes
}

/**
 * PHP `urldecode` of a long text, with native searches: `+` replaced, each run of `%XX` decoded on its
 * own, the rest (lone surrogates too) kept as it is. The same text as {@link decodeBytes} makes, in
 * time spent on the escapes only: a megabyte of `+` or of lone `%` is a scan.
 */
function decodeLong(text: string): string {
  const spaced = text.includes('+') ? spacesFor(text) : text
  return spaced.includes('%') ? spaced.replace(escapeRuns, (run) => utf8.decode(runBytes(run))) : spaced
}

const utf8Encoder = /* @__PURE__ */ new TextEncoder()

/** `text` with each `+` a space: through its UTF-8 bytes (natively), unless it holds a lone surrogate, which they cannot carry. */
function spacesFor(text: string): string {
  if (loneSurrogatePiece.test(text)) return text.replaceAll('+', ' ')
  const bytes = utf8Encoder.encode(text)
  for (let index = 0; index < bytes.length; index++) if (bytes[index] === PLUS) bytes[index] = SPACE
  return utf8.decode(bytes)
}

/**
 * Reads a body's pairs left to right. It remembers where the next `=` and `%` and `+` are, so each
 * is searched for once in the whole body: finding them never rescans text, whatever the body's shape.
 */
class Scanner {
  readonly #body: string
  #nextEquals = -1
  #nextPercent = -1
  #nextPlus = -1

  constructor(body: string) {
    this.#body = body
  }

  /** The position of the first `=` in `[start, end)`, or -1. Calls must come with growing `start`. */
  equals(start: number, end: number): number {
    if (this.#nextEquals < start) this.#nextEquals = this.#find('=', start)
    return this.#nextEquals < end ? this.#nextEquals : -1
  }

  /**
   * `[start, end)` of the body decoded like PHP `urldecode`: `+` is a space, each run of valid `%XX` is
   * UTF-8 bytes, and a `%` not followed by two hex digits stays. Calls must come with growing `start`.
   */
  decode(start: number, end: number): string {
    const body = this.#body
    if (this.#nextPercent < start) this.#nextPercent = this.#find('%', start)
    if (this.#nextPlus < start) this.#nextPlus = this.#find('+', start)
    if (this.#nextPercent >= end && this.#nextPlus >= end) return body.slice(start, end)
    if (end - start >= LONG) return decodeLong(body.slice(start, end))
    return decodeBytes(body, start, end) ?? decodeAround(body.slice(start, end))
  }

  #find(char: string, start: number): number {
    const found = this.#body.indexOf(char, start)
    return found === -1 ? this.#body.length : found
  }
}

/** The first character that is not a space; -1 when none (a key of spaces only: its base is empty). */
const notSpace = /[^ ]/

/** `text[start, end)` with spaces and dots as `_`, as PHP spells a variable name. */
function underscored(text: string, start: number, end: number): string {
  const name = start === 0 && end === text.length ? text : text.slice(start, end)
  return name.includes(' ') || name.includes('.') ? name.replace(/[ .]/g, '_') : name
}

/** Whether a key names `__proto__`, `constructor` or `prototype` (with the cheap test first). */
function isForbidden(key: string): boolean {
  return (key.length === 9 || key.length === 11) && forbiddenKeys.has(key)
}

/**
 * The variable PHP registers for a decoded key: a base name (leading spaces skipped, `.` and space
 * as `_`), then the bracket segments (`null` for `[]`). A `[` with no `]` after it is not a bracket
 * (`a[b` is `a_b`); reading stops at the first malformed bracket (`a[b]x` is `a[b]`).
 */
class KeyReader {
  /** The base name; `''` when the key has none, and the pair is dropped. */
  base = ''
  /** How many segments were read into `segments`. */
  count = 0
  /** The segments, `null` for `[]`; only the first `count` belong to the key last read. */
  readonly segments: (string | null)[] = []
  #name = ''
  /** Where the first bracket of the key last read is, or -1 when it has none. */
  #open = -1

  /** Reads the base name of a decoded key. */
  readBase(name: string): void {
    this.#name = name
    this.#open = -1
    this.count = 0
    let start = 0
    if (name.charCodeAt(0) === SPACE) {
      start = name.search(notSpace)
      if (start === -1) start = name.length
    }
    const open = name.indexOf('[', start)
    if (open === -1) {
      this.base = underscored(name, start, name.length)
      return
    }
    const head = underscored(name, start, open)
    if (!name.includes(']', open + 1)) {
      // No closing bracket at all: PHP turns the `[` into `_` and keeps the rest verbatim.
      this.base = `${head}_${name.slice(open + 1)}`
      return
    }
    this.base = head
    this.#open = open
  }

  /** Reads the segments of the key whose base was just read, at most `limit + 1` of them: more are as bad. */
  readSegments(limit: number): void {
    const name = this.#name
    let position = this.#open
    if (position === -1) return
    while (name.charCodeAt(position) === OPEN && this.count <= limit) {
      const close = name.indexOf(']', position + 1)
      if (close === -1) break
      this.segments[this.count++] = close === position + 1 ? null : name.slice(position + 1, close)
      position = close + 1
    }
  }

  /** Whether the base or a segment names `__proto__`, `constructor` or `prototype`. */
  forbidden(): boolean {
    if (isForbidden(this.base)) return true
    for (let index = 0; index < this.count; index++) {
      const segment = this.segments[index]
      if (segment !== null && segment !== undefined && isForbidden(segment)) return true
    }
    return false
  }
}

/** The number a key counts as for PHP's next free index: a canonical non-negative integer, else NaN. */
function indexNumber(key: string): number {
  const length = key.length
  const first = key.charCodeAt(0)
  if (first === 0x30) return length === 1 ? 0 : Number.NaN
  if (!(first >= 0x31 && first <= 0x39)) return Number.NaN
  for (let index = 1; index < length; index++) {
    const char = key.charCodeAt(index)
    if (char < 0x30 || char > 0x39) return Number.NaN
  }
  return Number(key)
}

/** Above this many nested arrays a PHP array finds one with a map instead of a scan. */
const SCAN_LIMIT = 8

/**
 * A PHP array while it is being built. While its keys are 0..n-1 in insertion order it is a list:
 * `values` alone, each at its index, and that very array is the output. Once a key breaks the
 * pattern it keeps `keys` beside `values`, a pair per assignment (a key set twice is there twice: the
 * output object takes the last value at the first place, as PHP does), and is output as an object.
 * `next` is the index `[]` appends at. The nested arrays that are still current are kept apart, for
 * `child` to find.
 */
class PhpArray {
  readonly values: (FormValue | PhpArray)[] = []
  /** The key of each value; `undefined` while the array is a list. */
  keys: string[] | undefined
  next = 0
  /** The nested arrays still current, by key (a scan up to SCAN_LIMIT of them, then a map). */
  #childKeys: string[] | undefined
  #children: PhpArray[] | undefined
  #childIndex: Map<string, PhpArray> | undefined

  /** The nested array current at `key`, if any. */
  #child(key: string): PhpArray | undefined {
    if (this.#childIndex !== undefined) return this.#childIndex.get(key)
    const keys = this.#childKeys
    if (keys === undefined) return undefined
    // Latest first: keys of a body come grouped, so the one wanted is most often the last made.
    for (let at = keys.length - 1; at >= 0; at--) if (keys[at] === key) return this.#children?.[at]
    return undefined
  }

  /** Records that `key` now holds `child` (or, with `undefined`, a string). */
  #setChild(key: string, child: PhpArray | undefined): void {
    if (this.#childIndex !== undefined) {
      if (child === undefined) this.#childIndex.delete(key)
      else this.#childIndex.set(key, child)
      return
    }
    const keys = (this.#childKeys ??= [])
    const children = (this.#children ??= [])
    const at = keys.lastIndexOf(key)
    if (child === undefined) {
      if (at !== -1) {
        keys.splice(at, 1)
        children.splice(at, 1)
      }
    } else if (at !== -1) children[at] = child
    else if (keys.length < SCAN_LIMIT) {
      keys.push(key)
      children.push(child)
    } else {
      const index: Map<string, PhpArray> = new Map()
      keys.forEach((name, at) => {
        const existing = children[at]
        if (existing !== undefined) index.set(name, existing)
      })
      index.set(key, child)
      this.#childIndex = index
    }
  }

  /** Sets `key` (`null`: the next index, as `[]` does) to `value`. */
  set(key: string | null, value: string | PhpArray): void {
    const name = key ?? String(this.next)
    const number = indexNumber(name)
    if (number >= this.next) this.next = number + 1
    const values = this.values
    let keys = this.keys
    if (keys === undefined) {
      if (number < values.length) {
        values[number] = value
        return
      }
      if (number === values.length) {
        values.push(value)
        return
      }
      keys = this.keys = Array.from({ length: values.length }, (_, index) => String(index))
      values.forEach((item, index) => {
        if (item instanceof PhpArray) this.#setChild(String(index), item)
      })
    }
    if (typeof value !== 'string') this.#setChild(name, value)
    else if (this.#childKeys !== undefined || this.#childIndex !== undefined) this.#setChild(name, undefined)
    keys.push(name)
    values.push(value)
  }

  /** The array nested under `key` (`null`: a new one at the next index), made if missing; a string in its way is replaced, as in PHP. */
  child(key: string | null): PhpArray {
    if (key !== null) {
      const existing = this.keys === undefined ? this.values[indexNumber(key)] : this.#child(key)
      if (existing instanceof PhpArray) return existing
    }
    const created = new PhpArray()
    this.set(key, created)
    return created
  }

  /** What the array is output as: a list when its keys are 0..n-1 in order, as `json_encode` would, else an object. Called once. */
  toValue(): FormValue[] | FormObject {
    if (this.keys !== undefined) return this.toObject()
    const values = this.values
    for (let at = 0; at < values.length; at++) {
      const value = values[at]
      if (value instanceof PhpArray) values[at] = value.toValue()
    }
    return values as FormValue[]
  }

  /** The array as an object, whatever its keys. Called once. */
  toObject(): FormObject {
    const { keys, values } = this
    const object: FormObject = {}
    for (let at = 0; at < values.length; at++) {
      const value = values[at]
      if (value !== undefined)
        object[keys === undefined ? String(at) : (keys[at] ?? '')] = value instanceof PhpArray ? value.toValue() : value
    }
    return object
  }
}

/** A run of `&`, matched where `lastIndex` says. */
const ampersands = /&+/y

/** How many `&` there are in a row from `position` (which holds one). */
function emptyPairs(body: string, position: number): number {
  ampersands.lastIndex = position
  return ampersands.exec(body)?.[0].length ?? 1
}

/** The bounds of one decoding, checked. */
interface Limits {
  readonly maxDepth: number
  readonly maxFields: number
  readonly strict: boolean
}

function limitsOf(options: DecodeFormOptions): Limits {
  const maxDepth = options.maxDepth ?? 64
  const maxFields = options.maxFields ?? Number.POSITIVE_INFINITY
  const bound = (value: number): boolean => value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= 0)
  if (!bound(maxDepth)) throw new RangeError(`maxDepth must be a non-negative integer, got ${String(maxDepth)}`)
  if (!bound(maxFields)) throw new RangeError(`maxFields must be a non-negative integer, got ${String(maxFields)}`)
  return { maxDepth, maxFields, strict: options.onLimit === 'throw' }
}

/**
 * Decodes a PHP-style form body, like `parse_str`: bracket keys nest, `[]` appends, lists with keys
 * 0..n-1 become arrays, every scalar is a string, and `.` or space in a top-level name becomes `_`.
 * A pair whose key names `__proto__`, `constructor` or `prototype` is dropped, so nothing decoded
 * can reach an object's prototype.
 *
 * Bounds, as PHP bounds a request: a pair nested deeper than `maxDepth` (default 64) is dropped, and
 * reading stops after `maxFields` pairs (default: no bound). With `onLimit: 'throw'` passing either
 * bound throws a {@link FormLimitError} instead, and nothing after it is read. Time is linear in the
 * body whatever its shape.
 *
 * @throws {FormLimitError} with `onLimit: 'throw'`, for more than `maxFields` pairs or a key deeper than `maxDepth`.
 *
 * @example
 * ```ts
 * import { decodeForm } from '@b24bot/core'
 *
 * decodeForm('event=ONIMBOTMESSAGEADD&data[PARAMS][MESSAGE]=hi&data[USERS][]=1')
 * // { event: 'ONIMBOTMESSAGEADD', data: { PARAMS: { MESSAGE: 'hi' }, USERS: ['1'] } }
 *
 * // An intake on the internet: refuse what PHP would not have sent.
 * declare const body: string // the request body
 * decodeForm(body, { maxFields: 1000, maxDepth: 64, onLimit: 'throw' })
 * ```
 */
export function decodeForm(body: string, options: DecodeFormOptions = {}): FormObject {
  const { maxDepth, maxFields, strict } = limitsOf(options)
  const scanner = new Scanner(body)
  const key = new KeyReader()
  const root = new PhpArray()
  readEach(body, maxFields, strict, (start, end) => {
    const equals = scanner.equals(start, end)
    key.readBase(scanner.decode(start, equals === -1 ? end : equals))
    if (key.base === '') return
    key.readSegments(maxDepth)
    if (key.count > maxDepth) {
      if (strict) throw new FormLimitError({ limit: 'depth', max: maxDepth })
      return
    }
    if (key.forbidden()) return
    let target = root
    let name: string | null = key.base
    for (let index = 0; index < key.count; index++) {
      target = target.child(name)
      name = key.segments[index] ?? null
    }
    target.set(name, equals === -1 ? '' : scanner.decode(equals + 1, end))
  })
  return root.toObject()
}

/** What {@link pickForm} finds at a path that holds a list or an object (`auth[application_token][]=x`). */
export interface FormNotText {
  /** Always `true`: the marker that tells this apart from a string. */
  readonly notText: true
}

/**
 * What {@link pickForm} finds at a path: the string `decodeForm` would put there, `undefined` when it
 * would put nothing, or {@link FormNotText} when it would put a list or an object.
 */
export type FormPick = string | undefined | FormNotText

const notText: FormNotText = /* @__PURE__ */ Object.freeze({ notText: true })

const ABSENT = 0
const TEXT = 1
const ARRAY = 2

/**
 * One path being picked, followed along the pairs as `decodeForm` would build it: for each level,
 * what is there (nothing, text, an array) and, for an array, its next index for `[]`.
 */
class Picked {
  readonly keys: readonly string[]
  /** `kinds[i]`: what is at `keys[i - 1]` of the level above (`kinds[0]` is the body itself). */
  readonly kinds: Uint8Array
  readonly nexts: number[]
  text = ''

  constructor(keys: readonly string[]) {
    this.keys = keys
    this.kinds = new Uint8Array(keys.length + 1)
    this.kinds[0] = ARRAY
    this.nexts = Array.from({ length: keys.length + 1 }, () => 0)
  }

  /** Applies one accepted pair (its base is `keys[0]`); `value` decodes the pair's value, when needed. */
  apply(key: KeyReader, value: () => string): void {
    const { keys, kinds, nexts } = this
    const last = keys.length - 1
    for (let level = 0; ; level++) {
      let name: string
      let appended = false
      if (level === 0) name = key.base
      else {
        const segment = key.segments[level - 1] ?? null
        appended = segment === null
        name = segment ?? String(nexts[level])
        const number = indexNumber(name)
        if (number >= (nexts[level] ?? 0)) nexts[level] = number + 1
      }
      if (name !== keys[level]) return
      if (level < key.count) {
        // The pair goes on into an array at this path's key: the one there, or a new one.
        if (appended || kinds[level + 1] !== ARRAY) {
          kinds[level + 1] = ARRAY
          nexts[level + 1] = 0
          kinds.fill(ABSENT, level + 2)
        }
        if (level === last) return
      } else {
        kinds[level + 1] = TEXT
        kinds.fill(ABSENT, level + 2)
        if (level === last) this.text = value()
        return
      }
    }
  }

  get result(): FormPick {
    const kind = this.kinds[this.keys.length]
    return kind === TEXT ? this.text : kind === ARRAY ? notText : undefined
  }
}

/** The keys of a path such as `auth[application_token]`: `['auth', 'application_token']`. */
function pathKeys(path: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]+\])*)$/.exec(path)
  const keys = match ? [match[1] ?? '', ...[...(match[2] ?? '').matchAll(/\[([^[\]]+)\]/g)].map((part) => part[1] ?? '')] : []
  if (keys.length === 0 || keys.some((key) => forbiddenKeys.has(key))) {
    throw new TypeError(
      `pickForm: ${JSON.stringify(path)} is not a path; write one as name[key][key], with no [] and no __proto__, constructor or prototype`,
    )
  }
  return keys
}

/** Calls `take` for each non-empty pair of the body, in order, within `maxFields` (passing it stops, or throws when `strict`), as {@link decodeForm} reads. */
function readEach(body: string, maxFields: number, strict: boolean, take: (start: number, end: number) => void): void {
  const length = body.length
  let fields = 0
  let position = 0
  while (position < length) {
    let end = body.indexOf('&', position)
    if (end === position) {
      const empty = emptyPairs(body, position)
      fields += empty
      if (fields > maxFields) {
        if (strict) throw new FormLimitError({ limit: 'fields', max: maxFields })
        return
      }
      position += empty
      continue
    }
    if (end === -1) end = length
    if (++fields > maxFields) {
      if (strict) throw new FormLimitError({ limit: 'fields', max: maxFields })
      return
    }
    take(position, end)
    position = end + 1
  }
}

/** Where reading stops after `maxFields` pairs, empty ones counted: the start of the next pair, or the end of the body. */
function fieldsEnd(body: string, maxFields: number): number {
  if (maxFields === Number.POSITIVE_INFINITY) return body.length
  let position = 0
  for (let fields = 0; fields < maxFields && position < body.length; fields++) {
    const end = body.indexOf('&', position)
    position = end === -1 ? body.length : end + 1
  }
  return position
}

/**
 * What a pair must contain, as written in the body, to be able to have one of `bases` as its base: a
 * `%` (its key may decode to anything), or the base's text up to its first `_`, which the key holds
 * as is (`_` may also come from `.`, a space or a lone `[`). `undefined` when that text is empty or
 * holds an `&`: then every pair is read.
 */
function searchTexts(bases: Iterable<string>): string[] | undefined {
  const texts: Set<string> = new Set(['%'])
  for (const base of bases) {
    const underscore = base.indexOf('_')
    const text = underscore === -1 ? base : base.slice(0, underscore)
    if (text === '' || text.includes('&')) return undefined
    texts.add(text)
  }
  return [...texts]
}

/**
 * Calls `take` for each pair that starts before `limit` and contains one of `searches`, in order.
 * Each search text is looked for once through the body (natively), so the pairs in between cost
 * nothing: a megabyte of pairs that name none of the paths is passed over in about a millisecond.
 */
function readWhere(body: string, limit: number, searches: readonly string[], take: (start: number, end: number) => void): void {
  const found = searches.map(() => -1)
  let position = 0
  while (position < limit) {
    let at = limit
    for (let index = 0; index < searches.length; index++) {
      let next = found[index] ?? -1
      if (next < position) {
        next = body.indexOf(searches[index] ?? '', position)
        found[index] = next = next === -1 ? body.length : next
      }
      if (next < at) at = next
    }
    if (at >= limit) return
    const start = Math.max(position, body.lastIndexOf('&', at - 1) + 1)
    let end = body.indexOf('&', at)
    if (end === -1) end = body.length
    take(start, end)
    position = end + 1
  }
}

/** The length of the longest base of the paths picked. */
function longestBase(bases: Iterable<string>): number {
  return Math.max(0, ...[...bases].map((base) => base.length))
}

/** The raw length (1 or 3) of a `[` (`[`, `%5B`, `%5b`) at `at`, or 0. */
function openAt(body: string, at: number): number {
  const char = body.charCodeAt(at)
  if (char === OPEN) return 1
  return char === 0x25 && body.charCodeAt(at + 1) === 0x35 && (body.charCodeAt(at + 2) | 0x20) === 0x62 ? 3 : 0
}

/** The raw length (1 or 3) of a `]` (`]`, `%5D`, `%5d`) at `at`, or 0. */
function closeAt(body: string, at: number): number {
  const char = body.charCodeAt(at)
  if (char === 0x5d) return 1
  return char === 0x25 && body.charCodeAt(at + 1) === 0x35 && (body.charCodeAt(at + 2) | 0x20) === 0x64 ? 3 : 0
}

/**
 * Finds raw brackets in one body, natively: `next(from, end)` is the first raw position of a match in
 * `[from, end)`, or -1. Calls must come with growing `from`; the last match found is kept, so a body
 * is searched through at most once, however many pairs ask.
 */
class RawSearch {
  readonly #body: string
  readonly #pattern: RegExp
  #found = -1

  constructor(body: string, pattern: RegExp) {
    this.#body = body
    this.#pattern = new RegExp(pattern.source, 'g')
  }

  next(from: number, end: number): number {
    if (this.#found < from) {
      this.#pattern.lastIndex = from
      this.#found = this.#pattern.exec(this.#body)?.index ?? this.#body.length
    }
    return this.#found < end ? this.#found : -1
  }
}

/** Leading spaces, as written: each a `+` or `%20`; a few thousand at a time, as a longer run would overflow the regexp's stack. */
const rawSpaces = /(?:\+|%20){0,4096}/y

/** Where the raw key starting at `start` starts once PHP dropped its leading spaces (they never run past its `=` or `&`). */
function afterSpaces(body: string, start: number): number {
  let at = start
  for (;;) {
    const char = body.charCodeAt(at)
    if (char !== 0x2b && (char !== 0x25 || !body.startsWith('20', at + 1))) return at
    rawSpaces.lastIndex = at
    rawSpaces.test(body)
    at = rawSpaces.lastIndex
  }
}

/**
 * The depth `decodeForm` reads from a raw key whose first `[` is at `open` (before `end`), without
 * decoding it: a decoded `[` or `]` comes only from a raw `[`/`%5B` or `]`/`%5D` (byte 0x5B or 0x5D is
 * never part of another UTF-8 character), so the brackets' structure is the raw one. At most `limit + 1`.
 */
function rawDepth(body: string, closes: RawSearch, open: number, end: number, limit: number): number {
  let depth = 0
  let position = open
  for (let length = openAt(body, position); length !== 0 && position < end && depth <= limit; length = openAt(body, position)) {
    const close = closes.next(position + length, end)
    // No closing bracket after the first: PHP keeps the rest in the base, with no segments.
    if (close === -1) return depth
    depth += 1
    position = close + closeAt(body, close)
  }
  return depth
}

/**
 * The strict picker's `take`, screened: a pair whose raw key cannot reach a picked path (none of the
 * search texts in it, or a decoded base longer than the longest picked one) and cannot pass the depth
 * bound is counted but never decoded. So a megabyte of `%`, `+` or `[` costs a scan, not a decode.
 */
function screened(
  body: string,
  scanner: Scanner,
  searches: readonly string[],
  maxDepth: number,
  longestBase: number,
  take: (start: number, end: number) => void,
): (start: number, end: number) => void {
  const found = searches.map(() => -1)
  // The two hex digits of a `%XX` are never a bracket or `%`, so a match is always where a token starts.
  const opens = new RawSearch(body, /\[|%5[Bb]/)
  const closes = new RawSearch(body, /\]|%5[Dd]/)
  const names = (start: number, end: number): boolean => {
    for (let index = 0; index < searches.length; index++) {
      let next = found[index] ?? -1
      if (next < start) found[index] = next = body.indexOf(searches[index] ?? '', start)
      if (next === -1) found[index] = next = body.length
      if (next < end) return true
    }
    return false
  }
  return (start, end) => {
    const equals = scanner.equals(start, end)
    const keyEnd = equals === -1 ? end : equals
    // Leading spaces are dropped before anything else, so the pair is read from its first other character.
    const head = afterSpaces(body, start)
    // No base (empty, or only spaces before the first `[`): dropped before its depth counts.
    if (head === keyEnd || openAt(body, head) !== 0) return
    const open = opens.next(head, keyEnd)
    const depth = open === -1 ? 0 : rawDepth(body, closes, open, keyEnd, maxDepth)
    // Past the bound: the decoding path throws, exactly as decodeForm does.
    if (depth > maxDepth) {
      take(head, end)
      return
    }
    // A base is the key up to its first `[`, or more: when that much already decodes to more than the
    // longest picked base (a UTF-16 unit is at most 9 raw characters: `%E2%82%AC`), no path is reached.
    if (((open === -1 ? keyEnd : open) - head) / 9 > longestBase) return
    if (names(head, keyEnd)) take(head, end)
  }
}

/**
 * Reads the values at a few exact paths of a form body without decoding the rest: each path's value
 * is exactly what {@link decodeForm} (with the same options) would put there, `undefined` when it would
 * put nothing, and {@link FormNotText} when it would put a list or an object
 * (`auth[application_token][]=x`). Only the values it returns are decoded; time is linear in the
 * body, and small: enough to authenticate a request before spending anything on it.
 *
 * Paths are written as keys: `event`, `auth[application_token]`, `data[BOT][39][BOT_ID]`.
 *
 * @throws {TypeError} for a path that is not `name[key]...` (no `[]`, no prototype names).
 * @throws {FormLimitError} with `onLimit: 'throw'`, where `decodeForm` would throw it.
 *
 * @example
 * ```ts
 * import { decodeForm, pickForm } from '@b24bot/core'
 * import { decodeEvent } from '@b24bot/imbot'
 * import { sameToken } from '@b24bot/bot'
 *
 * async function intake(body: string, applicationToken: string): Promise<Response> {
 *   const picked = pickForm(body, ['event', 'auth[application_token]', 'auth[member_id]'])
 *   const token = picked['auth[application_token]']
 *   if (typeof token !== 'string' || !sameToken(token, applicationToken)) return new Response(null, { status: 401 })
 *   const event = decodeEvent(decodeForm(body, { maxFields: 1000, maxDepth: 64, onLimit: 'throw' }))
 *   return Response.json({ event: event.event })
 * }
 * ```
 */
export function pickForm<const Paths extends readonly string[]>(
  body: string,
  paths: Paths,
  options: DecodeFormOptions = {},
): Readonly<Record<Paths[number], FormPick>> {
  const { maxDepth, maxFields, strict } = limitsOf(options)
  const byBase: Map<string, Picked[]> = new Map()
  const picks: Map<string, Picked> = new Map()
  for (const path of paths) {
    if (picks.has(path)) continue
    const picked = new Picked(pathKeys(path))
    picks.set(path, picked)
    const base = picked.keys[0] ?? ''
    const list = byBase.get(base)
    if (list) list.push(picked)
    else byBase.set(base, [picked])
  }
  const scanner = new Scanner(body)
  const key = new KeyReader()
  // Every pair's depth matters only when passing it throws; otherwise only a pair that may reach a path is read.
  const everyDepth = strict && maxDepth !== Number.POSITIVE_INFINITY
  // A key never decodes to more characters than it is written with, and a base is no longer than its key.
  const shortest = Math.min(...[...byBase.keys()].map((base) => base.length))
  /** Reads one pair (`start < end`), in body order, into the paths it reaches. */
  const take = (start: number, end: number): void => {
    const equals = scanner.equals(start, end)
    const keyEnd = equals === -1 ? end : equals
    if (keyEnd - start < shortest && !everyDepth) return
    key.readBase(scanner.decode(start, keyEnd))
    if (key.base === '') return
    const targets = byBase.get(key.base)
    if (!targets && !everyDepth) return
    key.readSegments(maxDepth)
    if (key.count > maxDepth) {
      if (strict) throw new FormLimitError({ limit: 'depth', max: maxDepth })
      return
    }
    if (!targets || key.forbidden()) return
    let value: string | undefined
    const valueOf = (): string => (value ??= equals === -1 ? '' : scanner.decode(equals + 1, end))
    for (const picked of targets) picked.apply(key, valueOf)
  }
  const searches = searchTexts(byBase.keys())
  if (strict && everyDepth && searches !== undefined)
    readEach(body, maxFields, strict, screened(body, scanner, searches, maxDepth, longestBase(byBase.keys()), take))
  else if (strict || searches === undefined) readEach(body, maxFields, strict, take)
  else readWhere(body, fieldsEnd(body, maxFields), searches, take)
  const result: Record<string, FormPick> = {}
  for (const [path, picked] of picks) result[path] = picked.result
  return result as Readonly<Record<Paths[number], FormPick>>
}
