import { ApiError, HttpError, NetworkError, ResponseShapeError, TimeoutError } from '@b24bot/core'

/** Whether the portal ran the call that failed: certainly not, certainly, or nobody can tell. */
export type Executed = 'no' | 'yes' | 'unknown'

/** Whether the call may be sent again: always (it did not run), only when it is safe to repeat, or never. */
export type Repeat = 'always' | 'if-safe' | 'never'

/**
 * What the limiter learns: `'bucket-full'`, the portal's request bucket is full now; `'hold-method'`,
 * the method is held until its operating-time reset (`time.operating_reset_at`).
 */
export type LimiterLesson = 'bucket-full' | 'hold-method'

/** What one failure means: the one answer every part of the transport reads. */
export interface Verdict {
  readonly executed: Executed
  readonly repeat: Repeat
  readonly limiter?: LimiterLesson
  /** The credentials expired: renew them (once), then send again. */
  readonly renew?: true
}

/** A failure as the policy reads it, before or after an error object exists for it. */
export type Failure =
  /** An error envelope: its code, and its HTTP status (`undefined` inside a batch, where the answer does not give it). */
  | { readonly kind: 'api'; readonly code: string; readonly status: number | undefined }
  /** A non-2xx status with no envelope (a proxy's page, a redirect). */
  | { readonly kind: 'http'; readonly status: number }
  /** No response: `sent` is false when the connection failed before anything went out. */
  | { readonly kind: 'network'; readonly sent: boolean }
  | { readonly kind: 'timeout' }
  /** A 2xx that is not the expected shape. */
  | { readonly kind: 'shape' }
  /** A failure before the request left (a hook of the ky instance that threw): not run, and it would fail again. */
  | { readonly kind: 'local' }
  /** Anything else (a token store that threw). */
  | { readonly kind: 'other' }

const refused: Verdict = { executed: 'no', repeat: 'never' }
/** The server failed on its side (or a proxy in front of it): the call may have run part-way. */
const serverFault: Verdict = { executed: 'unknown', repeat: 'if-safe' }
const notSent: Verdict = { executed: 'no', repeat: 'always' }

/**
 * The meaning of Bitrix24's error codes (server-behavior §1.3-1.10, imbot-v2 §4). A code not listed
 * means what its status says: a 5xx is a server fault, anything else a refusal.
 */
const codes: Readonly<Record<string, Verdict | ((status: number | undefined) => Verdict)>> = {
  // The request bucket is full (503; the bot pages say 429): refused before running.
  QUERY_LIMIT_EXCEEDED: { executed: 'no', repeat: 'always', limiter: 'bucket-full' },
  // The method used its operating-time budget (429): refused before running, until its reset.
  OPERATION_TIME_LIMIT: { executed: 'no', repeat: 'always', limiter: 'hold-method' },
  // A block set by hand on the portal: no repeat can cure it.
  OVERLOAD_LIMIT: refused,
  // `batch`, `*.upload` and `*.download` refused inside a batch: not run; sent alone it runs.
  ERROR_BATCH_METHOD_NOT_ALLOWED: { executed: 'no', repeat: 'always' },
  // The access token expired (401): refused before running; renew it and send again.
  expired_token: { executed: 'no', repeat: 'always', renew: true },
  // Faults of the server: SQL errors (500 `ERROR_CORE`; the same code with 400 is a method's own
  // exception), and the transient 500/503 codes.
  ERROR_CORE: (status) => (status === undefined || status >= 500 ? serverFault : refused),
  INTERNAL_SERVER_ERROR: serverFault,
  SERVICE_UNAVAILABLE: serverFault,
}

/** What a status says without a known code: 429 is "slow down" (not run), 408 and 5xx a server fault, the rest a refusal. */
function byStatus(status: number): Verdict {
  if (status === 429) return { executed: 'no', repeat: 'always', limiter: 'bucket-full' }
  return status === 408 || status >= 500 ? serverFault : refused
}

/** Connection failures that happen before a request is sent: the portal never saw it. */
const notSentCodes: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])

/** Whether a connection failure (or one of its causes) certainly happened before anything was sent. */
export function neverSent(cause: unknown, depth = 0): boolean {
  if (typeof cause !== 'object' || cause === null || depth > 5) return false
  const code = (cause as { code?: unknown }).code
  return (typeof code === 'string' && notSentCodes.has(code)) || neverSent((cause as { cause?: unknown }).cause, depth + 1)
}

/**
 * What a failure means: whether the call ran, whether it may be sent again, what the limiter learns.
 * Read by single calls, batch commands, auto-batched delivery and the token endpoint alike.
 */
export function verdict(failure: Failure): Verdict {
  switch (failure.kind) {
    case 'api': {
      // Own keys only: a code such as `valueOf` is not an entry of the table.
      const entry = Object.hasOwn(codes, failure.code) ? codes[failure.code] : undefined
      if (typeof entry === 'function') return entry(failure.status)
      if (entry) return entry
      // A code the table does not know means what its status means, envelope or not.
      return failure.status === undefined ? refused : byStatus(failure.status)
    }
    case 'http':
      return byStatus(failure.status)
    case 'network':
      return failure.sent ? serverFault : notSent
    case 'timeout':
      return serverFault
    case 'local':
      return refused
    case 'shape':
    case 'other':
      return { executed: 'unknown', repeat: 'never' }
  }
}

/** Errors of requests that failed before they left (see `unsentError` in failures.ts). */
const unsent: WeakSet<object> = new WeakSet()

/** Marks `error` as the failure of a request that never left: read as a `local` failure. */
export function markUnsent(error: object): void {
  unsent.add(error)
}

/** The failure an error of ours stands for. */
export function failureOf(error: unknown): Failure {
  if (typeof error === 'object' && error !== null && unsent.has(error)) return { kind: 'local' }
  if (ApiError.isInstance(error)) return { kind: 'api', code: error.code, status: error.status }
  if (HttpError.isInstance(error)) return { kind: 'http', status: error.status }
  if (TimeoutError.isInstance(error)) return { kind: 'timeout' }
  if (NetworkError.isInstance(error)) return { kind: 'network', sent: !neverSent(error.cause) }
  if (ResponseShapeError.isInstance(error)) return { kind: 'shape' }
  return { kind: 'other' }
}

/** Whether a call with this verdict may be sent again: always, or when it is safe to repeat and the verdict allows it. */
export function mayRepeat(found: Verdict, idempotent: boolean): boolean {
  return found.repeat === 'always' || (found.repeat === 'if-safe' && idempotent)
}

/**
 * An error's `retryable`: sending the same call again later can succeed and cannot do harm. Never for
 * an expiry (new credentials are needed first) or for a write whose outcome is unknown.
 */
export function isRetryable(found: Verdict, idempotent: boolean): boolean {
  return found.renew !== true && mayRepeat(found, idempotent)
}

/** What an error adds to its message when the call may have run and was not repeated. */
const outcomeUnknown = 'The call was not repeated: the portal may or may not have executed it.'

/** The hint an error carries for this verdict: that a write may have run, when it may have and was not repeated. */
export function hintOf(found: Verdict, idempotent: boolean): string | undefined {
  return found.executed === 'unknown' && !idempotent && !mayRepeat(found, idempotent) ? outcomeUnknown : undefined
}
