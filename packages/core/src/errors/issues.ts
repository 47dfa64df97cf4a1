import type * as v from 'valibot'
import { isSensitiveKey } from '../sensitive.ts'

/** One problem found in params or in a result, with the path of the field it concerns. */
export interface Issue {
  /** Dotted path of the field, with `[n]` for list items: `FIELDS.KEYBOARD[0].TEXT`. Empty for the value itself. */
  readonly path: string
  /** What is wrong, in words. Never contains the value of a credential field. */
  readonly message: string
}

function segment(key: unknown, first: boolean): string {
  if (typeof key === 'number') return `[${key}]`
  const text = String(key)
  return first ? text : `.${text}`
}

/** The dotted path of a valibot issue. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item, index) => segment(item.key, index === 0)).join('')
}

/** What kind of value `input` is, in words, without the value itself. */
function kindOf(input: unknown): string {
  if (input === null) return 'null'
  if (Array.isArray(input)) return 'a list'
  const type = typeof input
  return type === 'undefined' ? 'nothing' : type === 'object' ? 'an object' : `a ${type}`
}

function describe(issue: v.BaseIssue<unknown>, quoteValues: boolean): string {
  const keys = (issue.path ?? []).map((item) => item.key)
  if (keys.some((key) => typeof key === 'string' && isSensitiveKey(key))) {
    return `invalid value (not shown: the field holds a credential), expected ${issue.expected ?? 'a valid value'}`
  }
  const last = issue.path?.at(-1)
  if (issue.type === 'object' || issue.type === 'strict_object' || issue.type === 'loose_object') {
    if (last?.type === 'object' && issue.received === 'undefined') return 'is required'
  }
  if (issue.type === 'strict_object' && issue.expected === 'never')
    return quoteValues ? 'is not a parameter of this method' : 'is not expected'
  if (quoteValues) return issue.message
  return issue.expected === null
    ? `is not valid (${issue.type}), got ${kindOf(issue.input)}`
    : `expected ${issue.expected}, got ${kindOf(issue.input)}`
}

/** How {@link toIssues} words issues. */
export interface ToIssuesOptions {
  /**
   * Whether messages may quote the value that failed (valibot's own wording). Default `true`, for the
   * caller's own params. `false` for values from outside, such as a server's answer: messages then say
   * what kind of value came, never what it was.
   */
  readonly quoteValues?: boolean
}

/**
 * Turns valibot issues into b24bot issues: stable paths, friendly wording, no credential values.
 *
 * @example
 * ```ts
 * import { toIssues, ValidationError } from '@b24bot/core'
 * import * as v from 'valibot'
 *
 * const schema = v.object({ ENTITY_ID: v.number() })
 * const parsed = v.safeParse(schema, { ENTITY_ID: 'x' })
 * if (!parsed.success) throw new ValidationError({ method: 'imbot.chat.get', issues: toIssues(parsed.issues) })
 * ```
 */
export function toIssues(issues: readonly v.BaseIssue<unknown>[], options: ToIssuesOptions = {}): Issue[] {
  const quoteValues = options.quoteValues ?? true
  return issues.map((issue) => ({ path: pathOf(issue), message: describe(issue, quoteValues) }))
}

/** `ENTITY_TYPE is required; BOT_ID: Invalid type: ...` */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.path} ${issue.message}` : issue.message)).join('; ')
}
