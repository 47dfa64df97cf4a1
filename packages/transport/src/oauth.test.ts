import { startEmulator, type Emulator, type PortalApp } from '@b24bot/emulator'
import fc from 'fast-check'
import ky from 'ky'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError, B24Error, createClient as createAnyClient, memoryTokenStore, oauth, refreshTokens, unlimited, type ClientOptions, type OAuthOptions, type Tokens } from './index.ts'
import { caught, everyRendering } from '../test/errors.ts'

/** A client that sends every call alone and unpaced, so each call is its own request and refreshes are counted per request. */
const createClient = (options: ClientOptions) => createAnyClient({ autoBatch: false, limiter: unlimited, ...options })

const hour = 3_600_000
let emulator: Emulator
let app: PortalApp
beforeEach(async () => {
  emulator = await startEmulator({ clock: { frozen: true } })
  app = emulator.portal.addApp()
  emulator.portal.createChat({ entityType: 'ORDER', entityId: '13' })
})
afterEach(async () => {
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
const refreshTokensSent = () => emulator.portal.tokenRequests.map((request) => request.params.refresh_token)
/** Spends a refresh token behind the client's back, as another process holding it would. */
const spend = async (refreshToken: string) => {
  const query = new URLSearchParams({ grant_type: 'refresh_token', client_id: app.clientId, client_secret: app.clientSecret, refresh_token: refreshToken })
  const response = await fetch(`${emulator.url}/oauth/token/?${query.toString()}`)
  return (await response.json()) as { access_token: string; refresh_token: string }
}

describe('oauth()', () => {
  it('calls {portal}/rest/{method} with the access token in a Bearer header', async () => {
    const options = optionsFor()
    const seen: string[] = []
    const client = createClient({
      auth: oauth(options),
      ky: ky.create({
        fetch: (input, init) => {
          const request = new Request(input, init)
          seen.push(`${request.url} ${request.headers.get('authorization') ?? ''}`)
          return fetch(request)
        },
      }),
    })
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toMatchObject({ ID: expect.any(Number) as number })
    expect(seen).toEqual([`${emulator.url}/rest/imbot.chat.get Bearer ${options.accessToken}`])
    expect(emulator.portal.requests.at(-1)).toMatchObject({ method: 'imbot.chat.get', status: 200 })
    expect(emulator.portal.tokenRequests).toHaveLength(0)
  })

  it('takes the portal as a URL with a path or as a bare domain, and names the portal by its origin', () => {
    const options = optionsFor()
    expect(oauth({ ...options, portal: `${emulator.url}/rest/` }).portal).toBe(emulator.url)
    expect(oauth({ ...options, portal: 'example.bitrix24.com' }).portal).toBe('https://example.bitrix24.com')
    expect(oauth({ ...options, portal: new URL('https://example.bitrix24.com/x') }).portal).toBe('https://example.bitrix24.com')
  })

  it.each([
    [{ portal: 'not a url' }, /oauth\(\): portal is not a valid URL/],
    [{ portal: 'ftp://example.com' }, /portal must use https/],
    [{ accessToken: '' }, /accessToken is required/],
    [{ refreshToken: undefined as unknown as string }, /refreshToken is required/],
    [{ clientId: ' ' }, /clientId is required/],
    [{ clientSecret: '' }, /clientSecret is required/],
    [{ tokenUrl: 'https://oauth.example/token/?secret=1' }, /tokenUrl must have no credentials, query/],
  ])('refuses bad options with a TypeError naming the field: %o', (bad, message) => {
    const options = optionsFor()
    const attempt = () => oauth({ ...options, ...bad })
    expect(attempt).toThrow(TypeError)
    expect(attempt).toThrow(message)
  })

  it('on an expired token refreshes once, stores the new pair, tells onTokens, and replays the call', async () => {
    const store = memoryTokenStore()
    const told: Tokens[] = []
    const options = optionsFor({ store, onTokens: (tokens) => void told.push(tokens) })
    const client = createClient({ auth: oauth(options) })
    emulator.portal.clock.advance(hour)

    await expect(client.call('imbot.chat.get', chatGet)).resolves.toMatchObject({ ID: expect.any(Number) as number })
    expect(emulator.portal.tokenRequests).toEqual([
      { params: { grant_type: 'refresh_token', client_id: app.clientId, client_secret: app.clientSecret, refresh_token: options.refreshToken }, status: 200 },
    ])
    const stored = await store.get()
    expect(stored).toEqual({ accessToken: expect.any(String) as string, refreshToken: expect.any(String) as string, expires: emulator.portal.clock.seconds() + 3600 })
    expect(stored?.accessToken).not.toBe(options.accessToken)
    expect(told).toEqual([stored])
    // The first attempt was refused before running; the replay ran once, with the new token.
    expect(emulator.portal.requests.map((request) => request.status)).toEqual([401, 200])
    expect(emulator.portal.calls.filter((call) => call.method === 'imbot.chat.get')).toHaveLength(1)
    // The new pair keeps working, and is refreshed again an hour later with the new refresh token.
    emulator.portal.clock.advance(hour)
    await client.call('imbot.chat.get', chatGet)
    expect(refreshTokensSent()).toEqual([options.refreshToken, stored?.refreshToken])
  })

  it('makes exactly one refresh for 100 concurrent calls on an expired token, and all succeed', async () => {
    const told: Tokens[] = []
    const client = createClient({ auth: oauth(optionsFor({ onTokens: (tokens) => void told.push(tokens) })) })
    emulator.portal.clock.advance(hour)
    const results = await Promise.all(Array.from({ length: 100 }, () => client.call('imbot.chat.get', chatGet)))
    expect(results).toHaveLength(100)
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1)
    expect(emulator.portal.tokenRequests).toHaveLength(1)
    expect(told).toHaveLength(1)
    expect(emulator.portal.calls.filter((call) => call.method === 'imbot.chat.get')).toHaveLength(100)
  })

  it('does not refresh again for a call whose expiry is answered after the refresh finished', async () => {
    let first = true
    let refreshed: () => void = () => undefined
    const refreshDone: Promise<void> = new Promise((resolve) => (refreshed = resolve))
    // The first request's 401 reaches the client only once the other call has refreshed and replayed.
    const slowFirstAnswer: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      if (first) {
        first = false
        await refreshDone
      }
      return response
    }
    const client = createClient({ auth: oauth(optionsFor()), ky: ky.create({ fetch: slowFirstAnswer }) })
    emulator.portal.clock.advance(hour)
    const late = client.call('imbot.chat.get', chatGet)
    await client.call('imbot.chat.get', chatGet) // expires, refreshes, replays
    expect(emulator.portal.tokenRequests).toHaveLength(1)
    refreshed()
    await expect(late).resolves.toBeTruthy()
    expect(emulator.portal.requests.map((request) => request.status)).toEqual([401, 401, 200, 200])
    expect(emulator.portal.tokenRequests).toHaveLength(1)
  })

  it('shares one refresh between clients derived with extend()', async () => {
    const client = createClient({ auth: oauth(optionsFor()) })
    const patient = client.extend({ timeout: 120_000 })
    emulator.portal.clock.advance(hour)
    await Promise.all([client.call('imbot.chat.get', chatGet), patient.call('imbot.chat.get', chatGet)])
    expect(emulator.portal.tokenRequests).toHaveLength(1)
  })

  it('never sends a refresh token twice: a refused refresh fails every waiting call, and the next expiry sends nothing', async () => {
    const options = optionsFor()
    const client = createClient({ auth: oauth(options) })
    await spend(options.refreshToken) // someone else used it: the token endpoint will refuse it
    emulator.portal.clock.advance(hour)

    const errors = await Promise.all(Array.from({ length: 20 }, () => caught(client.call('imbot.chat.get', chatGet))))
    expect(emulator.portal.tokenRequests).toHaveLength(2) // ours and the one behind our back
    expect(refreshTokensSent()).toEqual([options.refreshToken, options.refreshToken])
    const first = errors[0]
    expect(ApiError.isInstance(first)).toBe(true)
    expect(first).toMatchObject({ code: 'invalid_grant', status: 400, method: 'oauth/token', retryable: false })
    expect((first as Error).message).toMatch(/authorize the app again/)
    for (const error of errors) expect(error).toMatchObject({ name: 'ApiError', code: 'invalid_grant', method: 'oauth/token' })

    const again = await caught(client.call('imbot.chat.get', chatGet))
    expect(emulator.portal.tokenRequests).toHaveLength(2)
    expect(again).toMatchObject({ name: 'ApiError', code: 'invalid_grant', method: 'oauth/token', retryable: false })
    expect((again as Error).message).toMatch(/authorize the app again/)
    for (const error of [...errors, again]) {
      for (const secret of [options.accessToken, options.refreshToken, options.clientSecret]) expect(everyRendering(error)).not.toContain(secret)
    }
  })

  it('after a failed refresh, goes on with a new pair put in the store, without calling the token endpoint', async () => {
    const store = memoryTokenStore()
    const options = optionsFor({ store })
    const client = createClient({ auth: oauth(options) })
    await spend(options.refreshToken)
    emulator.portal.clock.advance(hour)
    await expect(client.call('imbot.chat.get', chatGet)).rejects.toMatchObject({ code: 'invalid_grant' })

    const fresh = emulator.portal.tokens.issue(app, 1) // the user authorized the app again
    await store.set({ accessToken: fresh.access_token, refreshToken: fresh.refresh_token })
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toBeTruthy()
    expect(emulator.portal.tokenRequests).toHaveLength(2)
  })

  it('with a shared store, uses the pair another process refreshed instead of spending a dead refresh token', async () => {
    const store = memoryTokenStore()
    const options = optionsFor({ store })
    const first = createClient({ auth: oauth(options) })
    const second = createClient({ auth: oauth(options) })
    await Promise.all([first.call('imbot.chat.get', chatGet), second.call('imbot.chat.get', chatGet)])
    emulator.portal.clock.advance(hour)

    await first.call('imbot.chat.get', chatGet) // refreshes, stores the new pair
    await second.call('imbot.chat.get', chatGet) // 401 with the old token: reads the store, replays
    expect(emulator.portal.tokenRequests).toHaveLength(1)
    const stored = await store.get()
    expect(emulator.portal.requests.at(-1)?.status).toBe(200)
    // A third process started from the stale options reads the store before its first call.
    const third = createClient({ auth: oauth(options) })
    await third.call('imbot.chat.get', chatGet)
    expect(emulator.portal.requests.at(-1)?.status).toBe(200)
    expect(emulator.portal.tokenRequests).toHaveLength(1)
    expect(stored?.accessToken).toBeDefined()
  })

  it('fails the waiting calls with a clean error when the store cannot save the new pair, and keeps the pair in memory', async () => {
    const options = optionsFor({
      store: {
        get: () => Promise.resolve(undefined),
        set: (tokens) => Promise.reject(new Error(`disk full while writing ${tokens.refreshToken}`)),
      },
    })
    const client = createClient({ auth: oauth(options) })
    emulator.portal.clock.advance(hour)
    const error = await caught(client.call('imbot.chat.get', chatGet))
    expect(B24Error.isInstance(error)).toBe(true)
    expect((error as Error).message).toMatch(/refreshed, but store\.set\(\) threw/)
    expect(emulator.portal.tokenRequests).toHaveLength(1)
    // The store's own error is the cause, with the token it named masked.
    expect(everyRendering(error)).toContain('disk full while writing ***')
    expect(everyRendering(error)).not.toMatch(/disk full while writing [0-9a-f]{32}/)
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toBeTruthy()
    expect(emulator.portal.tokenRequests).toHaveLength(1)
  })

  it('lists every token it saw and the client secret as secrets, the same array until one is added', async () => {
    const options = optionsFor()
    const auth = oauth(options)
    const before = auth.secrets()
    expect(auth.secrets()).toBe(before)
    expect(before).toEqual(expect.arrayContaining([options.accessToken, options.refreshToken, options.clientSecret]))
    emulator.portal.clock.advance(hour)
    await createClient({ auth }).call('imbot.chat.get', chatGet)
    const after = auth.secrets()
    expect(after).not.toBe(before)
    expect(after).toHaveLength(before.length + 2)
    expect(after).toEqual(expect.arrayContaining([...before]))
  })

  it('keeps every token and the client secret out of any token endpoint failure', async () => {
    type Failure = (url: string) => Promise<Response>
    const failures: readonly Failure[] = [
      // fetch fails naming the URL
      (url) => Promise.reject(new TypeError(`fetch failed for ${url}`, { cause: new Error(`GET ${url}`) })),
      // an error envelope echoing the query
      (url) => Promise.resolve(Response.json({ error: 'invalid_client', error_description: `bad ${new URL(url).search}` }, { status: 401 })),
      // an HTML page echoing the URL
      (url) => Promise.resolve(new Response(`<html>502 for ${url}</html>`, { status: 502 })),
      // a 200 that is not a token pair
      (url) => Promise.resolve(Response.json({ access_token: '', echo: url })),
    ]
    const urlOf = (input: string | URL | Request) => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9]{12,40}$/), fc.constantFrom(...failures), async (clientSecret, failure) => {
        const options = optionsFor({ clientSecret })
        // The token endpoint goes through the client's ky instance; the portal answers as usual.
        const tokenEndpointFails: typeof fetch = (input, init) => (urlOf(input).includes('/oauth/token/') ? failure(urlOf(input)) : fetch(input, init))
        const client = createClient({ auth: oauth(options), ky: ky.create({ fetch: tokenEndpointFails }), retry: { attempts: 2, baseDelay: 1 } })
        emulator.portal.clock.advance(hour)
        const error = await caught(client.call('imbot.chat.get', chatGet))
        expect(B24Error.isInstance(error)).toBe(true)
        expect((error as B24Error).method).toBe('oauth/token')
        const text = everyRendering(error)
        for (const secret of [options.accessToken, options.refreshToken, clientSecret]) {
          expect(text).not.toContain(secret)
          expect(text).not.toContain(encodeURIComponent(secret))
        }
      }),
      { numRuns: 40 },
    )
  })
})

