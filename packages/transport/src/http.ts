import { isTimeoutError, type KyInstance } from 'ky'
import { neverSent } from './error-policy.ts'
import { networkError, timeoutError, type FailureContext } from './failures.ts'

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
export const maxAnswerBytes: number = 64 * 1024 * 1024

/** An answer longer than {@link maxAnswerBytes}. */
class AnswerTooLarge extends Error {
  override readonly name = 'AnswerTooLarge'
  constructor() {
    super(`the answer is longer than ${String(maxAnswerBytes)} bytes and was not read`)
  }
}

/** The body of `response` as text, reading no more than {@link maxAnswerBytes}. */
async function readText(response: Response): Promise<string> {
  const declared = response.headers.get('content-length')
  if (declared !== null && Number(declared) > maxAnswerBytes) {
    void response.body?.cancel().catch(() => undefined)
    throw new AnswerTooLarge()
  }
  // With a declared length, the HTTP layer reads no more than it; without one, count as it comes.
  if (declared !== null || !response.body) return response.text()
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const read = await reader.read()
    if (read.done) break
    const value: Uint8Array = read.value
    total += value.byteLength
    if (total > maxAnswerBytes) {
      void reader.cancel().catch(() => undefined)
      throw new AnswerTooLarge()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
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
  const started = Date.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  const state = { bodyTimedOut: false }
  try {
    const response = await ky(request.url, {
      method: request.httpMethod,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      timeout,
      retry: 0,
      throwHttpErrors: false,
      prefixUrl: '',
      searchParams: undefined,
      redirect: 'manual',
      signal: AbortSignal.any([signal, reading.signal]),
    })
    if (timeout !== false) {
      timer = setTimeout(
        () => {
          state.bodyTimedOut = true
          reading.abort()
        },
        Math.max(0, timeout - (Date.now() - started)),
      )
    }
    const text = await readText(response)
    return { status: response.status, ok: response.ok, text }
  } catch (error) {
    if (signal.aborted) throw signal.reason
    if (timeout !== false && (state.bodyTimedOut || isTimeoutError(error))) throw timeoutError(context, timeout)
    throw networkError(context, error, !neverSent(error))
  } finally {
    clearTimeout(timer)
  }
}
