import { connect, createServer, type AddressInfo, type Socket } from 'node:net'
import { startEmulator, type Emulator, type Injection, type PortalApp } from '@b24bot/emulator'
import ky, { type KyInstance } from 'ky'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  B24Error,
  createClient as createAnyClient,
  eventAuth,
  memoryTokenStore,
  oauth,
  TimeoutError,
  unlimited,
  type Auth,
  type ClientOptions,
  type EventAuthBlock,
  type OAuthOptions,
  type Tokens,
} from './index.ts'
import { caught, everyRendering } from '../test/errors.ts'

/** A client that sends every call alone and unpaced, so each call is its own request. */
const createClient = (options: ClientOptions) => createAnyClient({ autoBatch: false, limiter: unlimited, ...options })
/** Retries as the client makes them, with backoffs short enough for a test. */
const retries = { attempts: 3, baseDelay: 1 }

const hour = 3_600_000
let emulator: Emulator
let app: PortalApp
let chatId: number
/** Closed after each test: the forwarders a test opened. */
const cleanups: (() => Promise<void>)[] = []
beforeEach(async () => {
  emulator = await startEmulator({ clock: { frozen: true } })
  app = emulator.portal.addApp()
  chatId = emulator.portal.createChat({ entityType: 'ORDER', entityId: '13' }).id
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
  await emulator.close()
})

/** Options for a user's fresh token pair on the emulated portal. */
function optionsFor(extra: Partial<OAuthOptions> = {}): OAuthOptions {
  const issued = emulator.portal.tokens.issue(app, 1)
  return {
    portal: emulator.url,
    accessToken: issued.access_token,
    refreshToken: issued.refresh_token,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    tokenUrl: `${emulator.url}/oauth/token/`,
    ...extra,
  }
}

const chatGet = { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }
/** What `imbot.chat.get` answers for the chat. */
const chat = () => ({ ID: chatId })
const messageAdd = () => ({ DIALOG_ID: `chat${String(chatId)}`, MESSAGE: 'Order 13 shipped' })
/** The refresh token each request that reached the token endpoint carried. */
const refreshTokensSent = () => emulator.portal.tokenRequests.map((request) => request.params.refresh_token)
const tokenStatuses = () => emulator.portal.tokenRequests.map((request) => request.status)
const callsOf = (method: string) => emulator.portal.calls.filter((call) => call.method === method)
const reauthorize = /authorize the app again/

/** Scripts the next answer(s) of the token endpoint. */
const injectToken = (injection: Omit<Injection, 'method'>) => emulator.portal.inject({ method: 'oauth/token', ...injection })

/** What the client sent to the token endpoint, seen at its ky instance (requests that never arrived included). */
interface Watched {
  readonly ky: KyInstance
  /** The refresh token of each request to the token endpoint, in the order they were sent. */
  readonly sent: string[]
  /** Resolves when the first request to the token endpoint is sent. */
  readonly started: Promise<void>
}

/** A ky instance that records each request to the token endpoint; `before(index)` runs before request `index` goes. */
function watched(before?: (index: number) => void | Promise<void>): Watched {
  const sent: string[] = []
  let start: () => void = () => undefined
  const started: Promise<void> = new Promise((resolve) => (start = resolve))
  const spy: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    if (url.pathname.startsWith('/oauth/token')) {
      const index = sent.length
      sent.push(url.searchParams.get('refresh_token') ?? '')
      start()
      await before?.(index)
    }
    return fetch(request)
  }
  return { ky: ky.create({ fetch: spy }), sent, started }
}

/** `auth` with its refresh calls counted: a caller is waiting for a refresh once its call is counted. */
function counted(auth: Auth): { readonly auth: Auth; readonly refreshes: () => number } {
  let count = 0
  const refresh = auth.refresh
  if (!refresh) throw new Error('this auth cannot refresh')
  return {
    auth: {
      ...auth,
      refresh: (expired, context) => {
        count += 1
        return refresh(expired, context)
      },
    },
    refreshes: () => count,
  }
}

/** A TCP forwarder to the emulator on a port of its own, closed at first (connections refused) until `open()`. */
interface Forwarder {
  /** The token endpoint through the forwarder. */
  readonly tokenUrl: string
  open(): Promise<void>
}