describe('refreshTokens()', () => {
  it('exchanges a genuine refresh token for a new pair, saying for which portal and user', async () => {
    const issued = emulator.portal.tokens.issue(app, 1)
    const grant = await refreshTokens({ refreshToken: issued.refresh_token, clientId: app.clientId, clientSecret: app.clientSecret, tokenUrl: `${emulator.url}/oauth/token/` })
    expect(grant).toMatchObject({ memberId: issued.member_id, domain: 'oauth.bitrix.info', clientEndpoint: issued.client_endpoint, userId: 1 })
    expect(grant.accessToken).not.toBe(issued.access_token)
    expect(refreshTokensSent()).toEqual([issued.refresh_token])
  })

  it('refuses a token that is not this app\'s, or spent, with an ApiError naming oauth/token and no secret', async () => {
    const issued = emulator.portal.tokens.issue(app, 1)
    const other = emulator.portal.addApp()
    const options = { refreshToken: issued.refresh_token, clientId: other.clientId, clientSecret: other.clientSecret, tokenUrl: `${emulator.url}/oauth/token/` }
    const error = await caught(refreshTokens(options))
    expect(error).toMatchObject({ name: 'ApiError', code: 'invalid_grant', method: 'oauth/token' })
    expect(everyRendering(error)).not.toContain(issued.refresh_token)
    expect(everyRendering(error)).not.toContain(other.clientSecret)
    await expect(refreshTokens({ ...options, refreshToken: '' })).rejects.toThrow(/refreshToken is required/)
  })
})

