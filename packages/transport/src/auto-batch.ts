import type { SuccessEnvelope } from '@b24bot/core'
import {
  BATCH_MAX_LENGTH,
  contextOf,
  mentionsReference,
  requestRedactor,
  type BatchEntry,
  type BatchSender,
  type EntryOutcome,
} from './batch.ts'
import type { AutoBatching } from './base-client.ts'
import { batchSenderOf } from './batch.ts'
import type { BodyEncoder } from './encode-body.ts'
import { failureOf, mayRepeat, verdict } from './error-policy.ts'
import type { ExecuteRequest } from './execute.ts'
import { restate, shapeError } from './failures.ts'
import type { Redactor } from './redactor.ts'

/**
 * How concurrent calls are gathered into `batch` requests (the `autoBatch` client option).
 *
 * @example
 * ```ts
 * import { createClient } from '@b24bot/transport'
 *
 * const client = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL!, autoBatch: { window: 5 } }) // gather for 5 ms
 * ```
 */
export interface AutoBatchOptions {
  /**
   * How long a call waits for others, in milliseconds. Default `0`: calls issued in the same run of code
   * (a loop, `Promise.all`) go together at its end, and a lone call leaves at once.
   */
  readonly window?: number
  /** Commands per batch request, 2 to 50. Default 50 (the portal's limit). */
  readonly maxSize?: number
}

/** What the auto-batcher is built from. */
export interface AutoBatcherOptions {
  readonly execute: (request: ExecuteRequest) => Promise<SuccessEnvelope>
  readonly send: BatchSender
  /** The client's time limit per attempt: a call with another one is not batched. */
  readonly timeout: number | false
  /** The client's body encoding: with JSON, a call whose params the form encoding would change is not batched. */
  readonly encoding: BodyEncoder
  readonly redactor: Redactor
  readonly options: AutoBatchOptions
}

/** A queued call. */
interface Pending {
  readonly request: ExecuteRequest
  readonly resolve: (envelope: SuccessEnvelope) => void
  readonly reject: (error: unknown) => void
  /** False once the call left the queue in a batch. */
  queued: boolean
  settled: boolean
}

/**
 * Whether the PHP form encoding a batch command gets (every scalar a string) carries the same as the
 * JSON body a plain call sends: booleans (`"1"`/`"0"` is not JSON `true`, which the portal reads as
 * `"Y"`), `null`, empty lists and objects (left out), and anything but plain data are not.
 */
function formFaithful(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'bigint' || value === undefined) return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (value instanceof Date) return !Number.isNaN(value.getTime())
  if (Array.isArray(value)) return value.length > 0 && value.every(formFaithful)
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return false
  const entries = Object.values(value)
  return entries.length > 0 && entries.every(formFaithful)
}

/**
 * `batch` itself never goes inside a batch. The other methods the portal refuses there (its file
 * `upload`s and `download`s, server-behavior §1.9) are found by the answer: their
 * `ERROR_BATCH_METHOD_NOT_ALLOWED` means "not run", and the call goes again alone.
 */
function refusedInBatch(method: string): boolean {
  return method.toLowerCase() === 'batch'
}

/**
 * The end of the current run of code: a microtask, so calls issued together (a loop, `Promise.all`,
 * continuations resumed together) are gathered, and a call made alone waits for nothing. Not a timer:
 * a test's fake timers do not hold calls back.
 */
const endOfRun: (callback: () => void) => void = (callback) => {
  queueMicrotask(callback)
}

/**
 * Creates the client's sender with auto-batching: calls issued together wait one window in a queue and
 * go as `batch` requests of at most `maxSize`; a queue of one goes as the plain call it is. Each caller
 * gets its own command's envelope or error, as if it had called alone. Not queued: calls with their own
 * time limit, methods refused in a batch, params the form encoding would change, params holding text
 * the portal would read as a batch reference (`$result...`).
 */
