/** Removes credentials from text, values and errors before they leave the transport. */
export interface Redactor {
  /**
   * `text` with every secret replaced by `***`, however it is written: as itself, or nested in up to
   * six layers of percent-encoding (either hex case, `%25` for each layer, `+` for a space), JSON
   * escapes (`\uXXXX`, PHP's `\/`, `\"`) and HTML character references (named, decimal, hex), in
   * any order and mix: a batch command's query inside a form body, quoted by a JSON or HTML error
   * page, is found as well as the secret itself. Text without a secret is returned as it is.
   */
  text(text: string): string
  /**
   * A copy of `value` safe to keep: strings (and object keys) redacted, plain objects and lists copied
   * (bounded in depth and size), anything else (class instances, functions) left out.
   */
  value(value: unknown): unknown
  /**
   * A rebuilt copy of an error and its `cause` chain, whether or not a secret shows: name, message,
   * stack and primitive fields (`code`, `errno`, ...) redacted, nested errors rebuilt the same way,
   * every other field (header objects, requests, configs) left out. Anything that is not an error
   * goes through {@link Redactor.value}.
   */
  error(error: unknown): unknown
  /** A redactor that also knows `secrets`. */
  with(secrets: readonly string[]): Redactor
}

const mask = '***'
/** How deep and wide {@link Redactor.value} and {@link Redactor.error} copy. */
const maxDepth = 8
const maxEntries = 100

/**
 * The longest written form of one secret (all its encodings included) that {@link Redactor.text} is
 * sure to find in a text of any length. A longer text is searched in pieces that overlap by this much.
 */
export const maxSecretSpan: number = 16 * 1024
/** The length of the pieces a long text is searched in (each read up to {@link maxSecretSpan} past its end). */
const pieceLength = 64 * 1024
/** How many encodings deep a secret is looked for (a batch command's query, in a form body, quoted by an HTML page, ...). */
const maxLayers = 6
/** How many readings of one piece peeled one kind at a time are searched at most. */
const maxReadings = 128

/** The kinds of encoding peeled off, as bits: percent 1, JSON 2, HTML 4; every kind at once is 7. */
type Layer = number
const percent = 1
const json = 2
const html = 4
const everyKind = 7

/**
 * Named character references that escapers write for characters a secret may hold, each name followed
 * by its character (`amp&lt<...`): as one string, as they cost less than an object literal.
 */
