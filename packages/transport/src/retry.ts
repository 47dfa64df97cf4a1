/** How a client repeats failed calls. */
export interface RetryOptions {
  /** Attempts per call, the first included. Default 5; `1` never repeats. */
  readonly attempts?: number
  /** Time for a whole call, waits and repeats included, in milliseconds. Default 120 000. */
  readonly deadline?: number
  /** The first backoff, in milliseconds; it doubles per attempt. Default 500. */
  readonly baseDelay?: number
  /** The longest backoff, in milliseconds. Default 30 000. */
  readonly maxDelay?: number
}

/** {@link RetryOptions} with every default filled in. */
export type RetryPolicy = Required<RetryOptions>

/** The defaults behind {@link RetryOptions}. */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    attempts: options.attempts ?? 5,
    deadline: options.deadline ?? 120_000,
    baseDelay: options.baseDelay ?? 500,
    maxDelay: options.maxDelay ?? 30_000,
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error)
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason as Error)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
