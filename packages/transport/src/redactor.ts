/** Removes credentials from text and errors before they leave the transport. */
export interface Redactor {
  /** `text` with every secret replaced by `***`. */
  text(text: string): string
  /** `error` itself when no secret shows anywhere in it or its causes; otherwise a copy with the secrets replaced. */
  error(error: unknown): unknown
}

const mask = '***'

/** The strings to look for: each secret and its URL-encoded form, longest first, empty ones dropped. */
function needlesOf(secrets: readonly string[]): string[] {
  return [...new Set(secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]))]
    .filter((needle) => needle.length > 0)
    .sort((a, b) => b.length - a.length)
}

/**
 * A redactor for the given secrets (empty strings are ignored), or for whatever a function returns
 * at the time (credentials that change, such as refreshed tokens). Each secret is also matched in its
 * URL-encoded form, since it travels inside URLs.
 */
export function createRedactor(secrets: readonly string[] | (() => readonly string[])): Redactor {
  let cachedFrom: readonly string[] | undefined
  let cached: string[] = []
  const current = (): string[] => {
    const list = typeof secrets === 'function' ? secrets() : secrets
    if (list !== cachedFrom) {
      cachedFrom = list
      cached = needlesOf(list)
    }
    return cached
  }

  const text = (value: string): string => current().reduce((result, needle) => result.replaceAll(needle, mask), value)
  const leaks = (value: unknown, depth = 0): boolean => {
    if (typeof value === 'string') return current().some((needle) => value.includes(needle))
    if (!(value instanceof Error) || depth > 8) return false
    return leaks(value.message) || leaks(value.stack) || leaks(value.cause, depth + 1) || Object.values(value).some((field) => leaks(field, depth + 1))
  }
  const copy = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value)
    if (!(value instanceof Error) || depth > 8) return value
    const clean = new Error(text(value.message), 'cause' in value ? { cause: copy(value.cause, depth + 1) } : undefined)
    clean.name = value.name
    clean.stack = text(value.stack ?? '')
    for (const [key, field] of Object.entries(value)) {
      if (typeof field === 'string' || typeof field === 'number') Object.assign(clean, { [key]: typeof field === 'string' ? text(field) : field })
    }
    return clean
  }

  return {
    text,
    error: (error) => (leaks(error) ? copy(error, 0) : error),
  }
}