const htmlNames: Readonly<Partial<Record<string, string>>> = /* @__PURE__ */ Object.fromEntries(
  Array.from(
    'amp&lt<gt>quot"apos\'sol/bsol\\excl!lpar(rpar)ast*midast*plus+equals=num#percnt%semi;colon:comma,period.quest?commat@lsqb[rsqb]lbrack[rbrack]lcub{rcub}lbrace{rbrace}verbar|vert|grave`Hat^lowbar_dollar$nbsp\u00a0tilde\u02dc'.matchAll(
      /([A-Za-z]+)([^A-Za-z])/g,
    ),
    ([, name, char]) => [name ?? '', char ?? ''],
  ),
)
/** JSON's one-character escapes: the character after `\\` in `jsonEscapes`, what it stands for at the same place in `jsonChars`. */
const jsonEscapes = '"\'\\/bfnrt'
const jsonChars = '"\'\\/\b\f\n\r\t'
const hexDigits = /^[0-9a-fA-F]+$/
/** `%XX` repeated, as a UTF-8 sequence is written. */
const percentBytes = /^(?:%[0-9a-fA-F]{2})+$/
const htmlReference = /^&(?:#(?:[xX]0*([0-9a-fA-F]{1,6})|0*([0-9]{1,7}))|([A-Za-z]{2,8}));/

/** What one escape sequence at the start of `rest` stands for: its text and its length; `undefined` when there is none. */
type Decoded = readonly [text: string, length: number] | undefined

/** The character written as `digits` hex digits from `at` (`\\uXXXX`, `%uXXXX`, `\\xXX`), taking `length` characters in all. */
function hexAt(text: string, at: number, digits: number, length: number): Decoded {
  const hex = text.slice(at, at + digits)
  return hex.length === digits && hexDigits.test(hex) ? [String.fromCharCode(parseInt(hex, 16)), length] : undefined
}

function percentAt(text: string, at: number): Decoded {
  if (text[at + 1] === 'u' || text[at + 1] === 'U') return hexAt(text, at + 2, 4, 6)
  const lead = hexAt(text, at + 1, 2, 3)?.[0].charCodeAt(0)
  if (lead === undefined) return undefined
  const bytes = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0
  if (bytes === 0) return undefined
  const sequence = text.slice(at, at + 3 * bytes)
  if (sequence.length !== 3 * bytes || !percentBytes.test(sequence)) return undefined
  try {
    return [decodeURIComponent(sequence), sequence.length]
  } catch {
    return undefined
  }
}

function jsonAt(text: string, at: number): Decoded {
  const next = text[at + 1] ?? ''
  if (next === 'u') return hexAt(text, at + 2, 4, 6)
  if (next === 'x') return hexAt(text, at + 2, 2, 4)
  const short = next === '' ? -1 : jsonEscapes.indexOf(next)
  return short === -1 ? undefined : [jsonChars.charAt(short), 2]
}

function htmlAt(text: string, at: number): Decoded {
  const found = htmlReference.exec(text.slice(at, at + 16))
  if (!found) return undefined
  const [whole, hex, decimal, name] = found
  if (name !== undefined) {
    // Own names only: `&toString;` must not find Object.prototype's function and skew the positions.
    const named = Object.hasOwn(htmlNames, name) ? htmlNames[name] : undefined
    return named === undefined ? undefined : [named, whole.length]
  }
  const codePoint = hex === undefined ? Number(decimal) : parseInt(hex, 16)
  return codePoint > 0x10ffff ? undefined : [String.fromCodePoint(codePoint), whole.length]
}

function escapeAt(text: string, at: number, layer: Layer): Decoded {
  const char = text[at]
  if (char === '%' && (layer & percent) !== 0) return percentAt(text, at)
  if (char === '\\' && (layer & json) !== 0) return jsonAt(text, at)
  if (char === '&' && (layer & html) !== 0) return htmlAt(text, at)
  return undefined
}

/**
 * A text as read with some encodings peeled off: its UTF-16 units and, for each, the span of the
 * original text it was written as (`undefined`: the original itself, unit for unit).
 */
interface Reading {
  readonly text: string
  readonly starts: Int32Array | undefined
  readonly ends: Int32Array | undefined
  readonly layers: number
}

/** `reading` with one layer of `layer` escapes decoded, or `undefined` when it holds none. */
function peel(reading: Reading, layer: Layer): Reading | undefined {
  const { text } = reading
  const starts = new Int32Array(text.length)
  const ends = new Int32Array(text.length)
  const parts: string[] = []
  let length = 0
  let changed = false
  let plainFrom = 0
  const startOf = (index: number): number => (reading.starts ? (reading.starts[index] ?? index) : index)
  const endOf = (index: number): number => (reading.ends ? (reading.ends[index] ?? index + 1) : index + 1)
  const keep = (from: number, to: number): void => {
    if (to <= from) return
    parts.push(text.slice(from, to))
    for (let index = from; index < to; index += 1) {
      starts[length] = startOf(index)
      ends[length] = endOf(index)
      length += 1
    }
  }
  for (let at = 0; at < text.length;) {
    const code = text.charCodeAt(at)
    // Only `%`, `\` and `&` open an escape.
    const decoded = code === 37 || code === 92 || code === 38 ? escapeAt(text, at, layer) : undefined
    if (!decoded) {
      at += 1
      continue
    }
    keep(plainFrom, at)
    const [units, span] = decoded
    parts.push(units)
    // Each UTF-16 unit it stands for (two for a character outside the BMP) was written as the whole escape.
    starts.fill(startOf(at), length, length + units.length)
    ends.fill(endOf(at + span - 1), length, length + units.length)
    length += units.length
    changed = true
    at += span
    plainFrom = at
  }
  if (!changed) return undefined
  keep(plainFrom, text.length)
  return { text: parts.join(''), starts: starts.subarray(0, length), ends: ends.subarray(0, length), layers: reading.layers + 1 }
}

const openers = /[%\\&]/
/** The kinds peeled one at a time, for secrets that hold text that reads as an escape (`%41`, `&amp;`). */
const singleLayers: readonly Layer[] = [percent, json, html]

/** Adds the spans `pattern` finds in `reading`, as spans of the original text, to `spans`. */
function collect(reading: Reading, pattern: RegExp, spans: [number, number][]): void {
  pattern.lastIndex = 0
  for (let found = pattern.exec(reading.text); found; found = pattern.exec(reading.text)) {
    const first = found.index
    const last = first + found[0].length - 1
    spans.push([reading.starts ? (reading.starts[first] ?? first) : first, reading.ends ? (reading.ends[last] ?? last + 1) : last + 1])
  }
}

/**
 * The spans of `text` that write a secret. The secret is looked for as it is, and in readings of the
 * text with up to {@link maxLayers} layers of percent-, JSON- and HTML-encoding peeled off:
 * - every kind at once, layer after layer: a secret nested in any order and mix of encodings (a
 *   batch command's query in a form body, quoted by a JSON or HTML error page) is always found;
 * - one kind at a time, in every order, within {@link maxReadings} readings: a secret that itself
 *   holds text reading as an escape (`%41`, `&amp;`), which peeling every kind at once would change.
 */
function spansIn(text: string, { pattern, opens }: Matcher): [number, number][] {
  const spans: [number, number][] = []
  const first: Reading = { text, starts: undefined, ends: undefined, layers: 0 }
  /** Texts already searched (the same text read two ways holds the same spans), and those already peeled further. */
  const searched: Set<string> = new Set([text])
  const expanded: Set<string> = new Set([text])
  collect(first, pattern, spans)
  if (!openers.test(text)) return spans
  for (let reading = peel(first, everyKind); reading; reading = reading.layers < maxLayers ? peel(reading, everyKind) : undefined) {
    searched.add(reading.text)
    collect(reading, pattern, spans)
  }
  // A secret without `%`, `\` or `&` reads the same whatever is peeled with it: peeling every kind at once found it.
  if (!opens) return spans
  const queue: Reading[] = [first]
  for (let next = 0; next < queue.length && queue.length < maxReadings; next += 1) {
    const reading = queue[next]
    if (!reading || reading.layers >= maxLayers || !openers.test(reading.text)) continue
    for (const layer of singleLayers) {
      const peeled = peel(reading, layer)
      if (!peeled || expanded.has(peeled.text)) continue
      expanded.add(peeled.text)
      if (!searched.has(peeled.text)) {
        searched.add(peeled.text)
        collect(peeled, pattern, spans)
      }
      queue.push(peeled)
    }
  }
  return spans
}

/** The spans of secrets in `text`, searched in overlapping pieces when it is long. */
function secretSpans(text: string, matcher: Matcher): [number, number][] {
  if (text.length <= pieceLength + maxSecretSpan) return spansIn(text, matcher)
  const spans: [number, number][] = []
  for (let offset = 0; offset < text.length; offset += pieceLength) {
    // A secret that starts in this piece is found here, even if it runs into the next one.
    for (const [start, end] of spansIn(text.slice(offset, offset + pieceLength + maxSecretSpan), matcher)) {
      if (start < pieceLength) spans.push([offset + start, offset + end])
    }
  }
  return spans
}

/** `text` with every span (merged where they overlap) replaced by the mask. */
function masked(text: string, spans: [number, number][]): string {
  spans.sort((a, b) => a[0] - b[0])
  const parts: string[] = []
  let from = 0
  for (const [start, end] of spans) {
    if (end <= from) continue
    if (start > from) parts.push(text.slice(from, start))
    if (start >= from || parts.at(-1) !== mask) parts.push(mask)
    from = end
  }
  parts.push(text.slice(from))
  return parts.join('')
}

const regExpSyntax = /[\\^$.*+?()[\]{}|/-]/g

/**
 * A secret as a regular expression over decoded text: each character as itself, except that a space
 * and a `+` match either (a form writes a space as `+`, and a form reader reads `+` as a space).
 */
function secretPattern(secret: string): string {
  return Array.from(secret, (character) =>
    character === ' ' || character === '+' ? '[ +]' : character.replace(regExpSyntax, '\\$&'),
  ).join('')
}

/** How the secrets are looked for: one regular expression for all of them, and whether one holds text that reads as an escape. */
interface Matcher {
  readonly pattern: RegExp
  /** Whether some secret holds `%`, `\` or `&`: only then are readings peeled one kind at a time needed. */
  readonly opens: boolean
}

/** The matcher for `secrets` (longest first), or `undefined` when there are none. */
function matcherOf(secrets: readonly string[]): Matcher | undefined {
  const distinct = [...new Set(secrets)].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length)
  if (distinct.length === 0) return undefined
  return { pattern: new RegExp(distinct.map(secretPattern).join('|'), 'g'), opens: distinct.some((secret) => openers.test(secret)) }
}