function createAutoBatcher(options: AutoBatcherOptions): (request: ExecuteRequest) => Promise<SuccessEnvelope> {
  const { execute, send, timeout, encoding, redactor } = options
  const window = options.options.window ?? 0
  const maxSize = options.options.maxSize ?? BATCH_MAX_LENGTH
  if (!Number.isFinite(window) || window < 0) throw new RangeError('autoBatch.window must be a number of milliseconds, 0 or more')
  if (!Number.isInteger(maxSize) || maxSize < 2 || maxSize > BATCH_MAX_LENGTH)
    throw new RangeError(`autoBatch.maxSize must be an integer from 2 to ${String(BATCH_MAX_LENGTH)}`)

  let queue: Pending[] = []
  let scheduled = false

  function batchable(request: ExecuteRequest): boolean {
    if (request.timeout !== timeout || refusedInBatch(request.method)) return false
    if (encoding.kind === 'json' && !Object.values(request.params).every(formFaithful)) return false
    return !mentionsReference(request.params)
  }

  function settle(pending: Pending, outcome: { readonly envelope: SuccessEnvelope } | { readonly error: unknown }): void {
    if (pending.settled) return
    pending.settled = true
    if ('envelope' in outcome) pending.resolve(outcome.envelope)
    else pending.reject(outcome.error)
  }

  /** Sends one call alone, as a plain call. */
  function alone(pending: Pending): void {
    execute(pending.request).then(
      (envelope) => {
        settle(pending, { envelope })
      },
      (error: unknown) => {
        settle(pending, { error })
      },
    )
  }

  /**
   * Gives a caller its command's outcome. A command the error policy lets repeat (it did not run: a
   * limit; or it is safe to repeat after a server fault) is sent again alone, where the executor waits
   * on the limiter and retries as it would for a plain call.
   */
  function deliver(pending: Pending, outcome: EntryOutcome | undefined, shared: Redactor): void {
    if (outcome?.ok) settle(pending, { envelope: outcome.envelope })
    else if (!outcome) {
      const issues = [{ path: 'result', message: 'the batch answer has neither a result nor an error for this command' }]
      settle(pending, { error: shapeError(contextOf(pending.request, shared), issues, undefined) })
    } else if (mayRepeat(outcome.verdict, pending.request.idempotent)) alone(pending)
    else settle(pending, { error: outcome.error })
  }

  async function sendGroup(group: readonly Pending[]): Promise<void> {
    const entries: BatchEntry[] = group.map((pending, index) => ({
      key: `c${String(index)}`,
      method: pending.request.method,
      params: pending.request.params,
      idempotent: pending.request.idempotent,
    }))
    const shared = requestRedactor(redactor, entries)
    let outcomes: Map<string, EntryOutcome>
    try {
      outcomes = await send(entries, { halt: false, signal: undefined, timeout })
    } catch (error) {
      // The whole batch failed. When the policy let the executor repeat it, it did, as long as it could.
      // When it did not because some command was not safe to repeat, the commands that are go again
      // alone; the others learn the error, restated with their own method.
      const found = verdict(failureOf(error))
      const repeated = mayRepeat(
        found,
        entries.every((entry) => entry.idempotent),
      )
      for (const pending of group) {
        if (!repeated && mayRepeat(found, pending.request.idempotent)) alone(pending)
        else
          settle(pending, {
            error: restate(error, 'batch', contextOf(pending.request, shared, `${pending.request.method} (sent in a batch)`)),
          })
      }
      return
    }
    for (const [index, pending] of group.entries()) deliver(pending, outcomes.get(`c${String(index)}`), shared)
  }

  function flush(): void {
    scheduled = false
    const taken = queue
    queue = []
    for (let start = 0; start < taken.length; start += maxSize) launch(taken.slice(start, start + maxSize))
  }

  function launch(group: Pending[]): void {
    for (const pending of group) pending.queued = false
    const [first] = group
    if (group.length === 1 && first) alone(first)
    else if (group.length > 1) void sendGroup(group)
  }

  function schedule(): void {
    if (queue.length >= maxSize) {
      launch(queue.splice(0, maxSize))
      return
    }
    if (scheduled) return
    scheduled = true
    if (window === 0) endOfRun(flush)
    else setTimeout(flush, window)
  }

  return (request) => {
    if (!batchable(request)) return execute(request)
    request.signal?.throwIfAborted()
    return new Promise<SuccessEnvelope>((resolve, reject) => {
      const signal = request.signal
      // Before the batch leaves, an abort takes the call out; after, the caller stops waiting and the
      // batch goes on (the other commands in it are not the caller's to cancel).
      const onAbort = (): void => {
        if (pending.queued) {
          const index = queue.indexOf(pending)
          if (index !== -1) queue.splice(index, 1)
        }
        settle(pending, { error: signal?.reason })
      }
      const pending: Pending = {
        request,
        queued: true,
        settled: false,
        resolve: (envelope) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(envelope)
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort)
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller's own abort reason, or a b24bot error, passed on as it is
          reject(error)
        },
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      queue.push(pending)
      schedule()
    })
  }
}

/**
 * Auto-batching as a piece of a client made by `createBaseClient`: calls issued together (in the same
 * run of code, or within `window` ms) go as one `batch` request of up to `maxSize` (50), each caller
 * getting its own result or error; a lone call goes as it is. `createClient` has it on by default.
 *
 * @example
 * ```ts
 * import { autoBatching, createBaseClient } from '@b24bot/transport'
 * import { imbotChatGet } from '@b24bot/imbot'
 *
 * const client = createBaseClient({ webhookUrl: process.env.B24_WEBHOOK_URL!, autoBatch: autoBatching({ window: 5 }) })
 * const [a, b] = await Promise.all([
 *   client.call(imbotChatGet, { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 }),
 *   client.call(imbotChatGet, { ENTITY_TYPE: 'OPEN', ENTITY_ID: 14 }),
 * ]) // one request
 * ```
 */
export function autoBatching(options: AutoBatchOptions = {}): AutoBatching {
  return {
    install: (client) =>
      createAutoBatcher({
        execute: client.execute,
        send: batchSenderOf(client),
        timeout: client.timeout,
        encoding: client.encoding,
        redactor: client.redactor,
        options,
      }),
  }
}
