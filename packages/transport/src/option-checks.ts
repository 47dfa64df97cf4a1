// Checks of options shared by the auths; their messages name the option, never its value.

/** Throws a TypeError naming `name` unless `value` is a non-empty string. Never echoes the value. */
export function requireString(value: unknown, name: string, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${where}: ${name} is required (a non-empty string)`)
  return value
}

/** A URL option as an http(s) URL without credentials, query or fragment; the message names the option only. */
export function parseHttpUrl(value: unknown, name: string, where: string): URL {
  let url: URL
  try {
    const text = value instanceof URL ? value.href : String(value)
    url = new URL(/^[\w.-]+(?::\d+)?$/.test(text) ? `https://${text}` : text)
  } catch {
    throw new TypeError(`${where}: ${name} is not a valid URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`${where}: ${name} must use https (or http for a local portal)`)
  if (url.username || url.password || url.search || url.hash)
    throw new TypeError(`${where}: ${name} must have no credentials, query or fragment`)
  return url
}
