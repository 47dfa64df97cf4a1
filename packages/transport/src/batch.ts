import {
  ApiError,
  encodeForm,
  errorEnvelopeSchema,
  responseTimeSchema,
  toIssues,
  ValidationError,
  type B24Error,
  type CallNext,
  type CallRequest,
  type Caller,
  type FormInput,
  type Issue,
  type MethodDescriptor,
  type MethodParams,
  type MethodResult,
  type HttpError,
  type NetworkError,
  type Params,
  type ResponseShapeError,
  type SuccessEnvelope,
} from '@b24bot/core'
import * as v from 'valibot'
import { internalsOf, type ClientInternals } from './base-client.ts'
import { methodOf, paramsFor, resultFor } from './call-target.ts'
import { verdict, type Verdict } from './error-policy.ts'
import { sensitiveValues, type ExecuteRequest } from './execute.ts'
import { apiError, restate, shapeError, type FailureContext } from './failures.ts'
import type { Limiter } from './limiter.ts'
import type { Redactor } from './redactor.ts'

/** `CRestUtil::BATCH_MAX_LENGTH`: the portal runs at most 50 commands of one batch (server-behavior §1.9). */
export const BATCH_MAX_LENGTH = 50

/** The result buckets a batch reference can read (`$result[key]...`, `$next[key]`, ...). */
type ReferenceBucket = 'result' | 'next' | 'total' | 'time' | 'error'

/**
 * A reference to an earlier command of the same batch: `$result[key][field]...`. The portal puts the
 * referenced value in its place before it runs the command (server-behavior §1.9). Build one with
 * {@link ref}.
 *
 * @example
 * ```ts
 * import { ref, type BatchReference } from '@b24bot/transport'
 *
 * const chatId: BatchReference<'chat'> = ref('chat')
 * ```
 */
export type BatchReference<Key extends string = string> = `$${ReferenceBucket}[${Key}]${string}`

/**
 * `T`, where any value may also be a {@link BatchReference}: what a described command of a batch takes,
 * since the portal fills references in before the method sees its params.
 *
 * @example
 * ```ts
 * import { ref, type Referable } from '@b24bot/transport'
 *
 * const params: Referable<{ DIALOG_ID: number }> = { DIALOG_ID: ref('chat') }
 * ```
 */
export type Referable<T> = T extends string | number | bigint | boolean | Date | null | undefined
  ? T | BatchReference
  : T extends readonly (infer Item)[]
    ? readonly Referable<Item>[] | BatchReference
    : T extends object
      ? { readonly [K in keyof T]: Referable<T[K]> } | BatchReference
      : T

/**
 * One command of a batch: a descriptor and its params (validated, the result typed), or a method name
 * and raw params (the escape hatch; the result is `unknown`).
 *
 * @example
 * ```ts
 * import type { BatchCommand } from '@b24bot/transport'
 *
 * const command: BatchCommand = ['imbot.bot.list', {}]
 * ```
 */
export type BatchCommand = readonly [descriptor: MethodDescriptor, params?: unknown] | readonly [method: string, params?: Params]

/**
 * The commands of a batch by key. They run in the object's key order (as JavaScript orders keys:
 * integer-like keys first).
 *
 * @example
 * ```ts
 * import type { BatchCommands } from '@b24bot/transport'
 * import { methods } from '@b24bot/imbot'
 *
 * const commands: BatchCommands = { bots: ['imbot.bot.list'], chat: [methods['imbot.chat.get'], { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 }] }
 * ```
 */
export type BatchCommands = Readonly<Record<string, BatchCommand>>

/**
 * What each command's params must be: the descriptor's params (every value may be a reference), or
 * any raw params for a method name.
 *
 * @example
 * ```ts
 * import type { BatchCommands, CheckedCommands } from '@b24bot/transport'
 *
 * declare function send<C extends BatchCommands>(commands: C & CheckedCommands<C>): void
 * ```
 */
export type CheckedCommands<C extends BatchCommands> = { readonly [K in keyof C]: CheckedCommand<C[K]> }

