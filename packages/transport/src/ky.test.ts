import { startEmulator, type Emulator } from '@b24bot/emulator'
import ky, { type KyInstance } from 'ky'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createClient, HttpError, NetworkError, oauth, unlimited } from './index.ts'
import { caught, everyRendering } from '../test/errors.ts'

const secret = 'ky-secret-4f7a2c'
let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator({ webhook: { secret }, clock: { frozen: true } })
  emulator.portal.createChat({ entityType: 'ORDER', entityId: '13' })
})
afterEach(async () => {
  await emulator.close()
})

const chatGet = { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }

/** A ky instance that records the method and path of every request it sends. */
function recordingKy(options: Parameters<KyInstance['create']>[0] = {}): { readonly ky: KyInstance; readonly seen: string[] } {
  const seen: string[] = []
  const instance = ky.create({
    ...options,
    hooks: {
      beforeRequest: [
        (request) => {
          seen.push(`${request.method} ${new URL(request.url).pathname.replace(secret, '***')}`)
        },
      ],
    },
  })
  return { ky: instance, seen }
}

describe('ky carries every request', () => {
  it('a single call, each of its attempts, a batch and auto-batched calls all go through the given instance', async () => {
    const { ky: instance, seen } = recordingKy()
    const client = createClient({ webhookUrl: emulator.webhookUrl, ky: instance, limiter: unlimited, retry: { attempts: 3, baseDelay: 1 } })
    emulator.portal.inject({
      method: 'imbot.chat.get',
      reply: { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' },
    })
    await client.call('imbot.chat.get', chatGet)
    await client.batch({ a: ['imbot.chat.get', chatGet], b: ['imbot.bot.list'] })
    await Promise.all([client.call('imbot.chat.get', chatGet), client.call('imbot.bot.list')])
    expect(seen).toEqual([
      'POST /rest/1/***/imbot.chat.get',
      'POST /rest/1/***/imbot.chat.get',
      'POST /rest/1/***/batch',
      'POST /rest/1/***/batch',
    ])
    expect(seen).toHaveLength(emulator.portal.requests.length)
  })

  it('the token endpoint of an OAuth refresh goes through it too', async () => {
    const app = emulator.portal.addApp()
    const issued = emulator.portal.tokens.issue(app, 1)
    const { ky: instance, seen } = recordingKy()
    const auth = oauth({
      portal: emulator.url,
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      tokenUrl: `${emulator.url}/oauth/token/`,
    })
    const client = createClient({ auth, ky: instance, limiter: unlimited })
    emulator.portal.clock.advance(3_600_000)
    await client.call('imbot.chat.get', chatGet)
    expect(seen).toEqual(['POST /rest/imbot.chat.get', 'GET /oauth/token/', 'POST /rest/imbot.chat.get'])
  })

  it('sends each attempt with retry off, HTTP errors not thrown, the client timeout, no prefixUrl or searchParams, whatever the instance says', async () => {
    const { ky: instance, seen } = recordingKy({
      retry: 5,
      timeout: 10,
      throwHttpErrors: true,
      prefixUrl: 'https://elsewhere.example/api/',
      searchParams: { leaked: 'yes' },
    })
    const client = createClient({ webhookUrl: emulator.webhookUrl, ky: instance, limiter: unlimited, retry: false, timeout: 2_000 })
    emulator.portal.inject({ reply: { status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' } })
    const error = await caught(client.call('imbot.chat.get', chatGet, { idempotent: true }))
    expect(HttpError.isInstance(error)).toBe(true) // ours, not ky's HTTPError, and not retried by ky
    expect(seen).toHaveLength(1)
    // Slower than the instance's 10 ms, within the client's 2 s.
    emulator.portal.inject({ delayMs: 60 })
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual({ ID: expect.any(Number) as number })
    expect(emulator.portal.requests.at(-1)?.params).not.toHaveProperty('leaked')
  })

  it("keeps the instance's headers and hooks: a hook may answer in the server's place", async () => {
    const headers: (string | null)[] = []
    const instance = ky.create({
      headers: { 'x-trace': 'abc' },
      hooks: {
        beforeRequest: [
          (request) => {
            headers.push(request.headers.get('x-trace'))
            if (request.url.endsWith('imbot.bot.list'))
              return Response.json({
                result: { 7: { ID: 7 } },
                time: { start: 1, finish: 1, duration: 0, processing: 0, date_start: '', date_finish: '' },
              })
            return undefined
          },
        ],
      },
    })
    const client = createClient({ webhookUrl: emulator.webhookUrl, ky: instance, limiter: unlimited, autoBatch: false })
    await expect(client.call('imbot.bot.list')).resolves.toEqual({ 7: { ID: 7 } })
    await client.call('imbot.chat.get', chatGet)
    expect(headers).toEqual(['abc', 'abc'])
    expect(emulator.portal.requests.map((request) => request.method)).toEqual(['imbot.chat.get'])
  })

  it('a hook of the instance that throws fails the call as a NetworkError, its error rebuilt without the secret', async () => {
    const instance = ky.create({
      hooks: {
        afterResponse: [
          (request) => {
            throw Object.assign(new Error(`hook broke on ${request.url}`), { request: { headers: { authorization: secret } } })
          },
        ],
      },
    })
    const client = createClient({ webhookUrl: emulator.webhookUrl, ky: instance, limiter: unlimited, retry: false })
    const error = await caught(client.call('imbot.chat.get', chatGet))
    expect(NetworkError.isInstance(error)).toBe(true)
    expect(everyRendering(error)).not.toContain(secret)
    expect(everyRendering(error)).toContain('hook broke on')
    expect((error as Error & { cause: Record<string, unknown> }).cause).not.toHaveProperty('request')
  })

  it('does not follow a redirect: a 302 is an HttpError, and nothing is sent elsewhere', async () => {
    const { ky: instance, seen } = recordingKy()
    emulator.portal.inject({ reply: { status: 302, body: '' } })
    const client = createClient({ webhookUrl: emulator.webhookUrl, ky: instance, limiter: unlimited })
    await expect(client.call('imbot.chat.get', chatGet)).rejects.toMatchObject({ name: 'HttpError', status: 302 })
    expect(seen).toHaveLength(1)
  })

  it('extend keeps the instance unless it is replaced', async () => {
    const first = recordingKy()
    const second = recordingKy()
    const client = createClient({ webhookUrl: emulator.webhookUrl, ky: first.ky, limiter: unlimited })
    await client.extend({ timeout: 5_000 }).call('imbot.bot.list')
    await client.extend({ ky: second.ky }).call('imbot.bot.list')
    expect([first.seen.length, second.seen.length]).toEqual([1, 1])
  })

  it('a fetch that ignores its signal cannot hold a call past its timeout, its deadline or its signal', async () => {
    const deaf = ky.create({ fetch: () => new Promise<Response>(() => undefined) })
    const client = createClient({ webhookUrl: emulator.webhookUrl, ky: deaf, limiter: unlimited, retry: false })
    await expect(client.call('imbot.chat.get', chatGet, { timeout: 50 })).rejects.toMatchObject({ name: 'TimeoutError', timeout: 50 })
    const noLimit = createClient({
      webhookUrl: emulator.webhookUrl,
      ky: deaf,
      limiter: unlimited,
      timeout: false,
      retry: { attempts: 1, deadline: 80 },
    })
    await expect(noLimit.call('imbot.chat.get', chatGet)).rejects.toMatchObject({ name: 'TimeoutError', timeout: 80 })
    const reason = new Error('caller left')
    await expect(
      noLimit.extend({ retry: { deadline: 60_000 } }).call('imbot.chat.get', chatGet, { signal: AbortSignal.timeout(40) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' })
    const controller = new AbortController()
    setTimeout(() => {
      controller.abort(reason)
    }, 30)
    await expect(
      noLimit.extend({ retry: { deadline: 60_000 } }).call('imbot.chat.get', chatGet, { signal: controller.signal }),
    ).rejects.toBe(reason)
  })

  it('a body that never ends cannot hold a call past its timeout', async () => {
    const endless = ky.create({
      fetch: () => Promise.resolve(new Response(new ReadableStream({ pull: () => new Promise(() => undefined) }), { status: 200 })),
    })
    const client = createClient({ webhookUrl: emulator.webhookUrl, ky: endless, limiter: unlimited, retry: false })
    await expect(client.call('imbot.chat.get', chatGet, { timeout: 50 })).rejects.toMatchObject({ name: 'TimeoutError', timeout: 50 })
  })

  it('a hook that throws before the request leaves: nothing was sent, and the call is neither repeated nor called "may have run"', async () => {
    let fetched = 0
    const broken = ky.create({
      fetch: (input, init) => ((fetched += 1), fetch(input, init)),
      hooks: {
        beforeRequest: [
          () => {
            throw new Error('hook broke')
          },
        ],
      },
    })
    const client = createClient({ webhookUrl: emulator.webhookUrl, ky: broken, limiter: unlimited, retry: { attempts: 3, baseDelay: 1 } })
    const write = await caught(client.call('imbot.message.add', { DIALOG_ID: '1', MESSAGE: 'hi' }))
    expect(write).toMatchObject({ name: 'NetworkError', retryable: false })
    expect((write as Error).message).toMatch(/was not sent/)
    expect((write as Error).message).not.toMatch(/may or may not/)
    await expect(client.call('imbot.chat.get', chatGet, { idempotent: true })).rejects.toMatchObject({
      name: 'NetworkError',
      retryable: false,
    })
    expect(fetched).toBe(0)
    expect(emulator.portal.requests).toHaveLength(0)
  })

  it('an instance created with json cannot replace the params', async () => {
    const client = createClient({
      webhookUrl: emulator.webhookUrl,
      ky: ky.create({ json: { ENTITY_TYPE: 'OTHER', ENTITY_ID: 1 } }),
      limiter: unlimited,
    })
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual({ ID: expect.any(Number) as number })
    expect(emulator.portal.requests[0]?.params).toMatchObject({ ENTITY_TYPE: 'ORDER' })
  })
})
