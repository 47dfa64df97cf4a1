/**
 * The PHP-style form codec: `application/x-www-form-urlencoded` with bracket keys
 * (`FIELDS[KEY][0]=v`), as PHP's `http_build_query` writes it and `parse_str` reads it.
 * Bitrix24 reads form request bodies this way and pushes event bodies this way.
 */

/** A value {@link encodeForm} accepts. `null`, `undefined` and empty lists or objects are left out, as PHP does. */
export type FormInput =
  | string
  | number
  | bigint
  | boolean
  | Date
  | null
  | undefined
  | readonly FormInput[]
  | { readonly [key: string]: FormInput }

/** A value {@link decodeForm} produces: every scalar is a string. */
export type FormValue = string | FormValue[] | FormObject

/** An object {@link decodeForm} produces. */
export interface FormObject {
  [key: string]: FormValue
}

/** Options for {@link decodeForm}. */
export interface DecodeFormOptions {
  /** Pairs nested deeper than this many brackets are dropped, like PHP's `max_input_nesting_level`. Default 64. */
  readonly maxDepth?: number
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

const utf8 = new TextDecoder('utf-8')

/** PHP `urldecode`: `+` is a space, valid `%XX` runs are UTF-8 bytes (bad UTF-8 becomes U+FFFD), anything else stays. */
function phpUrlDecode(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text
  return text.replace(/\+/g, ' ').replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3)
    for (let index = 0; index < bytes.length; index++) bytes[index] = Number.parseInt(run.slice(index * 3 + 1, index * 3 + 3), 16)
    return utf8.decode(bytes)
  })
}

/** A PHP array while it is being built: ordered keys, and the next index for `[]`. */
class PhpArray {
  readonly entries: Map<string, PhpArray | string> = new Map()
  nextIndex = 0

  set(key: string | null, value: PhpArray | string): void {
    const name = key ?? String(this.nextIndex)
    if (/^(0|-?[1-9]\d*)$/.test(name)) this.nextIndex = Math.max(this.nextIndex, Number(name) + 1)
    this.entries.set(name, value)
  }

  /** The array nested under `key`, made if missing; a scalar in its way is replaced, as in PHP. */
  child(key: string | null): PhpArray {
    const existing = key === null ? undefined : this.entries.get(key)
    if (existing instanceof PhpArray) return existing
    const created = new PhpArray()
    this.set(key, created)
    return created
  }

  /** Lists (keys 0..n-1 in order) become arrays, everything else objects, as `json_encode` would. */
  toValue(): FormValue[] | FormObject {
    let index = 0
    for (const key of this.entries.keys()) {
      if (key !== String(index++)) return this.toObject()
    }
    return [...this.entries.values()].map(decoded)
  }

  toObject(): FormObject {
    const object: FormObject = {}
    for (const [key, value] of this.entries) object[key] = decoded(value)
    return object
  }
}

function decoded(value: PhpArray | string): FormValue {
  return typeof value === 'string' ? value : value.toValue()
}

/** The variable name PHP registers for a raw key: the base name and the bracket segments (`null` for `[]`). */
function parseKey(name: string): { base: string; segments: (string | null)[] } {
  const trimmed = name.replace(/^ +/, '')
  const open = trimmed.indexOf('[')
  if (open === -1) return { base: trimmed.replace(/[ .]/g, '_'), segments: [] }
  const head = trimmed.slice(0, open).replace(/[ .]/g, '_')
  if (!trimmed.includes(']', open)) {
    // No closing bracket at all: PHP turns the `[` into `_` and keeps the rest verbatim.
    return { base: `${head}_${trimmed.slice(open + 1)}`, segments: [] }
  }
  const segments: (string | null)[] = []
  let position = open
  while (trimmed[position] === '[') {
    const close = trimmed.indexOf(']', position + 1)
    if (close === -1) break
    const segment = trimmed.slice(position + 1, close)
    segments.push(segment === '' ? null : segment)
    position = close + 1
  }
  return { base: head, segments }
}

/**
 * Decodes a PHP-style form body, like `parse_str`: bracket keys nest, `[]` appends, lists with keys
 * 0..n-1 become arrays, every scalar is a string, and `.` or space in a top-level name becomes `_`.
 * A pair whose key names `__proto__`, `constructor` or `prototype` is dropped, so nothing decoded
 * can reach an object's prototype.
 *
 * @example
 * ```ts
 * decodeForm('event=ONIMBOTMESSAGEADD&data[PARAMS][MESSAGE]=hi&data[USERS][]=1')
 * // { event: 'ONIMBOTMESSAGEADD', data: { PARAMS: { MESSAGE: 'hi' }, USERS: ['1'] } }
 * ```
 */
export function decodeForm(body: string, options: DecodeFormOptions = {}): FormObject {
  const maxDepth = options.maxDepth ?? 64
  const root = new PhpArray()
  for (const pair of body.split('&')) {
    if (pair === '') continue
    const equals = pair.indexOf('=')
    const rawName = equals === -1 ? pair : pair.slice(0, equals)
    const value = equals === -1 ? '' : phpUrlDecode(pair.slice(equals + 1))
    const { base, segments } = parseKey(phpUrlDecode(rawName))
    if (base === '' || segments.length > maxDepth) continue
    if (forbiddenKeys.has(base) || segments.some((segment) => segment !== null && forbiddenKeys.has(segment))) continue
    let target = root
    let key: string | null = base
    for (const segment of segments) {
      target = target.child(key)
      key = segment
    }
    target.set(key, value)
  }
  return root.toObject()
}
