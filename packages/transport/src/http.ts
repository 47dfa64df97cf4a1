import { isTimeoutError, type KyInstance } from 'ky'
import { neverSent } from './error-policy.ts'
import { readBody } from './read-body.ts'
import { networkError, timeoutError, unsentError, type FailureContext } from './failures.ts'

/** How a ky instance sends: its `fetch`, and whether that is one of its own (a test double, a proxy's) rather than the platform's. */
interface InstanceFetch {
  readonly fetch: typeof fetch
  readonly own: boolean
}

/** The `fetch` of each ky instance, read once from its defaults (`extend` with a function gets them). */
const instanceFetches: WeakMap<KyInstance, InstanceFetch> = new WeakMap()

/** The `fetch` a ky instance sends with: the one it was created with, else the platform's. */
function fetchOf(ky: KyInstance): InstanceFetch {
  let found = instanceFetches.get(ky)
  if (!found) {
    let own: typeof fetch | undefined
    ky.extend((defaults) => {
      own = defaults.fetch
      return {}
    })
    found = own ? { fetch: own, own: true } : { fetch: (input, init) => globalThis.fetch(input, init), own: false }
    instanceFetches.set(ky, found)
  }
  return found
}

/**
 * `promise`, or the signal's reason as soon as it aborts, whichever comes first: a `fetch` that does
 * not listen to its signal (a test double, some polyfills) cannot hold a call past its time.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error)
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(signal.reason as Error)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- ky's own failure, classified by the caller
        reject(error)
      },
    )
  })
}

/** One HTTP exchange as the transport asks ky for it. */
export interface Exchange {
  readonly url: string
  readonly httpMethod: 'GET' | 'POST'
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string | undefined
  /** Time limit for the whole exchange (the answer and its body), in milliseconds, or `false`. */
  readonly timeout: number | false
  /** Cancels the exchange; it then rejects with the signal's reason. */
  readonly signal: AbortSignal
}

/** What came back: the status and the body as text. */
export interface ExchangeAnswer {
  readonly status: number
  readonly ok: boolean
  readonly text: string
}

/**
 * The largest answer read, in bytes (64 MiB): far above any Bitrix24 REST answer (a batch of 50
 * results included); a body past it is not read, and the exchange fails.
 */
const maxAnswerBytes: number = 64 * 1024 * 1024

/** An answer longer than {@link maxAnswerBytes}. */
class AnswerTooLarge extends Error {
  override readonly name = 'AnswerTooLarge'
  constructor() {
    super(`the answer is longer than ${String(maxAnswerBytes)} bytes and was not read`)
  }
}

/** The body of `response` as text, reading no more than {@link maxAnswerBytes}, until `signal` aborts. */
async function readText(response: Response, signal: AbortSignal): Promise<string> {
  const text = await readBody(response, maxAnswerBytes, signal)
  if (text === undefined) throw new AnswerTooLarge()
  return text
}

/**
 * Sends one HTTP request with ky and reads the answer. ky does the request (URL, headers, body, the
 * time limit, the signal), with its own retries off (the transport's policy decides), HTTP errors not
 * thrown (every status is read here), no `prefixUrl` or `searchParams` of the instance's, and
 * redirects not followed (a 3xx comes back as it is: following it would turn the POST into a GET and
 * could carry credentials elsewhere). The instance's hooks, `fetch` and headers apply.
 *
 * Every failure leaves as our error, rebuilt without secrets: `TimeoutError` when the time ran out
 * (waiting for the answer or reading it), `NetworkError` otherwise; an abort of `signal` rejects with
 * its reason.
 */
export async function exchange(ky: KyInstance, request: Exchange, context: FailureContext): Promise<ExchangeAnswer> {
  const { timeout, signal } = request
  // ky's time limit ends at the answer's headers; the body is read within what remains of it.
  const reading = new AbortController()
  // The call's signal aborts the exchange through `reading` (cheaper than `AbortSignal.any`, which ky runs once more).
  const forward = (): void => {
    reading.abort(signal.reason)
  }
  if (signal.aborted) forward()
  else signal.addEventListener('abort', forward, { once: true })
  const started = Date.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  const state = { bodyTimedOut: false, dispatched: false }
  const sender = fetchOf(ky)
  try {
    const sending = ky(request.url, {
      method: request.httpMethod,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      json: undefined,
      timeout,
      retry: 0,
      throwHttpErrors: false,
      prefixUrl: '',
      searchParams: undefined,
      redirect: 'manual',
      signal: reading.signal,
      // The instance's own fetch, noting that the request left (an error before it means nothing was sent).
      fetch: (input, init) => {
        state.dispatched = true
        return sender.fetch(input, init)
      },
    })
    // The platform's fetch answers its signal; a fetch of the instance's own may not, so it is raced with it.
    const response = await (sender.own ? untilAborted(sending, reading.signal) : sending)
    if (timeout !== false) {
      timer = setTimeout(
        () => {
          state.bodyTimedOut = true
          reading.abort()
        },
        Math.max(0, timeout - (Date.now() - started)),
      )
    }
    const text = await readText(response, reading.signal)
    return { status: response.status, ok: response.ok, text }
  } catch (error) {
    if (signal.aborted) throw signal.reason
    if (timeout !== false && (state.bodyTimedOut || isTimeoutError(error))) throw timeoutError(context, timeout)
    // A hook of the instance (or ky itself) that failed before anything left: nothing was sent.
    if (!state.dispatched) throw unsentError(context, error)
    throw networkError(context, error, !neverSent(error))
  } finally {
    clearTimeout(timer)
    signal.removeEventListener('abort', forward)
  }
}
