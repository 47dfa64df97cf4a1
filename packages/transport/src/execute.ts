import { backoff, isSensitiveKey, type CallRequest, type SuccessEnvelope } from '@b24bot/core'
import type { KyInstance } from 'ky'
import type { Auth } from './auth.ts'
import type { BodyEncoder } from './encode-body.ts'
import { failureOf, mayRepeat, verdict } from './error-policy.ts'
import { timeoutError, type FailureContext } from './failures.ts'
import { exchange } from './http.ts'
import type { Limiter } from './limiter.ts'
import { runHook, type AttemptState, type Hooks, type Logger } from './observe.ts'
import { readResponse } from './read-response.ts'
import type { Redactor } from './redactor.ts'
import { sleep, type RetryPolicy } from './retry.ts'

/** One request as the executor sends it: a call (or a `batch` carrying several), and what it takes along. */
export interface ExecuteRequest extends CallRequest {
  /** The methods the limiter must let through: a batch's sub-methods. Default: `[method]`. */
  readonly limitMethods?: readonly string[]
  /** Credentials inside the params where the redactor cannot see their keys (the commands of a batch). */
  readonly secrets?: () => readonly string[]
}

/** What the executor is built from. */
export interface ExecutorOptions {
  /** The ky instance every attempt is sent with. */
  readonly ky: KyInstance
  /** Headers on every request (`accept`, and the caller's own). */
  readonly headers: Readonly<Record<string, string>>
  readonly auth: Auth
  readonly limiter: Limiter
  readonly retry: RetryPolicy
  readonly encoding: BodyEncoder
  readonly redactor: Redactor
  readonly hooks: Hooks
  readonly logger: Logger | undefined
}

/** The string values of credential fields (`botToken`, `CLIENT_ID`, `auth`, ...) anywhere in `params`. */
export function sensitiveValues(params: unknown, found: string[] = [], depth = 0): string[] {
  if (typeof params !== 'object' || params === null || depth > 8) return found
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') {
      if (isSensitiveKey(key)) found.push(value)
    } else sensitiveValues(value, found, depth + 1)
  }
  return found
}

/**
 * The credentials inside the commands of a raw `batch` call (`cmd: { a: 'imbot.message.add?CLIENT_ID=...' }`):
 * the values of credential-named keys (`CLIENT_ID`, `botToken`, `auth[...]`) of each command's query.
 */
function commandSecrets(request: ExecuteRequest): string[] {
  const commands: unknown = request.method.toLowerCase() === 'batch' ? (request.params.cmd ?? request.params.CMD) : undefined
  if (typeof commands !== 'object' || commands === null) return []
  const found: string[] = []
  for (const command of Object.values(commands)) {
    if (typeof command !== 'string' || !command.includes('?')) continue
    try {
      for (const [key, value] of new URLSearchParams(command.slice(command.indexOf('?') + 1)))
        if (isSensitiveKey(key.split('[')[0] ?? key)) found.push(value)
    } catch {
      // Not a query: nothing to find.
    }
  }
  return found
}

/** A redactor made only when first used: the client's secrets, and the credentials the request's params carry. */
function redactorOf(base: Redactor, request: ExecuteRequest): Redactor {
  let made: Redactor | undefined
  const get = (): Redactor =>
    (made ??= base.with([...sensitiveValues(request.params), ...commandSecrets(request), ...(request.secrets?.() ?? [])]))
  return {
    text: (text) => get().text(text),
    value: (value) => get().value(value),
    error: (error) => get().error(error),
    with: (secrets) => get().with(secrets),
  }
}

/**
 * Creates the function that carries one request to the portal: waits on the limiter, authorizes,
 * sends with ky, reads the envelope, and repeats what the error policy lets it repeat, within the
 * attempts and the deadline of the retry policy, honouring the caller's `AbortSignal` at every wait.
 * An expired token is renewed once per call (a renewal that fails for a passing reason is tried
 * again, as an attempt).
 */
