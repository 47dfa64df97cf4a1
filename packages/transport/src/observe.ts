/**
 * What hooks and log lines see of one attempt of a call. Never carries a credential: the URL is
 * redacted and params are not included.
 */
export interface AttemptState {
  /** The REST method (`batch` for a batch request). */
  readonly method: string
  /** 1 for the first attempt. */
  readonly attempt: number
  /** The request URL with every credential replaced by `***`. */
  readonly url: string
  /** The HTTP status, once a response arrived. */
  readonly status?: number | undefined
  /** How long the attempt took, in milliseconds, once it ended. */
  readonly duration?: number | undefined
  /** Why the attempt failed, when it did (already free of credentials). */
  readonly error?: unknown
  /** Before a retry: how long the client waits first, in milliseconds. */
  readonly delay?: number | undefined
}

/** Functions called around every attempt. A hook that throws does not break the call. */
export interface Hooks {
  /** Before a request leaves. */
  readonly beforeRequest?: (state: AttemptState) => void
  /** After its response (or failure) arrived. */
  readonly afterResponse?: (state: AttemptState) => void
  /** Before the client waits and repeats a call. */
  readonly beforeRetry?: (state: AttemptState) => void
}

/** A logger: `console`, pino, or anything with these methods (pino's `(object, message)` order). */
export interface Logger {
  /** Logs what a call did (a retry, a wait), with its fields in `object`. */
  debug(object: Readonly<Record<string, unknown>>, message: string): void
  /** Logs what went wrong but was handled (a store that failed, a fallback), with its fields in `object`. */
  warn(object: Readonly<Record<string, unknown>>, message: string): void
}

/** Runs a hook, keeping its failure away from the call. */
export function runHook(hook: ((state: AttemptState) => void) | undefined, state: AttemptState): void {
  if (!hook) return
  try {
    hook(state)
  } catch {
    // A broken hook must not break the call it observes.
  }
}