/** Sets `key` on `target` as an own enumerable field, as an assignment would but never through a setter (`__proto__`). */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** What `get` returns, or `undefined` when it throws (a getter of a foreign error). */
function read<T>(get: () => T): T | undefined {
  try {
    return get()
  } catch {
    return undefined
  }
}

/** A field an error should hold as text (`message`, `stack`), as text whatever it holds. */
function textOf(get: () => unknown): string {
  const value = read(get)
  if (typeof value === 'string') return value
  if (value === undefined || value === null) return ''
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  // An object (its own `toString`, which may throw) or a symbol.
  return read(() => (value as { toString(): string }).toString()) ?? ''
}

function isPrimitive(value: unknown): value is string | number | boolean | bigint | null | undefined {
  return value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol')
}

function isPlainData(value: object): boolean {
  if (Array.isArray(value)) return true
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** The shortest start of a secret that is masked when an echo is cut right after it. */
const minimumCut = 8

/**
 * A pattern for the start of any secret of at least 12 characters (8 of them or more, short of the
 * whole), right before the end of a text or an ellipsis: what an echo that truncates leaves of it.
 */
function truncatedPattern(secrets: readonly string[]): RegExp | undefined {
  const escape = (text: string): string => text.replace(regExpSyntax, '\\$&')
  const starts = [...new Set(secrets)]
    .filter((secret) => secret.length >= 12)
    .map((secret) => {
      const rest = Array.from(secret.slice(minimumCut, -1))
      return escape(secret.slice(0, minimumCut)) + rest.reduceRight((inner, character) => `(?:${escape(character)}${inner})?`, '')
    })
  return starts.length === 0 ? undefined : new RegExp(`(?:${starts.join('|')})(?=\\.\\.\\.|\u2026|$)`, 'g')
}

/**
 * A redactor for the given secrets (empty strings are ignored), or for whatever a function returns at
 * the time (credentials that change, such as refreshed tokens; the matcher is rebuilt only when the
 * function returns a different array).
 */
export function createRedactor(secrets: readonly string[] | (() => readonly string[])): Redactor {
  let cachedFrom: readonly string[] | undefined
  let cached: Matcher | undefined
  let cachedCut: RegExp | undefined
  const matcher = (): Matcher | undefined => {
    const list = typeof secrets === 'function' ? secrets() : secrets
    if (list !== cachedFrom) {
      cachedFrom = list
      cached = matcherOf(list)
      cachedCut = truncatedPattern(list)
    }
    return cached
  }

  const text = (value: string): string => {
    const found = matcher()
    if (!found) return value
    const spans = secretSpans(value, found)
    const whole = spans.length === 0 ? value : masked(value, spans)
    // An echo cut short keeps the start of a secret at its end, or before an ellipsis.
    return cachedCut ? whole.replace(cachedCut, mask) : whole
  }

  /** A number (or bigint) that is a secret written as digits, masked like text. */
  const number = (value: number | bigint): number | bigint | string => (text(String(value)) === String(value) ? value : mask)

  const copyValue = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value)
    if (typeof value === 'number' || typeof value === 'bigint') return number(value)
    if (isPrimitive(value)) return value
    if (typeof value !== 'object' || depth > maxDepth) return undefined
    if (value instanceof Error) return copyError(value, depth)
    if (!isPlainData(value)) return undefined
    if (Array.isArray(value)) return value.slice(0, maxEntries).map((item) => copyValue(item, depth + 1))
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value).slice(0, maxEntries)) {
      const clean = copyValue(item, depth + 1)
      if (clean !== undefined) define(copy, text(key), clean)
    }
    return copy
  }

  const copyError = (error: Error, depth: number): Error => {
    const cause: unknown = read(() => ('cause' in error ? error.cause : undefined))
    const clean = new Error(
      text(textOf(() => error.message)),
      cause === undefined || depth >= maxDepth ? undefined : { cause: copyValue(cause, depth + 1) },
    )
    // Not enumerable, as on a native error: a field of its own would show in every log line of it.
    Object.defineProperty(clean, 'name', { value: text(textOf(() => error.name)), enumerable: false, writable: true, configurable: true })
    clean.stack = text(textOf(() => error.stack))
    for (const [key, field] of read(() => Object.entries(error).slice(0, maxEntries)) ?? []) {
      if (key === 'cause' || key === 'name' || key === 'message' || key === 'stack') continue
      // A primitive is copied as a value is (text and numbers redacted).
      if (isPrimitive(field)) define(clean, text(key), copyValue(field, depth))
      else if (field instanceof Error && depth < maxDepth) define(clean, text(key), copyError(field, depth + 1))
    }
    return clean
  }

  const redactor: Redactor = {
    text,
    value: (value) => copyValue(value, 0),
    error: (error) => (error instanceof Error ? copyError(error, 0) : copyValue(error, 0)),
    with: (more) => {
      const extra = more.filter((secret) => secret !== '')
      if (extra.length === 0) return redactor
      let from: readonly string[] | undefined
      let combined: readonly string[] = extra
      return createRedactor(() => {
        const base = typeof secrets === 'function' ? secrets() : secrets
        if (base !== from) {
          from = base
          combined = [...base, ...extra]
        }
        return combined
      })
    },
  }
  return redactor
}
