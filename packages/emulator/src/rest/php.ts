/** PHP `empty()`: `''`, `'0'`, `0`, `false`, `null`, missing and empty arrays are empty. */
export function phpEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '' || value === '0') return true
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.keys(value).length === 0
  return false
}

/** PHP `isset()`: present and not `null` (a JSON `null` counts as absent). */
export function phpIsset(value: unknown): boolean {
  return value !== undefined && value !== null
}

/** PHP string conversion of a scalar, as used when comparing a param with a stored string. */
export function phpString(value: unknown): string {
  if (value === true) return '1'
  if (value === false || value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  return 'Array'
}

/** PHP 8's loose `$value == 'Y'`: the string `'Y'`, or `true` (JSON `true` counts; `false` is not `'N'`). */
export function isY(value: unknown): boolean {
  return value === 'Y' || value === true
}

/** A nested PHP array param as an object (`FIELDS`, `PROPERTIES`); anything else is empty. */
export function phpObject(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}
