import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readBody } from './read-body.ts'

/** A response whose body arrives in the given chunks, with no declared length. */
function chunked(chunks: readonly Uint8Array[]): { readonly response: Response; readonly pulled: () => number } {
  let index = 0
  const stream: ReadableStream<Uint8Array> = new ReadableStream({
    pull(controller) {
      const chunk = chunks[index]
      index += 1
      if (chunk) controller.enqueue(chunk)
      else controller.close()
    },
  })
  return { response: new Response(stream), pulled: () => index }
}

describe('readBody', () => {
  it('reads any body within the limit exactly, whatever its chunks; refuses any longer one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 64 }),
        async (parts, limit) => {
          const encoded = parts.map((part) => new TextEncoder().encode(part))
          const size = encoded.reduce((sum, chunk) => sum + chunk.byteLength, 0)
          const text = await readBody(chunked(encoded).response, limit)
          expect(text).toBe(size <= limit ? parts.join('') : undefined)
        },
      ),
    )
  })

  it('stops reading as soon as the limit is passed', async () => {
    const chunk = new Uint8Array(10)
    const { response, pulled } = chunked(Array.from({ length: 100 }, () => chunk))
    expect(await readBody(response, 25)).toBeUndefined()
    expect(pulled()).toBeLessThanOrEqual(4)
  })

  it('refuses a declared length over the limit without reading, and reads an empty body as ""', async () => {
    const chunk = new Uint8Array(10)
    const { response, pulled } = chunked(Array.from({ length: 10 }, () => chunk))
    const declared = new Response(response.body, { headers: { 'content-length': '100' } })
    expect(await readBody(declared, 99)).toBeUndefined()
    expect(pulled()).toBeLessThanOrEqual(1) // at most the stream's own first pull: nothing was read
    expect(await readBody(new Request('http://x.example/'), 0)).toBe('')
    expect(await readBody(new Response('héllo'), 6)).toBe('héllo')
  })

  it('stops a body that trickles at its signal: the stream is cancelled and the reason thrown', async () => {
    let cancelled = false
    const stream: ReadableStream<Uint8Array> = new ReadableStream({
      pull: () => new Promise(() => undefined), // a chunk that never comes
      cancel: () => {
        cancelled = true
      },
    })
    const controller = new AbortController()
    const reading = readBody(new Response(stream), 100, controller.signal)
    const reason = new Error('too slow')
    controller.abort(reason)
    await expect(reading).rejects.toBe(reason)
    expect(cancelled).toBe(true)
  })
})