async function closedForwarder(): Promise<Forwarder> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  const target = new URL(emulator.url)
  const sockets: Set<Socket> = new Set()
  const server = createServer((socket) => {
    const upstream = connect(Number(target.port), target.hostname)
    for (const end of [socket, upstream]) {
      sockets.add(end)
      end.on('close', () => sockets.delete(end))
      end.on('error', () => {
        socket.destroy()
        upstream.destroy()
      })
    }
    socket.pipe(upstream).pipe(socket)
  })
  return {
    tokenUrl: `http://127.0.0.1:${String(port)}/oauth/token/`,
    open: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, '127.0.0.1', () => {
          cleanups.push(async () => {
            for (const socket of sockets) socket.destroy()
            await new Promise((done) => server.close(done))
          })
          resolve()
        })
      }),
  }
}

/** Expects `error` to be a clear error of the token endpoint: named `oauth/token`, free of every secret. */
function expectTokenEndpointError(error: unknown, options: OAuthOptions): void {
  expect(B24Error.isInstance(error)).toBe(true)
  expect((error as B24Error).method).toBe('oauth/token')
  expect((error as Error).message).toMatch(/^oauth\/token /)
  expect((error as Error).message).not.toMatch(/already sent/)
  const text = everyRendering(error)
  for (const secret of [options.accessToken, options.refreshToken, options.clientSecret]) expect(text).not.toContain(secret)
}

