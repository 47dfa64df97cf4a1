import { ValidationError, toIssues, type MethodDescriptor, type Params } from '@b24bot/core'
import * as v from 'valibot'
import { shapeError, type FailureContext } from './failures.ts'

/** What a call names: a descriptor (validated, its result typed) or a method by name (raw). */
export type CallTarget = MethodDescriptor | string

/** Letters, digits, `_` and `.`, starting with a letter: a REST method name, nothing that walks a URL. */
const methodName = /^[A-Za-z][\w.]*$/

/** The method a target names, checked: a `TypeError` (starting with `where`) for anything else. */
export function methodOf(target: CallTarget, where = ''): string {
  const method: unknown = typeof target === 'string' ? target : (target as Partial<MethodDescriptor> | undefined)?.method
  // The value is not quoted: a mistaken "method" may be a webhook URL, with its secret in it.
  if (typeof method !== 'string' || !methodName.test(method))
    throw new TypeError(`${where}not a Bitrix24 method name (letters, digits, "_" and ".", starting with a letter)`)
  return method
}

/** Whether `method` is a method name the client sends. */
export function isMethodName(method: unknown): method is string {
  return typeof method === 'string' && methodName.test(method)
}

/** A described call's params validated into what is sent (a `ValidationError` naming the fields otherwise); a raw call's as given. */
export function paramsFor(target: CallTarget, params: unknown): Params {
  if (typeof target === 'string') return (params ?? {}) as Params
  const parsed = v.safeParse(target.params, params ?? {})
  if (!parsed.success) throw new ValidationError({ method: target.method, issues: toIssues(parsed.issues) })
  return parsed.output
}

/**
 * A result as the method documents it: parsed by the descriptor (a raw call's as it came). A result
 * of another shape is a `ResponseShapeError` that quotes no value (the raw one is on `received`).
 */
export function resultFor(
  target: CallTarget | undefined,
  raw: unknown,
  context: FailureContext,
): { readonly value: unknown } | { readonly error: Error } {
  if (typeof target !== 'object') return { value: raw }
  const result = v.safeParse(target.result, raw)
  return result.success ? { value: result.output } : { error: shapeError(context, toIssues(result.issues, { quoteValues: false }), raw) }
}
