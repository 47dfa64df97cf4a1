import { ApiError, HttpError, NetworkError, ResponseShapeError, TimeoutError, type ErrorEnvelope, type Issue } from '@b24bot/core'
import { failureOf, hintOf, isRetryable, markUnsent, neverSent, verdict, type Failure } from './error-policy.ts'
import { maxSecretSpan, type Redactor } from './redactor.ts'

/**
 * Who a failure belongs to: the method, whether the call is safe to repeat (the error's `retryable`
 * and hint depend on it), the redactor for its secrets, and how messages name it.
 */
export interface FailureContext {
  readonly method: string
  readonly idempotent: boolean
  readonly redactor: Redactor
  /** How messages name the call, when not by its method alone: `imbot.message.add (sent in a batch)`. */
  readonly label?: string | undefined
}

/** `retryable` and `hint` for a failure of this call, from the error policy. */
function policyOf(context: FailureContext, failure: Failure): { readonly retryable: boolean; readonly hint: string | undefined } {
  const found = verdict(failure)
  return { retryable: isRetryable(found, context.idempotent), hint: hintOf(found, context.idempotent) }
}

/**
 * The one place an error envelope becomes an `ApiError`: description and extra keys redacted.
 * `status` is the response's (200 for a command of a batch, whose own status the answer does not
 * give: `policyStatus` is then `undefined`, and the code alone decides).
 */
export function apiError(
  context: FailureContext,
  envelope: ErrorEnvelope,
  status: number,
  policyStatus: number | undefined = status,
): ApiError {
  const { error: code, error_description: description, ...details } = envelope
  const safeCode = context.redactor.text(code)
  return new ApiError({
    method: context.method,
    code: safeCode,
    description: context.redactor.text(description),
    status,
    details: context.redactor.value(details) as Readonly<Record<string, unknown>>,
    ...policyOf(context, { kind: 'api', code, status: policyStatus }),
  })
}

/** How much of a body `HttpError` keeps. */
const excerptLength = 500
/** How much of a long body is searched for secrets before it is cut to the excerpt. */
const bodyWindow = 64 * 1024

/**
 * The start of `body`, redacted before it is cut, so that a secret the cut would split is never
 * left half-written. A body longer than {@link bodyWindow} is searched in its first `bodyWindow`
 * characters: a secret split by that cut stays, unmatched, within the last {@link maxSecretSpan}
 * characters of what comes back, past the excerpt unless masks shortened the window that much; if
 * they did, the whole body is searched.
 */
function excerptOf(redactor: Redactor, body: string): string {
  if (body.length <= bodyWindow) return redactor.text(body).slice(0, excerptLength)
  const head = redactor.text(body.slice(0, bodyWindow))
  return (head.length >= excerptLength + maxSecretSpan ? head : redactor.text(body)).slice(0, excerptLength)
}

/** A non-2xx answer without an envelope: its status and the start of its body, redacted. */
export function httpError(context: FailureContext, status: number, body: string): HttpError {
  return new HttpError({
    method: context.method,
    status,
    body: excerptOf(context.redactor, body),
    ...policyOf(context, { kind: 'http', status }),
  })
}

/** A 2xx that is not what was expected. The issues are redacted; `received` keeps the raw value, non-enumerable. */
export function shapeError(context: FailureContext, issues: readonly Issue[], received: unknown): ResponseShapeError {
  const clean = issues.map((issue) => ({ path: context.redactor.text(issue.path), message: context.redactor.text(issue.message) }))
  return new ResponseShapeError({ method: context.method, issues: clean, received, ...policyOf(context, { kind: 'shape' }) })
}

function causeText(cause: unknown): string {
  if (!(cause instanceof Error)) return ''
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : ''
  return `: ${cause.message}${inner}`
}

/** No response: the cause rebuilt without secrets. */
export function networkError(context: FailureContext, cause: unknown, sent: boolean): NetworkError {
  const clean = context.redactor.error(cause)
  const label = context.label ?? context.method
  return new NetworkError(
    { method: context.method, cause: clean, ...policyOf(context, { kind: 'network', sent }) },
    `${label} failed before a response arrived${causeText(clean)}`,
  )
}

/** How a time limit ran out. */
export interface TimeoutDetails {
  /** The call's deadline (all its attempts and waits), not one attempt's limit. */
  readonly deadline?: boolean
  /** Whether a request was on its way. Default `true`; `false` when the time ran out before any was sent. */
  readonly sent?: boolean
}

/**
 * A failure before the request left (a hook of the ky instance that threw, an option ky refused):
 * nothing was sent, and repeating the same request would fail the same way. A `NetworkError` (no
 * response), its cause rebuilt without secrets.
 */
export function unsentError(context: FailureContext, cause: unknown): NetworkError {
  const clean = context.redactor.error(cause)
  const label = context.label ?? context.method
  const error = new NetworkError(
    { method: context.method, cause: clean, ...policyOf(context, { kind: 'local' }) },
    `${label} was not sent: it failed before it left${causeText(clean)}`,
  )
  markUnsent(error)
  return error
}

/** No response within `timeout` ms, or (a `deadline`) no completion within that many ms. */
export function timeoutError(context: FailureContext, timeout: number, details: TimeoutDetails = {}): TimeoutError {
  const label = context.label ?? context.method
  const message = details.deadline
    ? `${label} did not complete within the ${String(timeout)} ms deadline`
    : `${label} got no response within ${String(timeout)} ms`
  const failure: Failure = details.sent === false ? { kind: 'network', sent: false } : { kind: 'timeout' }
  const error = new TimeoutError({ method: context.method, timeout, ...policyOf(context, failure) }, message)
  timeouts.set(error, details)
  return error
}

/** How each of our `TimeoutError`s ran out, so that restating one for a command keeps it. */
const timeouts: WeakMap<TimeoutError, TimeoutDetails> = new WeakMap()

/**
 * The error of a request, restated for one call it carried (a command of a batch): the same class and
 * facts, naming that call's method and judged by its own safety. Errors of another endpoint (the token
 * endpoint, `oauth/token`) and errors that are not ours pass unchanged.
 */
export function restate(error: unknown, from: string, context: FailureContext): unknown {
  if (!(error instanceof Error) || (error as { method?: unknown }).method !== from) return error
  if (ApiError.isInstance(error)) {
    return apiError(context, { ...error.details, error: error.code, error_description: error.description }, error.status)
  }
  if (HttpError.isInstance(error)) return httpError(context, error.status, error.body)
  if (ResponseShapeError.isInstance(error)) return shapeError(context, error.issues, error.received)
  if (TimeoutError.isInstance(error)) return timeoutError(context, error.timeout, timeouts.get(error))
  if (NetworkError.isInstance(error))
    return failureOf(error).kind === 'local'
      ? unsentError(context, error.cause)
      : networkError(context, error.cause, !neverSent(error.cause))
  return error
}
