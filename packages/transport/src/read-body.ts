/**
 * The body of a request or a response as text, reading no more than `maxBytes`; `undefined` when it
 * is longer. A declared `content-length` above the limit is refused unread; otherwise the bytes are
 * counted as they come and the reading stops (the stream cancelled) as soon as they pass the limit,
 * so nothing larger is ever held. For bodies from outside: an event a bot receives, a portal's answer.
 * With `signal`, the reading stops when it aborts (a deadline for a body that trickles in): the
 * stream is cancelled and the promise rejects with the signal's reason.
 *
 * @example
 * ```ts
 * import { readBody } from '@b24bot/transport'
 *
 * async function handle(request: Request): Promise<Response> {
 *   const text = await readBody(request, 1024 * 1024)
 *   if (text === undefined) return new Response('Payload Too Large', { status: 413 })
 *   return new Response('ok')
 * }
 * ```
 */
export async function readBody(message: Request | Response, maxBytes: number, signal?: AbortSignal): Promise<string | undefined> {
  signal?.throwIfAborted()
  const declared = Number(message.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    void message.body?.cancel().catch(() => undefined)
    return undefined
  }
  if (!message.body) return ''
  const reader: ReadableStreamDefaultReader<Uint8Array> = message.body.getReader()
  // An abort (a deadline) cancels the stream: the pending read ends, and the reason is thrown.
  const onAbort = (): void => {
    void reader.cancel(signal?.reason).catch(() => undefined)
  }
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    return await readChunks(reader, maxBytes, signal)
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
}

async function readChunks(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const read = await reader.read()
    signal?.throwIfAborted()
    if (read.done) break
    const chunk: Uint8Array = read.value
    total += chunk.byteLength
    if (total > maxBytes) {
      void reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(chunk)
  }
  if (chunks.length === 1 && chunks[0]) return new TextDecoder().decode(chunks[0])
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}