/** Passing faults of the token endpoint, scripted in the emulator: what the client sees, and the status the emulator records. */
const passingFaults: readonly (readonly [string, Omit<Injection, 'method'>, Record<string, unknown>, number])[] = [
  [
    'a 503 error envelope',
    { reply: { status: 503, error: 'SERVICE_UNAVAILABLE', description: 'Service temporarily unavailable' } },
    { name: 'ApiError', code: 'SERVICE_UNAVAILABLE', status: 503 },
    503,
  ],
  [
    'a 502 HTML page',
    { reply: { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' } },
    { name: 'HttpError', status: 502 },
    502,
  ],
  ['a connection reset before the refresh', { reset: 'before' }, { name: 'NetworkError' }, 0],
]

describe('OAuth refresh after a passing fault of the token endpoint', () => {
  it.each(passingFaults)(
    'with retry off, %s fails the call at once with a retryable error naming oauth/token; the next call sends the same refresh token and goes on',
    async (_, fault, shape, status) => {
      const options = optionsFor()
      const client = createClient({ auth: oauth(options), retry: false })
      emulator.portal.clock.advance(hour)
      injectToken(fault)

      const error = await caught(client.call('imbot.chat.get', chatGet))
      expect(error).toMatchObject({ ...shape, method: 'oauth/token', retryable: true })
      expectTokenEndpointError(error, options)
      expect((error as Error).message).not.toMatch(reauthorize)
      expect(refreshTokensSent()).toEqual([options.refreshToken])
      expect(tokenStatuses()).toEqual([status])
      expect(callsOf('imbot.chat.get')).toHaveLength(0)

      // Nothing proved the refresh token spent: it is sent again, and works.
      await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
      expect(refreshTokensSent()).toEqual([options.refreshToken, options.refreshToken])
      expect(tokenStatuses()).toEqual([status, 200])
      expect(callsOf('imbot.chat.get')).toHaveLength(1)
    },
  )

  it.each(passingFaults)(
    'with retries, recovers from %s within the call, sending the same refresh token again',
    async (_, fault, _shape, status) => {
      const told: Tokens[] = []
      const options = optionsFor({ onTokens: (tokens) => void told.push(tokens) })
      const client = createClient({ auth: oauth(options), retry: retries })
      emulator.portal.clock.advance(hour)
      injectToken(fault)

      await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
      expect(refreshTokensSent()).toEqual([options.refreshToken, options.refreshToken])
      expect(tokenStatuses()).toEqual([status, 200])
      expect(emulator.portal.requests.map((request) => request.status)).toEqual([401, 200])
      expect(told).toHaveLength(1)

      // The new pair is the one used and refreshed from now on.
      emulator.portal.clock.advance(hour)
      await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
      expect(refreshTokensSent()).toEqual([options.refreshToken, options.refreshToken, told[0]?.refreshToken])
    },
  )

  it('with retries spent on a fault that lasts, fails with the last fault naming oauth/token after one refresh per attempt; a later call sends the same refresh token', async () => {
    const options = optionsFor()
    const client = createClient({ auth: oauth(options), retry: retries })
    emulator.portal.clock.advance(hour)
    injectToken({ reply: { status: 503, error: 'SERVICE_UNAVAILABLE' }, times: 3 })

    const error = await caught(client.call('imbot.chat.get', chatGet))
    expect(error).toMatchObject({ name: 'ApiError', code: 'SERVICE_UNAVAILABLE', method: 'oauth/token', retryable: true })
    expectTokenEndpointError(error, options)
    expect(tokenStatuses()).toEqual([503, 503, 503])
    expect(refreshTokensSent()).toEqual(Array.from({ length: 3 }, () => options.refreshToken))

    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
    expect(tokenStatuses()).toEqual([503, 503, 503, 200])
    expect(refreshTokensSent()).toEqual(Array.from({ length: 4 }, () => options.refreshToken))
  })

  it('with retry off, a refused connection fails the call with a retryable NetworkError naming oauth/token; once the endpoint is up, the same refresh token goes', async () => {
    const forwarder = await closedForwarder()
    const options = optionsFor({ tokenUrl: forwarder.tokenUrl })
    const watch = watched()
    const client = createClient({ auth: oauth(options), retry: false, ky: watch.ky })
    emulator.portal.clock.advance(hour)

    const error = await caught(client.call('imbot.chat.get', chatGet))
    expect(error).toMatchObject({ name: 'NetworkError', method: 'oauth/token', retryable: true })
    expect((error as Error).message).toMatch(/ECONNREFUSED/)
    expectTokenEndpointError(error, options)
    expect(watch.sent).toEqual([options.refreshToken])
    expect(emulator.portal.tokenRequests).toHaveLength(0)

    await forwarder.open()
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
    expect(watch.sent).toEqual([options.refreshToken, options.refreshToken])
    expect(refreshTokensSent()).toEqual([options.refreshToken])
    expect(tokenStatuses()).toEqual([200])
  })

  it('with retries, recovers from a refused connection within the call once the endpoint is up', async () => {
    const forwarder = await closedForwarder()
    const options = optionsFor({ tokenUrl: forwarder.tokenUrl })
    // The first refresh meets the closed port; the endpoint is up before the second goes.
    const watch = watched(async (index) => (index === 1 ? forwarder.open() : undefined))
    const client = createClient({ auth: oauth(options), retry: retries, ky: watch.ky })
    emulator.portal.clock.advance(hour)

    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
    expect(watch.sent).toEqual([options.refreshToken, options.refreshToken])
    expect(refreshTokensSent()).toEqual([options.refreshToken])
    expect(emulator.portal.requests.map((request) => request.status)).toEqual([401, 200])
  })

  it('an event auth recovers from a passing fault the same way', async () => {
    const issued = emulator.portal.tokens.issue(app, 1)
    const block = {
      access_token: issued.access_token,
      refresh_token: issued.refresh_token,
      client_endpoint: issued.client_endpoint,
      application_token: app.applicationToken,
    } as EventAuthBlock
    const auth = eventAuth(block, { clientId: app.clientId, clientSecret: app.clientSecret, tokenUrl: `${emulator.url}/oauth/token/` })
    const client = createClient({ auth, retry: false })
    emulator.portal.clock.advance(hour)
    injectToken({ reply: { status: 503, error: 'SERVICE_UNAVAILABLE' } })

    await expect(client.call('imbot.chat.get', chatGet)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      method: 'oauth/token',
      retryable: true,
    })
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
    expect(refreshTokensSent()).toEqual([issued.refresh_token, issued.refresh_token])
    expect(tokenStatuses()).toEqual([503, 200])
  })
})

describe('OAuth refresh against a hanging token endpoint', () => {
  /** Longer than any caller here waits: the endpoint answers (and spends the refresh token) only after every test is over. */
  const hang = { delayMs: 2_000 }

  it('with retry off, releases the caller at its timeout with a TimeoutError naming oauth/token; the next call sends the same refresh token', async () => {
    const options = optionsFor()
    const watch = watched()
    const client = createClient({ auth: oauth(options), retry: false, timeout: 150, ky: watch.ky })
    emulator.portal.clock.advance(hour)
    injectToken(hang)

    const started = performance.now()
    const error = await caught(client.call('imbot.chat.get', chatGet))
    const waited = performance.now() - started
    expect(error).toMatchObject({ name: 'TimeoutError', method: 'oauth/token', timeout: 150, retryable: true })
    expectTokenEndpointError(error, options)
    expect(waited).toBeGreaterThanOrEqual(145)
    expect(waited).toBeLessThan(1_000)
    expect(watch.sent).toEqual([options.refreshToken])

    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
    expect(watch.sent).toEqual([options.refreshToken, options.refreshToken])
    // Only the second request was answered so far: the first still hangs.
    expect(refreshTokensSent()).toEqual([options.refreshToken])
    expect(tokenStatuses()).toEqual([200])
  })

  it('with retries, gives up on the hanging refresh at the caller timeout and recovers within the call', async () => {
    const options = optionsFor()
    const watch = watched()
    const client = createClient({ auth: oauth(options), retry: retries, timeout: 150, ky: watch.ky })
    emulator.portal.clock.advance(hour)
    injectToken(hang)

    const started = performance.now()
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(watch.sent).toEqual([options.refreshToken, options.refreshToken])
    expect(tokenStatuses()).toEqual([200])
  })

  it('releases concurrent callers that share one refresh each at its own timeout', async () => {
    const options = optionsFor()
    const watch = watched()
    const client = createClient({ auth: oauth(options), retry: false, ky: watch.ky })
    emulator.portal.clock.advance(hour)
    injectToken(hang)

    const started = performance.now()
    const released: { readonly timeout: number; readonly after: number; readonly error: unknown }[] = []
    const callWith = (timeout: number) =>
      caught(client.call('imbot.chat.get', chatGet, { timeout })).then(
        (error) => void released.push({ timeout, after: performance.now() - started, error }),
      )
    // The most patient caller starts the refresh; the others join it.
    const calls = [callWith(300)]
    await Promise.race([watch.started, ...calls])
    calls.push(callWith(100), callWith(200))
    await Promise.all(calls)

    expect(watch.sent).toEqual([options.refreshToken])
    expect(released.map((entry) => entry.timeout)).toEqual([100, 200, 300])
    for (const { timeout, after, error } of released) {
      expect(error).toMatchObject({ name: 'TimeoutError', method: 'oauth/token', timeout, retryable: true })
      expect(after).toBeGreaterThanOrEqual(timeout - 5)
      expect(after).toBeLessThan(timeout + 200)
    }
  })

  it('a refresh started by a caller with a short timeout goes on for a more patient caller, who gets the answer that comes in its time', async () => {
    const options = optionsFor()
    const watch = watched()
    const client = createClient({ auth: oauth(options), retry: false, ky: watch.ky })
    emulator.portal.clock.advance(hour)
    injectToken({ delayMs: 300 })

    const started = performance.now()
    const quick = caught(client.call('imbot.chat.get', chatGet, { timeout: 100 }))
    await Promise.race([watch.started, quick])
    const patient = client.call('imbot.chat.get', chatGet, { timeout: 1_000 })
    const error = await quick
    expect(performance.now() - started).toBeLessThan(300)
    expect(error).toMatchObject({ name: 'TimeoutError', method: 'oauth/token', timeout: 100, retryable: true })
    // Cutting the refresh at 100 ms would lose its answer: the token would be spent, and the new pair unknown.
    await expect(patient).resolves.toEqual(chat())
    expect(watch.sent).toEqual([options.refreshToken])
    expect(tokenStatuses()).toEqual([200])
    emulator.portal.clock.advance(hour)
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
    expect(tokenStatuses()).toEqual([200, 200])
  })

  it('a refresh that hangs ends at the limit of its most patient caller, and the next call sends the refresh token again', async () => {
    const options = optionsFor()
    const watch = watched()
    const client = createClient({ auth: oauth(options), retry: false, ky: watch.ky })
    emulator.portal.clock.advance(hour)
    injectToken(hang)

    const started = performance.now()
    const quick = caught(client.call('imbot.chat.get', chatGet, { timeout: 100 }))
    await Promise.race([watch.started, quick])
    const patient = caught(client.call('imbot.chat.get', chatGet, { timeout: 250 }))
    expect(await quick).toMatchObject({ name: 'TimeoutError', method: 'oauth/token', timeout: 100 })
    expect(await patient).toMatchObject({ name: 'TimeoutError', method: 'oauth/token', timeout: 250, retryable: true })
    const waited = performance.now() - started
    expect(waited).toBeGreaterThanOrEqual(245)
    expect(waited).toBeLessThan(250 + 200)
    expect(watch.sent).toEqual([options.refreshToken])

    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
    expect(watch.sent).toEqual([options.refreshToken, options.refreshToken])
  })

  it('a caller whose signal aborts while it waits for a shared refresh leaves at once with its reason; the refresh goes on for the others', async () => {
    const options = optionsFor()
    const { auth, refreshes } = counted(oauth(options))
    const client = createClient({ auth, retry: false, timeout: 2_000 })
    emulator.portal.clock.advance(hour)
    injectToken({ delayMs: 250 })

    const first = client.call('imbot.chat.get', chatGet)
    const controller = new AbortController()
    const leaving = caught(client.call('imbot.chat.get', chatGet, { signal: controller.signal }))
    await vi.waitFor(
      () => {
        expect(refreshes()).toBe(2)
      },
      { interval: 5 },
    )
    const reason = new Error('the user went away')
    const aborted = performance.now()
    controller.abort(reason)
    await expect(leaving).resolves.toBe(reason)
    expect(performance.now() - aborted).toBeLessThan(100)
    expect(emulator.portal.tokenRequests).toHaveLength(0) // the refresh is still on its way

    await expect(first).resolves.toEqual(chat())
    expect(refreshTokensSent()).toEqual([options.refreshToken])
    expect(tokenStatuses()).toEqual([200])
    expect(callsOf('imbot.chat.get')).toHaveLength(1)
  })

  it('the caller that started a refresh aborting does not cancel it for the callers that wait for it', async () => {
    const options = optionsFor()
    const { auth, refreshes } = counted(oauth(options))
    const client = createClient({ auth, retry: false, timeout: 2_000 })
    emulator.portal.clock.advance(hour)
    injectToken({ delayMs: 250 })

    const controller = new AbortController()
    const starter = caught(client.call('imbot.chat.get', chatGet, { signal: controller.signal }))
    await vi.waitFor(
      () => {
        expect(refreshes()).toBe(1)
      },
      { interval: 5 },
    )
    const waiting = client.call('imbot.chat.get', chatGet)
    await vi.waitFor(
      () => {
        expect(refreshes()).toBe(2)
      },
      { interval: 5 },
    )
    const reason = new Error('cancelled')
    controller.abort(reason)
    await expect(starter).resolves.toBe(reason)

    await expect(waiting).resolves.toEqual(chat())
    expect(refreshTokensSent()).toEqual([options.refreshToken])
    expect(tokenStatuses()).toEqual([200])
  })

  it('a call whose deadline runs out while the refresh hangs fails at the deadline, with an error of the refresh, not the expiry', async () => {
    const options = optionsFor()
    const client = createClient({ auth: oauth(options), retry: { ...retries, deadline: 250 }, timeout: 1_000 })
    emulator.portal.clock.advance(hour)
    injectToken(hang)

    const started = performance.now()
    const error = await caught(client.call('imbot.chat.get', chatGet))
    expect(performance.now() - started).toBeLessThan(250 + 200)
    // Not the `expired_token` of the first attempt: the refresh is what did not complete in time.
    expect(TimeoutError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ method: 'oauth/token', timeout: 250, retryable: true })
    expect((error as Error).message).toMatch(/deadline/)
    expectTokenEndpointError(error, options)
  })

  it('auto-batched calls whose deadline runs out while the refresh hangs each get a TimeoutError naming oauth/token', async () => {
    const options = optionsFor()
    const client = createAnyClient({ auth: oauth(options), limiter: unlimited, retry: { ...retries, deadline: 300 } })
    emulator.portal.clock.advance(hour)
    injectToken({ ...hang, times: 100 })

    const errors = await Promise.all([
      ...Array.from({ length: 5 }, () => caught(client.call('imbot.chat.get', chatGet))),
      ...Array.from({ length: 5 }, () => caught(client.call('imbot.chat.get', chatGet, { idempotent: true }))),
      ...Array.from({ length: 5 }, () => caught(client.call('imbot.message.add', messageAdd()))),
    ])
    expect(emulator.portal.requests[0]).toMatchObject({ method: 'batch', status: 401 })
    for (const error of errors) {
      expect(TimeoutError.isInstance(error)).toBe(true)
      expectTokenEndpointError(error, options)
    }
  })
})

