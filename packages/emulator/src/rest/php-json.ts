/**
 * `json_encode` with Bitrix's `Json::DEFAULT_OPTIONS` (server-behavior §1.5): `<`, `>`, `&`, `'` and `"`
 * inside strings as `\u003C`-style escapes, `/` as `\/`, Unicode unescaped. Clients must cope, so the
 * emulator answers the same way.
 */
export function phpJsonEncode(value: unknown): string {
  // Escapes are matched as units first, so an escaped backslash before a quote is never split.
  return JSON.stringify(value).replace(/\\.|[<>&'/]/g, (token) => {
    if (token === '\\"') return '\\u0022'
    if (token === '/') return '\\/'
    if (token.length === 2) return token
    return `\\u${token.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
  })
}
