/** Removes credentials from text, values and errors before they leave the transport. */
export interface Redactor {
  /** `text` with every secret, in any encoding it can take on the wire, replaced by `***`. */
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

/** `[Aa]` for a hex letter, the digit itself otherwise: hex digits match in either case, nothing else does. */
function hexDigits(value: number, width: number): string {
  return Array.from(value.toString(16).padStart(width, '0'), (digit) => digit).map((digit) => (/[a-f]/.test(digit) ? `[${digit.toUpperCase()}${digit}]` : digit)).join('')
}

const regExpSyntax = /[\\^$.*+?()[\]{}|/-]/g
const htmlNames: Readonly<Partial<Record<string, readonly string[]>>> = {
  '&': ['&amp;'],
  '<': ['&lt;'],
  '>': ['&gt;'],
  '"': ['&quot;'],
  "'": ['&apos;'],
}
const encoder = new TextEncoder()

/**
 * Every way one character of a secret can be written where an error may quote it: as itself;
 * percent-encoded (URLs, form bodies; hex in either case), twice-encoded (`%25..`), `+` for a space
 * (`URLSearchParams`, `application/x-www-form-urlencoded`); JSON-escaped (`\u00XX`, PHP's `\/`,
 * `\"`, `\\`); an HTML character reference (decimal, hex, named). So `!'()~*`, spaces and non-ASCII
 * letters are found whichever encoder wrote them.
 */
function characterPattern(character: string): string {
  const bytes = [...encoder.encode(character)]
  const units = Array.from({ length: character.length }, (_, index) => character.charCodeAt(index))
  const codePoint = character.codePointAt(0) ?? 0
  const forms: Set<string> = new Set([
    character.replace(regExpSyntax, '\\$&'),
    bytes.map((byte) => `%${hexDigits(byte, 2)}`).join(''),
    bytes.map((byte) => `%25${hexDigits(byte, 2)}`).join(''),
    units.map((unit) => `\\\\u${hexDigits(unit, 4)}`).join(''),
    `&#0*${String(codePoint)};`,
    `&#[xX]0*${hexDigits(codePoint, 1)};`,
    ...(htmlNames[character] ?? []),
  ])
  if (character === ' ') forms.add('\\+')
  if (character === '/' || character === '"' || character === '\\') forms.add(`\\\\${character.replace(regExpSyntax, '\\$&')}`)
  return forms.size === 1 ? [...forms][0] ?? '' : `(?:${[...forms].join('|')})`
}

/** A regular expression source that finds `secret` written in any mix of the encodings above. */
function secretPattern(secret: string): string {
  // By code point, so that a letter outside the BMP is encoded as one character, as encoders do.
  return Array.from(secret, characterPattern).join('')
}

/** One regular expression for all `secrets` (longest first), or `undefined` when there are none. */
function matcherOf(secrets: readonly string[]): RegExp | undefined {
  const distinct = [...new Set(secrets)].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length)
  return distinct.length === 0 ? undefined : new RegExp(distinct.map(secretPattern).join('|'), 'g')
}

function isPrimitive(value: unknown): value is string | number | boolean | bigint | null | undefined {
  return value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol')
}

function isPlainData(value: object): boolean {
  if (Array.isArray(value)) return true
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * A redactor for the given secrets (empty strings are ignored), or for whatever a function returns at
 * the time (credentials that change, such as refreshed tokens; the matcher is rebuilt only when the
 * function returns a different array).
 */
export function createRedactor(secrets: readonly string[] | (() => readonly string[])): Redactor {
  let cachedFrom: readonly string[] | undefined
  let cached: RegExp | undefined
  const matcher = (): RegExp | undefined => {
    const list = typeof secrets === 'function' ? secrets() : secrets
    if (list !== cachedFrom) {
      cachedFrom = list
      cached = matcherOf(list)
    }
    return cached
  }

  const text = (value: string): string => {
    const pattern = matcher()
    return pattern ? value.replace(pattern, mask) : value
  }

  const copyValue = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value)
    if (isPrimitive(value)) return value
    if (typeof value !== 'object' || depth > maxDepth) return undefined
    if (value instanceof Error) return copyError(value, depth)
    if (!isPlainData(value)) return undefined
    if (Array.isArray(value)) return value.slice(0, maxEntries).map((item) => copyValue(item, depth + 1))
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value).slice(0, maxEntries)) {
      const clean = copyValue(item, depth + 1)
      if (clean !== undefined) Object.defineProperty(copy, text(key), { value: clean, enumerable: true, writable: true, configurable: true })
    }
    return copy
  }

  const copyError = (error: Error, depth: number): Error => {
    const cause: unknown = 'cause' in error ? error.cause : undefined
    const clean = new Error(text(error.message), cause === undefined || depth >= maxDepth ? undefined : { cause: copyValue(cause, depth + 1) })
    clean.name = text(error.name)
    clean.stack = text(error.stack ?? '')
    for (const [key, field] of Object.entries(error).slice(0, maxEntries)) {
      if (key === 'cause' || key === 'name' || key === 'message' || key === 'stack') continue
      if (isPrimitive(field)) Object.defineProperty(clean, text(key), { value: typeof field === 'string' ? text(field) : field, enumerable: true, writable: true, configurable: true })
      else if (field instanceof Error && depth < maxDepth) Object.defineProperty(clean, text(key), { value: copyError(field, depth + 1), enumerable: true, writable: true, configurable: true })
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