describe('OAuth refresh refused for good', () => {
  it('with retry off: an answer lost after the refresh was made gives a retryable NetworkError; the resend meets invalid_grant, which says to authorize again; later calls send nothing', async () => {
    const options = optionsFor()
    const client = createClient({ auth: oauth(options), retry: false })
    emulator.portal.clock.advance(hour)
    injectToken({ reset: 'after' })

    const lost = await caught(client.call('imbot.chat.get', chatGet))
    expect(lost).toMatchObject({ name: 'NetworkError', method: 'oauth/token', retryable: true })
    expect((lost as Error).message).not.toMatch(reauthorize)
    expectTokenEndpointError(lost, options)
    // The emulator made the refresh: the token is spent, but the client cannot know it.
    expect(tokenStatuses()).toEqual([200])

    const refused = await caught(client.call('imbot.chat.get', chatGet))
    expect(refused).toMatchObject({ name: 'ApiError', code: 'invalid_grant', status: 400, method: 'oauth/token', retryable: false })
    expect((refused as Error).message).toMatch(reauthorize)
    expectTokenEndpointError(refused, options)
    expect(refreshTokensSent()).toEqual([options.refreshToken, options.refreshToken])
    expect(tokenStatuses()).toEqual([200, 400])

    for (let index = 0; index < 3; index += 1) {
      const again = await caught(client.call('imbot.chat.get', chatGet))
      expect(again).toMatchObject({ name: 'ApiError', code: 'invalid_grant', method: 'oauth/token', retryable: false })
      expect((again as Error).message).toMatch(reauthorize)
    }
    expect(emulator.portal.tokenRequests).toHaveLength(2)
    expect(callsOf('imbot.chat.get')).toHaveLength(0)
  })

  it('with retries: the lost answer is retried within the call, and the refusal ends it; later calls send nothing', async () => {
    const options = optionsFor()
    const client = createClient({ auth: oauth(options), retry: retries })
    emulator.portal.clock.advance(hour)
    injectToken({ reset: 'after' })

    const refused = await caught(client.call('imbot.chat.get', chatGet))
    expect(refused).toMatchObject({ name: 'ApiError', code: 'invalid_grant', method: 'oauth/token', retryable: false })
    expect((refused as Error).message).toMatch(reauthorize)
    expect(refreshTokensSent()).toEqual([options.refreshToken, options.refreshToken])
    expect(tokenStatuses()).toEqual([200, 400])

    await expect(client.call('imbot.chat.get', chatGet)).rejects.toMatchObject({ code: 'invalid_grant', method: 'oauth/token' })
    expect(emulator.portal.tokenRequests).toHaveLength(2)
  })

  it('invalid_client stops at once, says to authorize again, and is not sent again', async () => {
    const options = optionsFor({ clientSecret: 'not-the-secret-of-this-app' })
    const client = createClient({ auth: oauth(options), retry: retries })
    emulator.portal.clock.advance(hour)

    const refused = await caught(client.call('imbot.chat.get', chatGet))
    expect(refused).toMatchObject({ name: 'ApiError', code: 'invalid_client', status: 401, method: 'oauth/token', retryable: false })
    expect((refused as Error).message).toMatch(reauthorize)
    expectTokenEndpointError(refused, options)
    expect(tokenStatuses()).toEqual([401])

    const again = await caught(client.call('imbot.chat.get', chatGet))
    expect(again).toMatchObject({ name: 'ApiError', code: 'invalid_client', method: 'oauth/token' })
    expect(emulator.portal.tokenRequests).toHaveLength(1)
  })

  it("a proxy's page with no envelope (403) ends the call but spends nothing: the next call sends the same refresh token", async () => {
    const options = optionsFor()
    const client = createClient({ auth: oauth(options), retry: retries })
    emulator.portal.clock.advance(hour)
    injectToken({ reply: { status: 403, body: '<html>Forbidden by proxy</html>' } })

    const blocked = await caught(client.call('imbot.chat.get', chatGet))
    expect(blocked).toMatchObject({ name: 'HttpError', status: 403, method: 'oauth/token', retryable: false })
    expect((blocked as Error).message).not.toMatch(reauthorize)
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
    expect(refreshTokensSent()).toEqual([options.refreshToken, options.refreshToken])
    expect(tokenStatuses()).toEqual([403, 200])
  })

  it('a 2xx that is not a token pair (a captive page, an empty object) ends the call but spends nothing', async () => {
    const options = optionsFor()
    const client = createClient({ auth: oauth(options), retry: retries })
    emulator.portal.clock.advance(hour)
    injectToken({ reply: { status: 200, body: '<html>Sign in to the Wi-Fi</html>' } })
    injectToken({ reply: { status: 200, body: '{}', contentType: 'application/json' } })
    await expect(client.call('imbot.chat.get', chatGet)).rejects.toMatchObject({ name: 'ResponseShapeError', method: 'oauth/token' })
    await expect(client.call('imbot.chat.get', chatGet)).rejects.toMatchObject({ name: 'ResponseShapeError', method: 'oauth/token' })
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
    expect(refreshTokensSent()).toEqual([options.refreshToken, options.refreshToken, options.refreshToken])
  })

  it('a new pair put in the token store after a refusal is used without calling the token endpoint', async () => {
    const store = memoryTokenStore()
    const options = optionsFor({ store })
    const client = createClient({ auth: oauth(options), retry: retries })
    emulator.portal.clock.advance(hour)
    injectToken({ reset: 'after' })
    await expect(client.call('imbot.chat.get', chatGet)).rejects.toMatchObject({ code: 'invalid_grant', method: 'oauth/token' })
    expect(emulator.portal.tokenRequests).toHaveLength(2)

    const fresh = emulator.portal.tokens.issue(app, 1) // the user authorized the app again
    await store.set({ accessToken: fresh.access_token, refreshToken: fresh.refresh_token })
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
    expect(emulator.portal.tokenRequests).toHaveLength(2)
    // ... and refreshes the new pair when it expires in turn.
    emulator.portal.clock.advance(hour)
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toEqual(chat())
    expect(refreshTokensSent()).toEqual([options.refreshToken, options.refreshToken, fresh.refresh_token])
  })
})

