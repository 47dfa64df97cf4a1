import { ApiError, HttpError, NetworkError, TimeoutError, type SuccessEnvelope } from '@b24bot/core'
import type { Auth } from './auth.ts'
import { encodeBody, type BodyEncoding } from './encode-body.ts'
import type { Limiter } from './limiter.ts'
import { runHook, type AttemptState, type Hooks, type Logger } from './observe.ts'
import { readResponse } from './read-response.ts'
import type { Redactor } from './redactor.ts'
import { backoff, sleep, type RetryPolicy } from './retry.ts'

/** Params of a call on the wire: any object. */
export type WireParams = Readonly<Record<string, unknown>>

/** One request as the executor sends it: validated params, and what may be done when it fails. */
export interface ExecuteRequest {
  readonly method: string
  readonly params: WireParams
  readonly signal: AbortSignal | undefined
  /** Time limit per attempt, in milliseconds, or `false`. */
  readonly timeout: number | false
  /** Safe to resend after a failure that may have come after the portal executed it. */
  readonly idempotent: boolean
  /** The methods the limiter must let through: a batch's sub-methods. Default: `[method]`. */
  readonly limitMethods?: readonly string[]
}

/** What the executor is built from. */
export interface ExecutorOptions {
  /** The `fetch` requests go through. */
  readonly fetch: typeof globalThis.fetch
  /** Headers on every request (`accept`, and the caller's own). */
  readonly headers: Readonly<Record<string, string>>
  readonly auth: Auth
  readonly limiter: Limiter
  readonly retry: RetryPolicy
  readonly encoding: BodyEncoding
  readonly redactor: Redactor
  readonly hooks: Hooks
  readonly logger: Logger | undefined
}

/** Codes of connection failures that happen before a request is sent: the portal never saw it. */
const notSentCodes: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])

/** Whether a connection failure certainly happened before anything was sent. */
function neverSent(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false
  const code = (error as { code?: unknown }).code
  return (typeof code === 'string' && notSentCodes.has(code)) || neverSent((error as { cause?: unknown }).cause, depth + 1)
}

/** Why a call ends or goes on after a failed attempt. */
type Decision =
  | { readonly kind: 'fail' }
  | { readonly kind: 'refresh' }
  /** Repeat; `paced` when the limiter already makes the wait (no extra backoff). */
  | { readonly kind: 'retry'; readonly paced: boolean }

/**
 * What to do after a failed attempt (issue: retries that never duplicate a write):
 * - 401 `expired_token`: renew the credentials and replay (once), when the auth can;
 * - 503 `QUERY_LIMIT_EXCEEDED`: not executed; the limiter slows down and the call goes again;
 * - 429 `OPERATION_TIME_LIMIT`: not executed; the limiter holds the method until its reset;
 * - `OVERLOAD_LIMIT` and every other portal error: final;
 * - a connection that failed before sending: not executed, repeat;
 * - a timeout, a lost connection, a 5xx without an envelope, `INTERNAL_SERVER_ERROR`: the outcome is
 *   unknown, so repeat only a call that is safe to repeat.
 */
function decide(error: unknown, request: ExecuteRequest, refreshed: boolean, canRefresh: boolean, limiter: Limiter): Decision {
  if (ApiError.isInstance(error)) {
    switch (error.code) {
      case 'expired_token':
        return canRefresh && !refreshed ? { kind: 'refresh' } : { kind: 'fail' }
      case 'QUERY_LIMIT_EXCEEDED':
        limiter.rateLimited()
        return { kind: 'retry', paced: true }
      case 'OPERATION_TIME_LIMIT':
        for (const method of request.limitMethods ?? [request.method]) limiter.operationLimited(method)
        return { kind: 'retry', paced: true }
      case 'INTERNAL_SERVER_ERROR':
        return request.idempotent ? { kind: 'retry', paced: false } : { kind: 'fail' }
      default:
        return { kind: 'fail' }
    }
  }
  if (NetworkError.isInstance(error)) {
    if (!TimeoutError.isInstance(error) && neverSent(error.cause)) return { kind: 'retry', paced: false }
    return request.idempotent ? { kind: 'retry', paced: false } : { kind: 'fail' }
  }
  if (HttpError.isInstance(error) && error.status >= 500) return request.idempotent ? { kind: 'retry', paced: false } : { kind: 'fail' }
  return { kind: 'fail' }
}

/** The error a call ends with when its outcome is unknown: says so, so nobody repeats a write blindly. */
function unknownOutcome(error: NetworkError, request: ExecuteRequest): NetworkError {
  if (request.idempotent || neverSent(error.cause)) return error
  const note = ' The call was not repeated: the portal may or may not have executed it.'
  return TimeoutError.isInstance(error)
    ? new TimeoutError({ method: error.method, timeout: error.timeout }, `${error.message}.${note}`)
    : new NetworkError({ method: error.method, cause: error.cause }, `${error.message}.${note}`)
}