type CheckedCommand<Command> = Command extends readonly [infer D extends MethodDescriptor, ...unknown[]]
  ? // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends P` is how "every key of P is optional" is spelled
    {} extends MethodParams<D>
    ? readonly [descriptor: D, params?: Referable<MethodParams<D>>]
    : readonly [descriptor: D, params: Referable<MethodParams<D>>]
  : readonly [method: string, params?: Params]

/**
 * Why a command of a batch has no result: the portal's error for it (`ApiError`, `result_error`), a
 * result that does not match the descriptor (`ResponseShapeError`), the failure of the batch request
 * that carried it (`NetworkError`, `TimeoutError`, `HttpError`, or an `ApiError` about the batch itself,
 * or of the token endpoint, `method: 'oauth/token'`), or an error a {@link CallWrap} of the client threw
 * for it (a `B24Error`).
 *
 * @example
 * ```ts
 * import { ApiError } from '@b24bot/transport'
 * import { imbotChatGet } from '@b24bot/imbot'
 *
 * const results = await client.batch({ chat: [imbotChatGet, { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 }] })
 * if (ApiError.isInstance(results.chat)) console.warn(results.chat.code)
 * ```
 */
export type BatchError = ApiError | ResponseShapeError | NetworkError | HttpError | B24Error

/**
 * The result of one command: the descriptor's result type (`unknown` for a method name), or the
 * {@link BatchError} saying why there is none.
 *
 * @example
 * ```ts
 * import type { BatchResult } from '@b24bot/transport'
 * import type { imbotChatGet } from '@b24bot/imbot'
 *
 * type ChatId = BatchResult<readonly [typeof imbotChatGet, { ENTITY_TYPE: 'OPEN'; ENTITY_ID: 13 }]> // number | null | BatchError
 * ```
 */
export type BatchResult<Command> =
  (Command extends readonly [infer D extends MethodDescriptor, ...unknown[]] ? MethodResult<D> : unknown) | BatchError

/**
 * What `client.batch` resolves to: each command's result or error, under its key.
 *
 * @example
 * ```ts
 * import type { BatchResults } from '@b24bot/transport'
 *
 * const commands = { bots: ['imbot.bot.list'] } as const
 * const results: BatchResults<typeof commands> = await client.batch(commands)
 * ```
 */
export type BatchResults<C extends BatchCommands> = { -readonly [K in keyof C]: BatchResult<C[K]> }

/** Options of `client.batch`. */
export interface BatchOptions {
  /**
   * Stop at the first failing command (`halt=1`): the commands after it are not run and get an
   * `ApiError` with code `BATCH_HALTED`. Default `false`: every command runs.
   */
  readonly halt?: boolean | undefined
  /** Cancels the batch: a command that has not been sent is not; the promise rejects with the reason. */
  readonly signal?: AbortSignal | undefined
  /** Time limit per batch request, in milliseconds. Default: the client's. */
  readonly timeout?: number | undefined
}

/** The pattern of a reference inside any text, with the key it reads (server-behavior §1.9). */
const referencePattern = /\$(?:result|next|total|time|error)\[([^\]]*)\]/gi
/** Anything the portal would read as a reference, bracketed or not. */
const referenceLike = /\$(?:result|next|total|time|error)/i
const keyPattern = /^[\w.-]+$/

/**
 * A reference to a field of an earlier command's result: `$result[key][field][...]`. Use it in the
 * params of a later command of the same batch; the portal substitutes the value (a whole value keeps
 * its type, a reference inside a text is replaced by its text). Segments are keys or list indexes.
 *
 * @example
 * ```ts
 * import { ref } from '@b24bot/transport'
 * import { methods } from '@b24bot/imbot'
 *
 * const results = await client.batch({
 *   chat: [methods['imbot.chat.add'], { TITLE: 'Order 13' }],
 *   hello: [methods['imbot.message.add'], { DIALOG_ID: `chat${ref('chat')}`, MESSAGE: 'Hello' }],
 * })
 * ```
 */