export function createExecutor(options: ExecutorOptions): (request: ExecuteRequest) => Promise<SuccessEnvelope> {
  const { ky, auth, limiter, retry, encoding, redactor, hooks, logger } = options

  return async function execute(request: ExecuteRequest): Promise<SuccessEnvelope> {
    const { method } = request
    request.signal?.throwIfAborted()
    const context: FailureContext = { method, idempotent: request.idempotent, redactor: redactorOf(redactor, request) }
    const limitMethods = request.limitMethods ?? [method]
    const deadline = new AbortController()
    const deadlineTimer = setTimeout(() => {
      deadline.abort(timeoutError(context, retry.deadline, { deadline: true, sent: true }))
    }, retry.deadline)
    const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal
    const { body, contentType } = encoding.encode(request.params)
    let renewed = false
    /** The credential to renew before the next attempt, after an `expired_token`. */
    let renewing: string | undefined
    let failures = 0
    let lastError: unknown
    /** Whether a request is on its way (an object: TypeScript cannot see it change across awaits). */
    const progress = { inFlight: false }

    /** Ends the call with `error` after logging it. */
    const fail = (error: unknown, state: AttemptState): never => {
      logger?.warn({ ...state }, 'b24bot call failed')
      throw error
    }
    /** Waits before the next try: the backoff after `failures` failures, or nothing when the limiter paces. */
    const pause = async (state: AttemptState, paced: boolean): Promise<void> => {
      const delay = paced ? 0 : backoff(failures, retry)
      const retrying: AttemptState = { ...state, delay }
      runHook(hooks.beforeRetry, retrying)
      logger?.debug({ ...retrying }, 'b24bot call retrying')
      await sleep(delay, signal)
    }

    try {
      for (let number = 1; ; number += 1) {
        if (renewing !== undefined && auth.refresh) {
          try {
            await auth.refresh(renewing, { signal, timeout: request.timeout, ky })
            renewing = undefined
          } catch (error) {
            if (signal.aborted) {
              // Out of time during the renewal: its account of that (not the expiry) is the call's failure.
              if (!request.signal?.aborted) lastError = error === deadline.signal.reason ? undefined : error
              throw error
            }
            lastError = error
            failures += 1
            const state: AttemptState = { method, attempt: number, url: '', error }
            // The call did not run: a renewal that failed for a passing reason is tried again.
            if (verdict(failureOf(error)).repeat === 'never' || failures >= retry.attempts) fail(error, state)
            await pause(state, false)
            continue
          }
        }
        await limiter.acquire(limitMethods, signal)
        const authorized = await auth.authorize(method)
        const attempt = number
        /** The attempt as hooks and logs see it (the URL redacted); built only when someone looks. */
        const describe = (details: Omit<AttemptState, 'method' | 'attempt' | 'url'> = {}): AttemptState => ({
          method,
          attempt,
          url: redactor.text(authorized.url),
          ...details,
        })
        if (hooks.beforeRequest) runHook(hooks.beforeRequest, describe())
        const started = Date.now()
        try {
          progress.inFlight = true
          const answer = await exchange(
            ky,
            {
              url: authorized.url,
              httpMethod: 'POST',
              headers: { ...options.headers, ...authorized.headers, 'content-type': contentType },
              body,
              timeout: request.timeout,
              signal,
            },
            context,
          )
          progress.inFlight = false
          const envelope = readResponse(context, answer)
          limiter.observe(method, envelope.time)
          if (hooks.afterResponse || logger) {
            const done = describe({ status: answer.status, duration: Date.now() - started })
            runHook(hooks.afterResponse, done)
            logger?.debug({ ...done }, 'b24bot call')
          }
          return envelope
        } catch (error) {
          progress.inFlight = false
          if (signal.aborted) throw error
          lastError = error
          const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : undefined
          const state = describe({ status, duration: Date.now() - started, error })
          runHook(hooks.afterResponse, state)
          const found = verdict(failureOf(error))
          if (found.limiter === 'bucket-full') limiter.rateLimited()
          if (found.limiter === 'hold-method') for (const name of limitMethods) limiter.operationLimited(name)
          if (found.renew) {
            if (!auth.refresh || renewed) fail(error, state)
            renewed = true
            renewing = authorized.credential
            logger?.debug({ ...state }, 'b24bot token expired, refreshing')
            continue
          }
          failures += 1
          if (!mayRepeat(found, request.idempotent) || failures >= retry.attempts) fail(error, state)
          // A limit the limiter learns from is paced by it, unless it does not pace (`unlimited`): then the backoff waits.
          await pause(state, found.limiter !== undefined && limiter.paces !== false)
        }
      }
    } catch (error) {
      // Aborted by the caller: their reason. Past the deadline: the last failure, or the deadline
      // itself (saying, for a write, that its outcome is unknown when a request was on its way).
      if (request.signal?.aborted) throw request.signal.reason
      if (!deadline.signal.aborted) throw error
      if (progress.inFlight) throw deadline.signal.reason
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the last failure, as it was thrown
      throw lastError ?? timeoutError(context, retry.deadline, { deadline: true, sent: false })
    } finally {
      clearTimeout(deadlineTimer)
    }
  }
}
