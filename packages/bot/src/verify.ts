/**
 * Compares a received token with the expected one in time that does not depend on where they differ
 * (or, beyond the expected length, on how long the received one is), so a caller cannot guess the
 * token byte by byte from response times. Works everywhere `TextEncoder` does (no `node:crypto`).
 *
 * @example
 * ```ts
 * import { sameToken } from '@b24bot/bot'
 *
 * function authorized(): boolean {
 *   return sameToken(event.auth?.application_token ?? '', process.env.B24_APPLICATION_TOKEN!)
 * }
 * ```
 */
export function sameToken(received: string, expected: string): boolean {
  const encoder = new TextEncoder()
  const a = encoder.encode(received)
  const b = encoder.encode(expected)
  let difference = a.length ^ b.length
  for (let index = 0; index < b.length; index += 1) difference |= (a[index % Math.max(a.length, 1)] ?? 0) ^ (b[index] ?? 0)
  return difference === 0 && b.length > 0
}