export function ref<const Key extends string>(key: Key, ...path: readonly (string | number)[]): BatchReference<Key> {
  for (const segment of [key, ...path.map(String)]) {
    if (segment === '' || /[\s[\]]/.test(segment)) {
      throw new TypeError(`A batch reference segment must be non-empty, without spaces or brackets: ${JSON.stringify(segment)}`)
    }
  }
  return `$result[${key}]${path.map((segment) => `[${String(segment)}]`).join('')}` as BatchReference<Key>
}

/** Whether any string in `value` holds something the portal would read as a reference. */
export function mentionsReference(value: unknown): boolean {
  if (typeof value === 'string') return referenceLike.test(value)
  if (Array.isArray(value)) return value.some(mentionsReference)
  if (typeof value === 'object' && value !== null) return Object.values(value).some(mentionsReference)
  return false
}

type Path = readonly (string | number)[]

/** Every string leaf of `value` with its path. */
function* stringLeaves(value: unknown, path: Path = []): Generator<{ readonly path: Path; readonly text: string }> {
  if (typeof value === 'string') {
    yield { path, text: value }
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* stringLeaves(item, [...path, index])
  } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) yield* stringLeaves(item, [...path, key])
  }
}

/** The keys the references in `text` read. */
function referencedKeys(text: string): string[] {
  return [...text.matchAll(referencePattern)].map((match) => match[1] ?? '')
}

