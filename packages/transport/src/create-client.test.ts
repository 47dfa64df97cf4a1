import { defineMethod, idSchema } from '@b24bot/core'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import fc from 'fast-check'
import ky from 'ky'
import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError, createClient, HttpError, NetworkError, ResponseShapeError, TimeoutError, ValidationError } from './index.ts'
import { caught, everyRendering } from '../test/errors.ts'

/** transport knows no methods; the tests describe one of their own. */
const chatGet = defineMethod({
  method: 'imbot.chat.get',
  params: v.strictObject({ ENTITY_TYPE: v.pipe(v.string(), v.nonEmpty()), ENTITY_ID: v.union([v.string(), v.number()]) }),
  result: v.nullable(
    v.pipe(
      v.object({ ID: idSchema }),
      v.transform((chat) => chat.ID),
    ),
  ),
})

const secret = 'k7x2m9q4w8e1r5t3'
let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator({ webhook: { secret } })
})
afterEach(async () => {
  await emulator.close()
})

describe('calls by descriptor', () => {
  it('validates, sends and parses the result', async () => {
    const chat = emulator.portal.createChat({ entityType: 'ORDER', entityId: '13' })
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    await expect(client.call(chatGet, { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })).resolves.toBe(chat.id)
    await expect(client.call(chatGet, { ENTITY_TYPE: 'ORDER', ENTITY_ID: 14 })).resolves.toBeNull()
    expect(emulator.portal.requests[0]).toMatchObject({
      method: 'imbot.chat.get',
      httpMethod: 'POST',
      params: { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 },
    })
  })

  it('throws ValidationError naming the field, and sends nothing', async () => {
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    const error = await caught(client.call(chatGet, { ENTITY_ID: 13 } as never))
    expect(ValidationError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ method: 'imbot.chat.get', issues: [{ path: 'ENTITY_TYPE', message: 'is required' }] })
    expect((error as Error).message).toBe('Invalid params for imbot.chat.get: ENTITY_TYPE is required')
    expect(emulator.portal.requests).toHaveLength(0)
  })

  it('throws ResponseShapeError when the result is not the documented shape, keeping the value', async () => {
    emulator.portal.inject({ reply: { result: { ID: 'abc' } } })
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    const error = await caught(client.call(chatGet, { ENTITY_TYPE: 'A', ENTITY_ID: 1 }))
    expect(ResponseShapeError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ method: 'imbot.chat.get', received: { ID: 'abc' } })
  })
})

describe('raw calls', () => {
  it('return the raw result of any method', async () => {
    const chat = emulator.portal.createChat({ entityType: 'OPEN', entityId: '13' })
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    await expect(client.call('imbot.chat.get', { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })).resolves.toEqual({ ID: chat.id })
    await expect(client.call('imbot.chat.get')).resolves.toBeNull()
  })

  it('refuse something that is not a method name, without quoting it (it may be a webhook URL)', async () => {
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    await expect(client.call('../../oauth/token')).rejects.toThrow(TypeError)
    const url = `https://portal.example/rest/1/${secret}/imbot.bot.list`
    for (const attempt of [
      () => client.call(url),
      () => client.batch({ a: [url] }),
      () => client.paginate(`imbot.bot.list?auth=${secret}`).next(),
    ]) {
      const error = await caught(Promise.resolve().then(attempt))
      expect(error).toBeInstanceOf(TypeError)
      expect(everyRendering(error)).not.toContain(secret)
    }
    expect(emulator.portal.requests).toHaveLength(0)
  })

  it('a raw batch keeps the credentials of its commands out of its errors', async () => {
    const clientId = 'raw-client-id-4k2m'
    // A proxy that echoes the request body in its error page.
    const echo = ky.create({
      fetch: async (input) => new Response(`<html>bad request: ${await (input as Request).text()}</html>`, { status: 400 }),
    })
    const client = createClient({ webhookUrl: emulator.webhookUrl, ky: echo })
    const error = await caught(client.call('batch', { cmd: { a: `imbot.message.add?CLIENT_ID=${clientId}&MESSAGE=hi` } }))
    expect(error).toMatchObject({ name: 'HttpError' })
    expect(everyRendering(error)).not.toContain(clientId)
  })
})

