/**
 * Parameter and field names whose values are credentials. Their values are never echoed in error
 * messages or logs. Compared case-insensitively.
 */
const sensitiveKeys: ReadonlySet<string> = new Set([
  'auth',
  'access_token',
  'refresh_token',
  'client_secret',
  'application_token',
  'client_id',
  'bottoken',
  'password',
  'ap',
])

/**
 * Whether a parameter or field name holds a credential (`botToken`, `CLIENT_ID`, `auth`, ...).
 *
 * @example
 * ```ts
 * import { isSensitiveKey } from '@b24bot/core'
 *
 * isSensitiveKey('botToken') // true
 * isSensitiveKey('ENTITY_ID') // false
 * ```
 */
export function isSensitiveKey(key: string): boolean {
  return sensitiveKeys.has(key.toLowerCase())
}