function dotted(path: Path): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${String(segment)}]` : index === 0 ? segment : `.${segment}`))
    .join('')
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => String(path[index]) === String(segment))
}

/** Puts `value` at `path` inside `target`, making the objects on the way. */
function setAt(target: Record<string, unknown>, path: Path, value: unknown): void {
  let node: Record<string, unknown> = target
  for (const [index, segment] of path.entries()) {
    const key = String(segment)
    if (index === path.length - 1) {
      node[key] = value
      return
    }
    const next = node[key]
    if (typeof next !== 'object' || next === null) node[key] = typeof path[index + 1] === 'number' ? [] : {}
    node = node[key] as Record<string, unknown>
  }
}

/**
 * Validates a described command's params with its references set aside: a value holding a reference
 * stands for a value the portal fills in later, so issues at (or under) it are ignored, every other
 * field must pass, and the reference itself is sent as written. The schema's output is sent otherwise.
 */
function validateCommand(key: string, descriptor: MethodDescriptor, params: unknown): Params {
  const input = params ?? {}
  const references = [...stringLeaves(input)].filter((leaf) => referenceLike.test(leaf.text))
  const parsed = v.safeParse(descriptor.params, input)
  const issues = parsed.success
    ? []
    : parsed.issues.filter((issue) => {
        const path = (issue.path ?? []).map((item) => item.key as string | number)
        return !references.some((reference) => startsWith(path, reference.path))
      })
  const output: unknown = parsed.output
  if (issues.length > 0 || typeof output !== 'object' || output === null || Array.isArray(output)) {
    const found: Issue[] = issues.length > 0 ? toIssues(issues) : [{ path: '', message: 'Expected an object' }]
    throw new ValidationError({
      method: descriptor.method,
      issues: found.map((issue) => ({ ...issue, path: issue.path ? `${key}.${issue.path}` : key })),
    })
  }
  const wire = output as Record<string, unknown>
  for (const reference of references) setAt(wire, reference.path, reference.text)
  return wire
}

/** One command as it is sent: its key, method, validated wire params, and whether it is safe to repeat. */
export interface BatchEntry {
  readonly key: string
  readonly method: string
  readonly params: Params
  readonly idempotent: boolean
}

/** What the portal answered for one command: a success envelope of its own, or why there is none and what that means. */
export type EntryOutcome =
  | { readonly ok: true; readonly envelope: SuccessEnvelope }
  | { readonly ok: false; readonly error: ApiError | ResponseShapeError; readonly verdict: Verdict }

/** `method?query`: a command as `cmd` carries it, the query PHP `http_build_query` style. */
function encodeCommand(entry: BatchEntry): string {
  const query = encodeForm(entry.params as Readonly<Record<string, FormInput>>)
  return query === '' ? entry.method : `${entry.method}?${query}`
}

/** A PHP array of the answer: a list for keys 0..n-1 (or `[]` when empty), else an object. */
const phpMapSchema = v.optional(
  v.union([
    v.pipe(
      v.array(v.unknown()),
      v.transform((list): Record<string, unknown> => Object.fromEntries(list.entries())),
    ),
    v.record(v.string(), v.unknown()),
  ]),
  {},
)

const batchAnswerSchema = v.looseObject({
  result: phpMapSchema,
  result_error: phpMapSchema,
  result_total: phpMapSchema,
  result_next: phpMapSchema,
  result_time: phpMapSchema,
})

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** What the batch sender is built from: the client's executor, limiter and redactor. */
export interface BatchSenderOptions {
  readonly execute: (request: ExecuteRequest) => Promise<SuccessEnvelope>
  readonly limiter: Limiter
  readonly redactor: Redactor
}

/** How one batch request is sent. */
export interface SendOptions {
  readonly halt: boolean
  readonly signal: AbortSignal | undefined
  readonly timeout: number | false
}

/** Sends up to 50 commands as one `batch` request and reads each command's outcome. */
export type BatchSender = (entries: readonly BatchEntry[], options: SendOptions) => Promise<Map<string, EntryOutcome>>

/**
 * A redactor that also knows the credentials in the params of every call of one request: a portal that
 * echoes the request may quote any of them in the error of any command.
 */
export function requestRedactor(redactor: Redactor, calls: readonly { readonly params: Params }[]): Redactor {
  return redactor.with(calls.flatMap((call) => sensitiveValues(call.params)))
}

/** How errors of one command are made: its method, its safety, and its own credentials kept out. */
export function contextOf(entry: Pick<BatchEntry, 'method' | 'params' | 'idempotent'>, redactor: Redactor, label?: string): FailureContext {
  return { method: entry.method, idempotent: entry.idempotent, redactor: redactor.with(sensitiveValues(entry.params)), label }
}

/**
 * Creates the function that sends one `batch` request (server-behavior §1.9) through the executor:
 * the limiter waits for every sub-method, the request is repeated after a lost answer only when every
 * command is safe to repeat, and each command's `result_time` is reported to the limiter as its own.
 * A command with neither a result nor an error is missing from the map (not run after a halt).
 */
function createBatchSender(options: BatchSenderOptions): BatchSender {
  const { execute, limiter, redactor } = options
  return async (entries, { halt, signal, timeout }) => {
    const cmd: Record<string, string> = {}
    for (const entry of entries) cmd[entry.key] = encodeCommand(entry)
    const envelope = await execute({
      method: 'batch',
      params: { cmd, halt: halt ? 1 : 0 },
      signal,
      timeout,
      idempotent: entries.every((entry) => entry.idempotent),
      limitMethods: [...new Set(entries.map((entry) => entry.method))],
      secrets: () => entries.flatMap((entry) => sensitiveValues(entry.params)),
    })
    const parsed = v.safeParse(batchAnswerSchema, envelope.result)
    const shared = requestRedactor(redactor, entries)
    if (!parsed.success) {
      const context: FailureContext = { method: 'batch', idempotent: false, redactor: shared }
      throw shapeError(context, toIssues(parsed.issues, { quoteValues: false }), envelope.result)
    }
    const answer = parsed.output
    const outcomes: Map<string, EntryOutcome> = new Map()
    for (const entry of entries) {
      const { key, method } = entry
      if (Object.hasOwn(answer.result_error, key)) {
        outcomes.set(key, commandError(contextOf(entry, shared), answer.result_error[key], limiter))
      } else if (Object.hasOwn(answer.result, key)) {
        const time = v.safeParse(responseTimeSchema, answer.result_time[key])
        if (time.success) limiter.observe(method, time.output)
        const next = numberOrUndefined(answer.result_next[key])
        const total = numberOrUndefined(answer.result_total[key])
        outcomes.set(key, {
          ok: true,
          envelope: {
            result: answer.result[key],
            time: time.success ? time.output : envelope.time,
            ...(next === undefined ? {} : { next }),
            ...(total === undefined ? {} : { total }),
          },
        })
      }
    }
    return outcomes
  }
}

/**
 * A command's `result_error` entry as the error a plain call would have raised, judged by the error
 * policy on its code alone (the answer does not give the sub-call's status; the error says 200, the
 * batch's); tells the limiter what the policy says it learns.
 */
function commandError(context: FailureContext, body: unknown, limiter: Limiter): EntryOutcome {
  const failure = v.safeParse(errorEnvelopeSchema, body)
  if (!failure.success)
    return {
      ok: false,
      error: shapeError(context, toIssues(failure.issues, { quoteValues: false }), body),
      verdict: verdict({ kind: 'shape' }),
    }
  const found = verdict({ kind: 'api', code: failure.output.error, status: undefined })
  if (found.limiter === 'bucket-full') limiter.rateLimited()
  if (found.limiter === 'hold-method') limiter.operationLimited(context.method)
  return { ok: false, error: apiError(context, failure.output, 200, undefined), verdict: found }
}

/** A command of `client.batch`, validated. */
interface PreparedCommand {
  readonly key: string
  readonly method: string
  readonly descriptor: MethodDescriptor | undefined
  readonly params: Params
  readonly idempotent: boolean
}

/** What `client.batch` needs from its client. */
export interface BatchContext {
  readonly send: BatchSender
  /** The client's wraps around `terminal`: each command goes through them, as a plain call does. */
  readonly wrap: (terminal: CallNext) => CallNext
  /** How a call goes on its own (below the wraps): for a wrap that calls `next` again after the batch left. */
  readonly alone: CallNext
  readonly redactor: Redactor
  readonly timeout: number | false
}

/** Validates every command; refuses bad keys, bad method names and references that cannot work. */
function prepareCommands(commands: BatchCommands): PreparedCommand[] {
  const prepared: PreparedCommand[] = []
  for (const [key, command] of Object.entries(commands)) {
    if (!keyPattern.test(key))
      throw new TypeError(`A batch command key may hold only letters, digits, "_", "." and "-": ${JSON.stringify(key)}`)
    if (!Array.isArray(command)) throw new TypeError(`Batch command ${key} must be [descriptor, params] or [method, params]`)
    const [target, params] = command as BatchCommand
    const method = methodOf(target, `Batch command ${key}: `)
    const descriptor = typeof target === 'string' ? undefined : target
    const wire = descriptor ? validateCommand(key, descriptor, params) : paramsFor(method, params)
    prepared.push({ key, method, descriptor, params: wire, idempotent: descriptor?.idempotent ?? false })
  }
  checkReferences(prepared)
  return prepared
}

/**
 * A reference may only read an earlier command sent in the same request: the portal knows nothing of
 * later commands, nor of other requests. Checked before anything is sent.
 */
function checkReferences(commands: readonly PreparedCommand[]): void {
  const position = new Map(commands.map((command, index) => [command.key, index]))
  const issues: Issue[] = []
  for (const [index, command] of commands.entries()) {
    for (const leaf of stringLeaves(command.params)) {
      for (const key of referencedKeys(leaf.text)) {
        const target = position.get(key)
        const path = `${command.key}.${dotted(leaf.path)}`
        if (target === undefined) issues.push({ path, message: `refers to ${JSON.stringify(key)}, which is not a command of this batch` })
        else if (target >= index) issues.push({ path, message: `refers to ${JSON.stringify(key)}, which does not come before it` })
        else if (Math.floor(target / BATCH_MAX_LENGTH) !== Math.floor(index / BATCH_MAX_LENGTH)) {
          issues.push({
            path,
            message: `refers to ${JSON.stringify(key)}, which is sent in another request (a batch of more than ${String(BATCH_MAX_LENGTH)} commands goes in requests of ${String(BATCH_MAX_LENGTH)}, and a reference only reads its own request)`,
          })
        }
      }
    }
  }
  if (issues.length > 0) throw new ValidationError({ method: 'batch', issues })
}

function haltedError(method: string, failedKey: string): ApiError {
  return new ApiError({
    method,
    code: 'BATCH_HALTED',
    description: `not run: the batch halted when command ${JSON.stringify(failedKey)} failed`,
    status: 200,
    details: { haltedBy: failedKey },
  })
}

/** A promise with its settling functions outside. */
interface Deferred<T> {
  readonly promise: Promise<T>
  readonly resolve: (value: T) => void
  readonly reject: (reason: unknown) => void
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined
  let reject: (reason: unknown) => void = () => undefined
  const promise: Promise<T> = new Promise((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}

/** One command of a request on its way through the wraps. */
interface Slot {
  readonly command: PreparedCommand
  /** What reached the end of the wraps: the command as it is sent. */
  entry: BatchEntry | undefined
  /** Resolves when the command reached the end of the wraps. */
  readonly arrived: Deferred<undefined>
  /** The answer the end of the wraps gives back. */
  readonly answer: Deferred<SuccessEnvelope>
}

/** What one command came to, after the wraps: its envelope, or the error. */
type Settled = { readonly ok: true; readonly envelope: SuccessEnvelope } | { readonly ok: false; readonly error: unknown }

/**
 * Sends one request of up to 50 commands, each through the client's wraps: the request leaves once
 * every command reached the end of the wraps (or a wrap settled it without going on), and each
 * command's answer goes back up through its wraps. Resolves to what each command came to, and the key
 * of the first command that failed in the portal (for `halt`).
 */
async function runChunk(
  context: BatchContext,
  chunk: readonly PreparedCommand[],
  options: SendOptions,
): Promise<{ readonly settled: Settled[]; readonly failedKey: string | undefined }> {
  let open = true
  const slots: Slot[] = chunk.map((command) => ({ command, entry: undefined, arrived: deferred(), answer: deferred() }))
  const chains = slots.map((slot) => {
    const terminal: CallNext = (request: CallRequest) => {
      // A wrap that calls `next` again, or after the request left: the call goes on its own.
      if (!open || slot.entry) return context.alone(request)
      slot.entry = { key: slot.command.key, method: methodOf(request.method), params: request.params, idempotent: request.idempotent }
      slot.arrived.resolve(undefined)
      return slot.answer.promise
    }
    const { method, params, idempotent } = slot.command
    return Promise.resolve()
      .then(() => context.wrap(terminal)({ method, params, signal: options.signal, timeout: options.timeout, idempotent }))
      .then(
        (envelope): Settled => ({ ok: true, envelope }),
        (error: unknown): Settled => ({ ok: false, error }),
      )
  })
  await Promise.all(slots.map((slot, index) => Promise.race([slot.arrived.promise, chains[index]])))
  open = false
  const sending = slots.filter((slot): slot is Slot & { entry: BatchEntry } => slot.entry !== undefined)
  const shared = requestRedactor(
    context.redactor,
    sending.map((slot) => slot.entry),
  )
  let failedKey: string | undefined
  if (sending.length > 0) {
    try {
      const outcomes = await context.send(
        sending.map((slot) => slot.entry),
        options,
      )
      for (const slot of sending) {
        const outcome = outcomes.get(slot.entry.key)
        if (outcome?.ok) slot.answer.resolve(outcome.envelope)
        else if (outcome) {
          failedKey ??= slot.entry.key
          slot.answer.reject(outcome.error)
        } else if (options.halt && failedKey !== undefined) slot.answer.reject(haltedError(slot.entry.method, failedKey))
        else {
          const issues = [
            { path: `result.${slot.entry.key}`, message: 'the batch answer has neither a result nor an error for this command' },
          ]
          slot.answer.reject(shapeError(contextOf(slot.entry, shared), issues, undefined))
        }
      }
    } catch (error) {
      failedKey = sending[0]?.entry.key
      // The request failed as a whole: each command gets its error, restated with its own method.
      for (const slot of sending)
        slot.answer.reject(restate(error, 'batch', contextOf(slot.entry, shared, `${slot.entry.method} (sent in a batch)`)))
    }
  }
  return { settled: await Promise.all(chains), failedKey }
}

/**
 * `client.batch`: validates every command (no request when one is wrong), sends them in requests of
 * 50 in order, each command through the client's wraps, and resolves to each command's parsed result
 * or its error. Once requests go out it rejects only when the caller aborts; a request that fails as
 * a whole gives its error to each of its commands, and the next requests still go (with `halt`, they
 * do not: their commands are `BATCH_HALTED`).
 */
async function runBatch(context: BatchContext, commands: BatchCommands, options: BatchOptions = {}): Promise<Record<string, unknown>> {
  options.signal?.throwIfAborted()
  const prepared = prepareCommands(commands)
  const results: Record<string, unknown> = {}
  const halt = options.halt === true
  let haltedBy: string | undefined
  for (let start = 0; start < prepared.length; start += BATCH_MAX_LENGTH) {
    const chunk = prepared.slice(start, start + BATCH_MAX_LENGTH)
    if (haltedBy !== undefined) {
      for (const command of chunk) results[command.key] = haltedError(command.method, haltedBy)
      continue
    }
    const { settled, failedKey } = await runChunk(context, chunk, {
      halt,
      signal: options.signal,
      timeout: options.timeout ?? context.timeout,
    })
    if (options.signal?.aborted) throw options.signal.reason
    if (halt) haltedBy = failedKey
    const shared = requestRedactor(context.redactor, chunk)
    for (const [index, command] of chunk.entries()) {
      const outcome = settled[index]
      if (!outcome) continue
      if (!outcome.ok) {
        results[command.key] = outcome.error
        continue
      }
      const parsed = resultFor(command.descriptor, outcome.envelope.result, contextOf(command, shared))
      results[command.key] = 'value' in parsed ? parsed.value : parsed.error
    }
  }
  return results
}

const batchSenders: WeakMap<ClientInternals, BatchSender> = new WeakMap()

/** The one batch sender of a client, made when first needed. */
export function batchSenderOf(client: ClientInternals): BatchSender {
  let sender = batchSenders.get(client)
  if (sender === undefined) {
    sender = createBatchSender({ execute: client.execute, limiter: client.limiter, redactor: client.redactor })
    batchSenders.set(client, sender)
  }
  return sender
}

/**
 * Sends several calls as `batch` requests: each command is `[descriptor, params]` (validated, its
 * result typed) or `[method, params]`. Resolves to each command's result or its error (an `ApiError`
 * from `result_error`, ...), by key. Later commands may use earlier results through {@link ref}. More
 * than 50 commands go in requests of 50, in order. Each command goes through the client's wraps.
 *
 * @param client A client made by `createClient` or `createBaseClient`.
 * @example
 * ```ts
 * import { ApiError, batch } from '@b24bot/transport'
 * import { imbotChatGet } from '@b24bot/imbot'
 *
 * const { chat, bots } = await batch(client, {
 *   chat: [imbotChatGet, { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 }],
 *   bots: ['imbot.bot.list'],
 * })
 * if (ApiError.isInstance(chat)) console.warn(chat.code)
 * ```
 */
export async function batch<const C extends BatchCommands>(
  client: Caller,
  commands: C & CheckedCommands<C>,
  options?: BatchOptions,
): Promise<BatchResults<C>> {
  const inside = internalsOf(client, 'batch')
  const context = {
    send: batchSenderOf(inside),
    wrap: inside.wrap,
    alone: inside.alone,
    redactor: inside.redactor,
    timeout: inside.timeout,
  }
  return (await runBatch(context, commands, options)) as BatchResults<C>
}