describe('failures become typed errors', () => {
  it('an error envelope is an ApiError with code, status and method', async () => {
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    const error = await caught(client.call('imbot.nothing'))
    expect(ApiError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ code: 'ERROR_METHOD_NOT_FOUND', description: 'Method not found!', status: 404, method: 'imbot.nothing' })
  })

  it('a wrong webhook secret is an ApiError 401', async () => {
    const client = createClient({ webhookUrl: `${emulator.url}/rest/1/not-the-secret/` })
    await expect(client.call(chatGet, { ENTITY_TYPE: 'A', ENTITY_ID: 1 })).rejects.toMatchObject({
      name: 'ApiError',
      code: 'INVALID_CREDENTIALS',
      status: 401,
    })
  })

  it('an error envelope answered with HTTP 200 is still an ApiError', async () => {
    emulator.portal.inject({ reply: { status: 200, error: 'CANCELED', description: 'Chat access denied' } })
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    await expect(client.call(chatGet, { ENTITY_TYPE: 'A', ENTITY_ID: 1 })).rejects.toMatchObject({
      name: 'ApiError',
      code: 'CANCELED',
      status: 200,
    })
  })

  it('a non-2xx without an envelope is an HttpError', async () => {
    emulator.portal.inject({ reply: { status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' } })
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    const error = await caught(client.call(chatGet, { ENTITY_TYPE: 'A', ENTITY_ID: 1 }))
    expect(HttpError.isInstance(error)).toBe(true)
    // The call is not described as safe to repeat: the page may have come after the portal ran it.
    expect(error).toMatchObject({ status: 502, body: '<html>Bad gateway</html>', retryable: false, method: 'imbot.chat.get' })
    expect((error as Error).message).toContain('may or may not have executed it')
  })

  it('a 2xx that is not an envelope is a ResponseShapeError', async () => {
    emulator.portal.inject({ reply: { status: 200, body: 'OK' } })
    emulator.portal.inject({ reply: { status: 200, body: '{"answer":1}' } })
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    await expect(client.call('imbot.chat.get')).rejects.toMatchObject({
      name: 'ResponseShapeError',
      message: expect.stringContaining('not JSON') as unknown,
    })
    await expect(client.call('imbot.chat.get')).rejects.toMatchObject({
      name: 'ResponseShapeError',
      message: expect.stringContaining('result') as unknown,
    })
  })

  it('a refused connection is a NetworkError with the cause, repeated even for a write (nothing was sent)', async () => {
    const attempts: number[] = []
    const client = createClient({
      webhookUrl: emulator.webhookUrl,
      retry: { attempts: 3, baseDelay: 1 },
      hooks: { beforeRequest: (state) => attempts.push(state.attempt) },
    })
    await emulator.close()
    const error = await caught(client.call('imbot.message.add', { DIALOG_ID: '1', MESSAGE: 'hi' }))
    expect(NetworkError.isInstance(error)).toBe(true)
    expect(TimeoutError.isInstance(error)).toBe(false)
    expect((error as Error).cause).toBeInstanceOf(Error)
    expect((error as Error).message).not.toContain('may or may not')
    expect(attempts).toEqual([1, 2, 3])
    emulator = await startEmulator()
  })

  it('a response lost after the portal ran the call is a NetworkError, and the call is not repeated', async () => {
    emulator.portal.inject({ method: 'imbot.chat.get', reset: 'after' })
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    const error = await caught(client.call(chatGet, { ENTITY_TYPE: 'A', ENTITY_ID: 1 }))
    expect(NetworkError.isInstance(error)).toBe(true)
    expect(emulator.portal.calls).toHaveLength(1)
  })

  it('no answer in time is a TimeoutError', async () => {
    emulator.portal.inject({ delayMs: 2_000 })
    const client = createClient({ webhookUrl: emulator.webhookUrl, timeout: 50 })
    const error = await caught(client.call(chatGet, { ENTITY_TYPE: 'A', ENTITY_ID: 1 }))
    expect(TimeoutError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ timeout: 50, method: 'imbot.chat.get', retryable: false })
    expect((error as Error).message).toContain('may or may not have executed it')
  })
})

describe('cancellation', () => {
  it('an aborted signal rejects with its reason and sends nothing', async () => {
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    const reason = new Error('stop')
    await expect(client.call(chatGet, { ENTITY_TYPE: 'A', ENTITY_ID: 1 }, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason)
    expect(emulator.portal.requests).toHaveLength(0)
  })

  it('aborting while the request is in flight rejects with the reason', async () => {
    emulator.portal.inject({ delayMs: 2_000 })
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    const controller = new AbortController()
    const pending = client.call(chatGet, { ENTITY_TYPE: 'A', ENTITY_ID: 1 }, { signal: controller.signal })
    setTimeout(() => {
      controller.abort(new Error('user left'))
    }, 20)
    await expect(pending).rejects.toThrow('user left')
  })
})

describe('options', () => {
  it('sends PHP-style form bodies on request, which the portal reads as strings', async () => {
    const chat = emulator.portal.createChat({ entityType: 'FORM', entityId: '5' })
    const client = createClient({ webhookUrl: emulator.webhookUrl, encoding: 'form' })
    await expect(client.call(chatGet, { ENTITY_TYPE: 'FORM', ENTITY_ID: 5 })).resolves.toBe(chat.id)
    expect(emulator.portal.requests[0]?.params).toEqual({ ENTITY_TYPE: 'FORM', ENTITY_ID: '5' })
  })

  it('extend derives a new client and leaves the original as it was', async () => {
    emulator.portal.inject({ delayMs: 300, times: 2 })
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    const hasty = client.extend({ timeout: 30 })
    await expect(hasty.call('imbot.chat.get')).rejects.toMatchObject({ name: 'TimeoutError' })
    await expect(client.call('imbot.chat.get')).resolves.toBeNull()
  })

  it('refuses a time limit that is not a positive number of milliseconds timers can take', async () => {
    expect(() => createClient({ webhookUrl: emulator.webhookUrl, timeout: 0 })).toThrow(/timeout must be a number of milliseconds/)
    expect(() => createClient({ webhookUrl: emulator.webhookUrl, timeout: 2 ** 31 })).toThrow(/timeout must be/)
    await expect(createClient({ webhookUrl: emulator.webhookUrl }).call('imbot.chat.get', {}, { timeout: -1 })).rejects.toThrow(
      /the call's timeout must be/,
    )
    expect(emulator.portal.requests).toHaveLength(0)
  })

  it('extend may switch between a webhook and another auth', async () => {
    const other = await startEmulator()
    try {
      const client = createClient({ webhookUrl: emulator.webhookUrl })
      await expect(client.extend({ webhookUrl: other.webhookUrl }).call('imbot.chat.get')).resolves.toBeNull()
      expect(other.portal.requests).toHaveLength(1)
    } finally {
      await other.close()
    }
  })

  it('a per-call timeout overrides the client one', async () => {
    emulator.portal.inject({ delayMs: 300 })
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    await expect(client.call('imbot.chat.get', {}, { timeout: 30 })).rejects.toMatchObject({ name: 'TimeoutError', timeout: 30 })
  })

  it('accepts a secret with a malformed escape and still keeps it out of errors', async () => {
    const client = createClient({ webhookUrl: `${emulator.url}/rest/1/ab%zzcd/` })
    const error = await caught(client.call('imbot.chat.get'))
    expect(error).toMatchObject({ name: 'ApiError', code: 'INVALID_CREDENTIALS' })
    expect(everyRendering(error)).not.toContain('ab%zzcd')
  })

  it.each([
    ['not a url', /not a valid URL/],
    ['ftp://portal.example/rest/1/abc/', /https/],
    ['https://portal.example/rest/1/', /incoming webhook/],
    ['https://portal.example/rest/1/abc/?x=1', /no credentials, query/],
  ])('refuses the webhook URL %s with a TypeError that does not repeat it', (url, message) => {
    expect(() => createClient({ webhookUrl: url })).toThrow(message)
    try {
      createClient({ webhookUrl: url })
    } catch (error) {
      expect((error as Error).message).not.toContain(url)
    }
  })
})

describe('the webhook secret never leaks', () => {
  it('from any kind of error', async () => {
    const leaky = `<html>upstream /rest/1/${secret}/imbot.chat.get failed</html>`
    emulator.portal.inject({ reply: { status: 502, body: leaky } })
    emulator.portal.inject({ reply: { status: 400, error: 'ERROR_CORE', description: `bad ${secret}` } })
    emulator.portal.inject({ reply: { status: 200, body: `not json ${secret}` } })
    emulator.portal.inject({ delayMs: 1_000 })
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    const errors = [
      await caught(client.call(chatGet, { ENTITY_TYPE: 'A', ENTITY_ID: 1 })),
      await caught(client.call(chatGet, { ENTITY_TYPE: 'A', ENTITY_ID: 1 })),
      await caught(client.call(chatGet, { ENTITY_TYPE: 'A', ENTITY_ID: 1 })),
      await caught(client.call(chatGet, { ENTITY_TYPE: 'A', ENTITY_ID: 1 }, { timeout: 20 })),
      await caught(client.call(chatGet, { ENTITY_TYPE: '', ENTITY_ID: 1 })),
      await caught(createClient({ webhookUrl: `http://127.0.0.1:1/rest/1/${secret}/` }).call('imbot.chat.get')),
    ]
    expect(errors.map((error) => (error as Error).name)).toEqual([
      'HttpError',
      'ApiError',
      'ResponseShapeError',
      'TimeoutError',
      'ValidationError',
      'NetworkError',
    ])
    for (const error of errors) expect(everyRendering(error)).not.toContain(secret)
    expect((errors[0] as HttpError).body).toBe('<html>upstream /rest/1/***/imbot.chat.get failed</html>')
  })

  it('from a failing fetch whose message names the URL, for any secret', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z0-9]{8,32}$/), async (randomSecret) => {
        const fetchThatLeaks: typeof fetch = (input) =>
          Promise.reject(
            new TypeError(`fetch failed for ${String(input instanceof Request ? input.url : input)}`, {
              cause: new Error(`at ${randomSecret}`),
            }),
          )
        const client = createClient({
          webhookUrl: `https://portal.example/rest/1/${randomSecret}/`,
          ky: ky.create({ fetch: fetchThatLeaks }),
        })
        const error = await caught(client.call('imbot.chat.get'))
        expect(NetworkError.isInstance(error)).toBe(true)
        expect(everyRendering(error)).not.toContain(randomSecret)
        expect(everyRendering(error)).toContain('/rest/1/***/imbot.chat.get')
      }),
      { numRuns: 50 },
    )
  })
})