/**
 * Creates the function that carries one request to the portal: waits on the limiter, authorizes,
 * sends, reads the envelope, and repeats what may be repeated, within the attempts and the deadline
 * of the retry policy, honouring the caller's `AbortSignal` at every wait.
 */
export function createExecutor(options: ExecutorOptions): (request: ExecuteRequest) => Promise<SuccessEnvelope> {
  const { fetch, auth, limiter, retry, encoding, redactor, hooks, logger } = options

  /**
   * One HTTP exchange; every failure leaves as a b24bot error without secrets. The attempt has its
   * own controller, aborted by its time limit or by `signal` (the call's), so the HTTP layer needs
   * no timer of its own.
   */
  async function attempt(request: ExecuteRequest, url: string, headers: Readonly<Record<string, string>>, signal: AbortSignal): Promise<{ envelope: SuccessEnvelope; status: number }> {
    const { method, timeout } = request
    const { body, contentType } = encodeBody(request.params, encoding)
    const controller = new AbortController()
    const onAbort = (): void => {
      controller.abort(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    const state = { timedOut: false }
    const timer =
      timeout === false
        ? undefined
        : setTimeout(() => {
            state.timedOut = true
            controller.abort()
          }, timeout)
    let response: Response
    let text: string
    try {
      response = await fetch(url, {
        method: 'POST',
        body,
        headers: { ...options.headers, ...headers, 'content-type': contentType },
        signal: controller.signal,
        redirect: 'manual',
      })
      text = await response.text()
    } catch (error) {
      if (signal.aborted) throw signal.reason
      if (state.timedOut && timeout !== false) throw new TimeoutError({ method, timeout })
      throw new NetworkError({ method, cause: redactor.error(error) })
    } finally {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
    }
    return { envelope: readResponse(method, response.status, response.ok, text, redactor), status: response.status }
  }

  return async function execute(request: ExecuteRequest): Promise<SuccessEnvelope> {
    const { method } = request
    request.signal?.throwIfAborted()
    const deadline = new AbortController()
    const deadlineTimer = setTimeout(() => {
      deadline.abort(new TimeoutError({ method, timeout: retry.deadline }, `${method} did not complete within the ${String(retry.deadline)} ms deadline`))
    }, retry.deadline)
    const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal
    let refreshed = false
    let lastError: unknown
    const progress = { inFlight: false }
    try {
      for (let number = 1; ; number += 1) {
        await limiter.acquire(request.limitMethods ?? [method], signal)
        const authorized = await auth.authorize(method)
        const attemptNumber = number
        /** The attempt as hooks and logs see it (the URL redacted); built only when someone looks. */
        const describe = (details: Omit<AttemptState, 'method' | 'attempt' | 'url'> = {}): AttemptState => ({
          method,
          attempt: attemptNumber,
          url: redactor.text(authorized.url),
          ...details,
        })
        if (hooks.beforeRequest) runHook(hooks.beforeRequest, describe())
        const started = Date.now()
        try {
          progress.inFlight = true
          const { envelope, status } = await attempt(request, authorized.url, authorized.headers, signal)
          progress.inFlight = false
          limiter.observe(method, envelope.time)
          if (hooks.afterResponse || logger) {
            const done = describe({ status, duration: Date.now() - started })
            runHook(hooks.afterResponse, done)
            logger?.debug({ ...done }, 'b24bot call')
          }
          return envelope
        } catch (error) {
          if (signal.aborted) throw error
          progress.inFlight = false
          lastError = error
          const status = ApiError.isInstance(error) || HttpError.isInstance(error) ? error.status : undefined
          const failed = describe({ status, duration: Date.now() - started, error })
          runHook(hooks.afterResponse, failed)
          const decision = decide(error, request, refreshed, auth.refresh !== undefined, limiter)
          if (decision.kind === 'refresh' && auth.refresh) {
            refreshed = true
            logger?.debug({ ...failed }, 'b24bot token expired, refreshing')
            await auth.refresh(authorized.credential)
            continue
          }
          if (decision.kind !== 'retry' || number >= retry.attempts) {
            logger?.warn({ ...failed }, 'b24bot call failed')
            throw NetworkError.isInstance(error) ? unknownOutcome(error, request) : error
          }
          const delay = decision.paced ? 0 : backoff(retry, number)
          const retrying: AttemptState = { ...failed, delay }
          runHook(hooks.beforeRetry, retrying)
          logger?.debug({ ...retrying }, 'b24bot call retrying')
          await sleep(delay, signal)
        }
      }
    } catch (error) {
      // Aborted by the caller: their reason. Past the deadline: the last failure, or the deadline
      // itself (saying the outcome is unknown when a request was on its way).
      if (request.signal?.aborted) throw request.signal.reason
      if (!deadline.signal.aborted) throw error
      const reason = (lastError ?? deadline.signal.reason) as Error
      throw progress.inFlight && NetworkError.isInstance(deadline.signal.reason) ? unknownOutcome(deadline.signal.reason, request) : reason
    } finally {
      clearTimeout(deadlineTimer)
    }
  }
}
