import { decodeForm } from '@b24bot/core'
import type { CallOutcome } from './call-outcome.ts'
import { phpEmpty } from './php.ts'
import { upperCaseKeys } from './read-params.ts'
import { RestError } from './rest-error.ts'

/** `CRestUtil::BATCH_MAX_LENGTH`: commands after the 50th are not run. */
const BATCH_MAX_LENGTH = 50

export const batchErrors = {
  lengthExceeded: (): RestError => new RestError('ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded'),
  methodNotAllowed: (): RestError => new RestError('ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage'),
}

/**
 * `batch`, and file `upload`/`download` methods, are refused inside a batch (server-behavior §1.9).
 * Whether `imbot.v2.File.*` count is not stated (imbot.md §9.33); methods whose last segment is
 * `upload` or `download` are refused, as the file methods of the REST module are (decision 016).
 */
export function isNotBatchable(method: string): boolean {
  const last = method.split('.').at(-1)?.toLowerCase() ?? ''
  return method.toLowerCase() === 'batch' || last === 'upload' || last === 'download'
}

/** A PHP array keyed by command: a JSON list when the keys are 0..n-1 in order (`[]` when empty), else an object. */
function phpArray(map: ReadonlyMap<string, unknown>): unknown {
  const keys = [...map.keys()]
  if (keys.every((key, index) => key === String(index))) return [...map.values()]
  return Object.fromEntries(map)
}

type Buckets = Readonly<Record<'result' | 'next' | 'total' | 'time' | 'error', ReadonlyMap<string, unknown>>>

const reference = /\$(result|next|total|time|error)([^\s]*)/gi

/** `$result[key][field]...`: the bucket (matched case-sensitively, as PHP's array lookup is), then the path; stops at the first missing key. */
function resolve(buckets: Buckets, bucket: string, path: string): { readonly found: boolean; readonly value: unknown } {
  if (!Object.hasOwn(buckets, bucket)) return { found: false, value: undefined }
  const keys = [...path.matchAll(/\[([^\]]+)\]/g)].map((match) => match[1] ?? '')
  let value: unknown = phpArray(buckets[bucket as keyof Buckets])
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) break
    value = (value as Record<string, unknown>)[key]
  }
  return { found: true, value }
}

function phpScalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? '1' : ''
  if (value === null || value === undefined) return ''
  return undefined
}

/**
 * Substitutes references in a sub-call's params (`CRestUtil::processBatchElement`): a value that is
 * exactly one reference becomes the referenced value itself (a list, a number...); otherwise each
 * reference in the text is replaced by its scalar value. References run to the next whitespace.
 */
function substitute(value: unknown, buckets: Buckets): unknown {
  if (Array.isArray(value)) return value.map((item) => substitute(item, buckets))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, buckets)]))
  }
  if (typeof value !== 'string' || !value.includes('$')) return value
  const whole = new RegExp(`^${reference.source}$`, 'i').exec(value)
  if (whole) {
    const resolved = resolve(buckets, whole[1] ?? '', whole[2] ?? '')
    return resolved.found ? resolved.value : value
  }
  return value.replace(reference, (match, bucket: string, path: string) => {
    const resolved = resolve(buckets, bucket, path)
    return resolved.found ? (phpScalarText(resolved.value) ?? match) : match
  })
}

/** A sub-call runner: the REST pipeline below authentication. */
export type SubCall = (method: string, params: Readonly<Record<string, unknown>>) => Promise<CallOutcome>

/**
 * Runs `batch` like `CRestProvider::methodsBatch` (server-behavior §1.9): commands `method?query` in
 * order, at most 50, references to earlier results substituted, `halt` stopping at the first failure.
 * Resolves to `{ result, result_error, result_total, result_next, result_time }`, each keyed by
 * command, each `[]` when empty.
 */
export async function runBatch(params: Readonly<Record<string, unknown>>, run: SubCall): Promise<Record<string, unknown>> {
  const { CMD: commands, HALT: halt } = upperCaseKeys(params)
  const entries: [string, unknown][] = Array.isArray(commands)
    ? commands.map((command, index) => [String(index), command])
    : typeof commands === 'object' && commands !== null
      ? Object.entries(commands)
      : []
  const result: Map<string, unknown> = new Map()
  const errors: Map<string, unknown> = new Map()
  const totals: Map<string, unknown> = new Map()
  const nexts: Map<string, unknown> = new Map()
  const times: Map<string, unknown> = new Map()
  const buckets: Buckets = { result, next: nexts, total: totals, time: times, error: errors }
  // PHP truthiness: 0, '0', '', false and empty arrays continue; anything else, 'false' included, halts.
  const stopOnFailure = !phpEmpty(halt)

  for (const [index, [key, command]] of entries.entries()) {
    if (index >= BATCH_MAX_LENGTH) {
      errors.set(key, batchErrors.lengthExceeded().toBody())
      continue
    }
    // Entries that are not strings are skipped, though they count toward the limit.
    if (typeof command !== 'string') continue
    const separator = command.indexOf('?')
    const method = separator === -1 ? command : command.slice(0, separator)
    const query = separator === -1 ? '' : command.slice(separator + 1)
    const outcome = await run(method, substitute(decodeForm(query), buckets) as Record<string, unknown>)
    const body = typeof outcome.body === 'object' && outcome.body !== null ? (outcome.body as Record<string, unknown>) : {}
    if (outcome.status === 200 && 'result' in body) {
      result.set(key, body.result)
      if (body.time !== undefined) times.set(key, body.time)
      if (body.total !== undefined) totals.set(key, body.total)
      if (body.next !== undefined) nexts.set(key, body.next)
      continue
    }
    const error =
      'error' in body
        ? { error: body.error, error_description: body.error_description }
        : { error: 'ERROR_CORE', error_description: outcome.raw ?? '' }
    errors.set(key, error)
    if (stopOnFailure) break
  }

  return {
    result: phpArray(result),
    result_error: phpArray(errors),
    result_total: phpArray(totals),
    result_next: phpArray(nexts),
    result_time: phpArray(times),
  }
}
