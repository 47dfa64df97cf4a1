import { toIssues, ValidationError } from '@b24bot/core'
import * as v from 'valibot'

/** A copy of `value` without the keys whose value is `undefined`, so optional fields are left out, not sent empty. */
export function compact<T extends object>(value: T): T {
  const copy = { ...value }
  for (const key of Object.keys(copy)) {
    if (Reflect.get(copy, key) === undefined) Reflect.deleteProperty(copy, key)
  }
  return copy
}

/** Throws a {@link ValidationError} naming `where` when `value` does not pass `schema`. */
export function assertValid(schema: v.GenericSchema, value: unknown, where: string): void {
  const result = v.safeParse(schema, value)
  if (!result.success) throw new ValidationError({ method: where, issues: toIssues(result.issues) })
}

/** A colour given as a token (`'primary'`) or as HEX (`'#29619b'`): which field it goes to. */
export function isHexColor(color: string): color is `#${string}` {
  return color.startsWith('#')
}