describe('OAuth refresh for many concurrent calls', () => {
  /**
   * Failures of the refresh of an auto-batched call, lasting long enough that no repeat gets past them,
   * and the client's time limit (short only where the endpoint hangs, yet long enough for a batch to be
   * answered on a loaded machine: a batch that times out is the call's own failure, not the refresh's).
   */
  const failures: readonly (readonly [string, Omit<Injection, 'method'>, number])[] = [
    ['a 503 envelope', { reply: { status: 503, error: 'SERVICE_UNAVAILABLE' }, times: 100 }, 60_000],
    ['a 502 HTML page', { reply: { status: 502, body: '<html>502</html>' }, times: 100 }, 60_000],
    ['a reset', { reset: 'before', times: 100 }, 60_000],
    ['a refusal', { reply: { status: 400, error: 'invalid_grant', description: 'Invalid refresh token' } }, 60_000],
    ['a hanging endpoint', { delayMs: 2_000, times: 100 }, 300],
  ]

  it.each(failures)('every auto-batched call whose refresh fails with %s gets an error naming oauth/token', async (_, failure, timeout) => {
    const options = optionsFor()
    const client = createAnyClient({ auth: oauth(options), limiter: unlimited, retry: false, timeout })
    emulator.portal.clock.advance(hour)
    injectToken(failure)

    const errors = await Promise.all([
      ...Array.from({ length: 30 }, () => caught(client.call('imbot.chat.get', chatGet))),
      ...Array.from({ length: 10 }, () => caught(client.call('imbot.chat.get', chatGet, { idempotent: true }))),
      ...Array.from({ length: 10 }, () => caught(client.call('imbot.message.add', messageAdd()))),
    ])
    expect(emulator.portal.requests[0]).toMatchObject({ method: 'batch', status: 401 })
    for (const error of errors) expectTokenEndpointError(error, options)
    expect(emulator.portal.calls).toHaveLength(0)
  })

  it('every auto-batched call gets an error naming oauth/token with retries, too', async () => {
    const options = optionsFor()
    const client = createAnyClient({ auth: oauth(options), limiter: unlimited, retry: retries })
    emulator.portal.clock.advance(hour)
    injectToken({ reply: { status: 503, error: 'SERVICE_UNAVAILABLE' }, times: 100 })

    const errors = await Promise.all([
      ...Array.from({ length: 20 }, () => caught(client.call('imbot.chat.get', chatGet, { idempotent: true }))),
      ...Array.from({ length: 20 }, () => caught(client.call('imbot.message.add', messageAdd()))),
    ])
    for (const error of errors) {
      expect(error).toMatchObject({ name: 'ApiError', code: 'SERVICE_UNAVAILABLE' })
      expectTokenEndpointError(error, options)
    }
    expect(new Set(refreshTokensSent())).toEqual(new Set([options.refreshToken]))
  })

  it('auto-batched calls recover from a passing fault within the call, with one refresh per attempt', async () => {
    const options = optionsFor()
    const client = createAnyClient({ auth: oauth(options), limiter: unlimited, retry: retries })
    emulator.portal.clock.advance(hour)
    injectToken({ reply: { status: 503, error: 'SERVICE_UNAVAILABLE' } })

    const results = await Promise.all(Array.from({ length: 20 }, () => client.call('imbot.chat.get', chatGet, { idempotent: true })))
    expect(results).toEqual(Array.from({ length: 20 }, () => chat()))
    expect(tokenStatuses()).toEqual([503, 200])
    expect(refreshTokensSent()).toEqual([options.refreshToken, options.refreshToken])
  })

  it('100 concurrent calls on one expiry make one refresh, auto-batched or not', async () => {
    for (const autoBatch of [false, {}] as const) {
      const options = optionsFor()
      const client = createAnyClient({ auth: oauth(options), limiter: unlimited, autoBatch })
      emulator.portal.clock.advance(hour)
      const before = emulator.portal.tokenRequests.length
      const results = await Promise.all(Array.from({ length: 100 }, () => client.call('imbot.chat.get', chatGet)))
      expect(results).toEqual(Array.from({ length: 100 }, () => chat()))
      expect(refreshTokensSent().slice(before)).toEqual([options.refreshToken])
    }
  })

  it('100 concurrent calls whose refresh fails once fail together with retry off, after one refresh', async () => {
    const options = optionsFor()
    const client = createClient({ auth: oauth(options), retry: false })
    emulator.portal.clock.advance(hour)
    injectToken({ reply: { status: 503, error: 'SERVICE_UNAVAILABLE' } })

    const errors = await Promise.all(Array.from({ length: 100 }, () => caught(client.call('imbot.chat.get', chatGet))))
    for (const error of errors)
      expect(error).toMatchObject({ name: 'ApiError', code: 'SERVICE_UNAVAILABLE', method: 'oauth/token', retryable: true })
    expect(tokenStatuses()).toEqual([503])

    const results = await Promise.all(Array.from({ length: 100 }, () => client.call('imbot.chat.get', chatGet)))
    expect(results).toEqual(Array.from({ length: 100 }, () => chat()))
    expect(tokenStatuses()).toEqual([503, 200])
    expect(refreshTokensSent()).toEqual([options.refreshToken, options.refreshToken])
  })

  it('100 concurrent calls whose refresh fails once all succeed with retries, after exactly two refreshes', async () => {
    const options = optionsFor()
    const client = createClient({ auth: oauth(options), retry: retries })
    emulator.portal.clock.advance(hour)
    injectToken({ reply: { status: 502, body: '<html>502</html>' } })

    const results = await Promise.all(Array.from({ length: 100 }, () => client.call('imbot.chat.get', chatGet)))
    expect(results).toEqual(Array.from({ length: 100 }, () => chat()))
    expect(tokenStatuses()).toEqual([502, 200])
    expect(refreshTokensSent()).toEqual([options.refreshToken, options.refreshToken])
    expect(callsOf('imbot.chat.get')).toHaveLength(100)
  })
})
