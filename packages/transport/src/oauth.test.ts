import { startEmulator, type Emulator, type PortalApp } from '@b24bot/emulator'
import fc from 'fast-check'
import ky from 'ky'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  ApiError,
  B24Error,
  createClient as createAnyClient,
  memoryTokenStore,
  oauth,
  refreshTokens,
  unlimited,
  type ClientOptions,
  type OAuthOptions,
  type Tokens,
  type TokenStore,
} from './index.ts'
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
  const query = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: app.clientId,
    client_secret: app.clientSecret,
    refresh_token: refreshToken,
  })
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
      {
        params: {
          grant_type: 'refresh_token',
          client_id: app.clientId,
          client_secret: app.clientSecret,
          refresh_token: options.refreshToken,
        },
        status: 200,
      },
    ])
    const stored = await store.get()
    expect(stored).toEqual({
      accessToken: expect.any(String) as string,
      refreshToken: expect.any(String) as string,
      expires: emulator.portal.clock.seconds() + 3600,
    })
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
      for (const secret of [options.accessToken, options.refreshToken, options.clientSecret])
        expect(everyRendering(error)).not.toContain(secret)
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
      (url) =>
        Promise.resolve(Response.json({ error: 'invalid_client', error_description: `bad ${new URL(url).search}` }, { status: 401 })),
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
        const tokenEndpointFails: typeof fetch = (input, init) =>
          urlOf(input).includes('/oauth/token/') ? failure(urlOf(input)) : fetch(input, init)
        const client = createClient({
          auth: oauth(options),
          ky: ky.create({ fetch: tokenEndpointFails }),
          retry: { attempts: 2, baseDelay: 1 },
        })
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

/** The store's `renew`: `memoryTokenStore()` always has one. */
function renewOf(store: TokenStore): NonNullable<TokenStore['renew']> {
  if (!store.renew) throw new Error('the store has no renew()')
  return store.renew.bind(store)
}

/** One replica of a bot: its own client and auth, and the requests it sent to the token endpoint. */
interface Replica {
  readonly client: ReturnType<typeof createClient>
  /** How many requests this replica sent to the token endpoint. */
  readonly tokenRequests: () => number
}

/**
 * Two replicas (two processes, here in one test): each its own client and `oauth()`, sharing only the
 * portal and `shared`, which each reaches through a handle of its own (as each replica has its own
 * connection to Redis), with the store's `renew` or without it. The token endpoint answers only once
 * both replicas are past the point where a pair the other refreshed could still reach them: each has
 * entered `renew`, or sent a refresh of its own. So the replicas meet the expiry together, however
 * their calls interleave, and neither can get the new pair from the store before it needs it.
 */
function replicas(shared: TokenStore, options: OAuthOptions, { renew }: { readonly renew: boolean }): readonly [Replica, Replica] {
  const ready: Set<number> = new Set()
  let release: () => void = () => undefined
  const released: Promise<void> = new Promise((resolve) => (release = resolve))
  const arrive = (replica: number) => {
    ready.add(replica)
    if (ready.size === 2) release()
  }
  const replica = (index: number): Replica => {
    let sent = 0
    const store: TokenStore = {
      get: () => shared.get(),
      set: (tokens) => shared.set(tokens),
      ...(renew
        ? {
            renew: (expired: string, refresh: (stored: Tokens | undefined) => Promise<Tokens>, signal: AbortSignal) => {
              arrive(index)
              return renewOf(shared)(expired, refresh, signal)
            },
          }
        : {}),
    }
    const fetchAs: typeof fetch = async (input, init) => {
      const request = new Request(input, init)
      if (request.url.startsWith(`${emulator.url}/oauth/token/`)) {
        sent += 1
        arrive(index)
        await released
      }
      return fetch(request)
    }
    return { client: createClient({ auth: oauth({ ...options, store }), ky: ky.create({ fetch: fetchAs }) }), tokenRequests: () => sent }
  }
  return [replica(0), replica(1)]
}

/** 100 concurrent calls on each replica; how many of each failed, and the errors. */
async function hundredEach(both: readonly Replica[]): Promise<{ readonly failed: number[]; readonly errors: unknown[] }> {
  const settled = await Promise.all(
    both.map(({ client }) => Promise.allSettled(Array.from({ length: 100 }, () => client.call('imbot.chat.get', chatGet)))),
  )
  const rejected = settled.map((results) => results.filter((result) => result.status === 'rejected'))
  return { failed: rejected.map((results) => results.length), errors: rejected.flat().map((result) => result.reason as unknown) }
}

describe('oauth() with a store shared by several processes', () => {
  it('with renew: two processes on one expiry make one refresh in all, for 100 concurrent calls each, and no call fails', async () => {
    const shared = memoryTokenStore()
    const told: Tokens[] = []
    const options = optionsFor({ onTokens: (tokens) => void told.push(tokens) })
    const both = replicas(shared, options, { renew: true })
    emulator.portal.clock.advance(hour)

    const { failed } = await hundredEach(both)
    expect(failed).toEqual([0, 0])
    expect(emulator.portal.tokenRequests).toEqual([expect.objectContaining({ status: 200 })])
    expect(refreshTokensSent()).toEqual([options.refreshToken])
    expect(both.map((replica) => replica.tokenRequests()).sort()).toEqual([0, 1])
    expect(emulator.portal.calls.filter((call) => call.method === 'imbot.chat.get')).toHaveLength(200)
    // The store holds the new pair; only the process that refreshed tells its onTokens, once.
    const stored = await shared.get()
    expect(stored?.accessToken).not.toBe(options.accessToken)
    expect(told).toEqual([stored])
    // Both go on with it: no 401, no refresh.
    const before = emulator.portal.requests.length
    await Promise.all(both.map(({ client }) => client.call('imbot.chat.get', chatGet)))
    expect(emulator.portal.requests.slice(before).map((request) => request.status)).toEqual([200, 200])
    // An hour later, the next expiry again makes one refresh in all, from the stored refresh token.
    emulator.portal.clock.advance(hour)
    expect((await hundredEach(both)).failed).toEqual([0, 0])
    expect(refreshTokensSent()).toEqual([options.refreshToken, stored?.refreshToken])
  })

  it('without renew (a plain { get, set } store): each process refreshes at most once, and the one that comes second is refused with invalid_grant', async () => {
    const shared = memoryTokenStore()
    const options = optionsFor()
    const both = replicas(shared, options, { renew: false })
    emulator.portal.clock.advance(hour)

    const { failed, errors } = await hundredEach(both)
    // One refresh per process: the 100 calls of each share it. Both read the store before either wrote
    // it, so both sent the same refresh token, and the OAuth server refused the second.
    expect(both.map((replica) => replica.tokenRequests())).toEqual([1, 1])
    expect(refreshTokensSent()).toEqual([options.refreshToken, options.refreshToken])
    expect(emulator.portal.tokenRequests.map((request) => request.status)).toEqual([200, 400])
    // The calls of the refused process that waited for its refresh fail; those whose 401 came after
    // the refusal read the store, find the other's pair, and go on with it, as does every later call.
    const [winner, loser] = [...failed].sort((a, b) => a - b)
    expect(winner).toBe(0)
    expect(loser).toBeGreaterThanOrEqual(1)
    expect(errors).toHaveLength(loser ?? 0)
    for (const error of errors) expect(error).toMatchObject({ name: 'ApiError', code: 'invalid_grant', method: 'oauth/token' })
    for (const { client } of both) await expect(client.call('imbot.chat.get', chatGet)).resolves.toBeTruthy()
    expect(emulator.portal.tokenRequests).toHaveLength(2)
  })

  it('fails with an error naming store.renew(), never a token, when the store cannot renew; a refresh it ran is used in this process', async () => {
    const shared = memoryTokenStore()
    const options = optionsFor()
    let failing: 'before' | 'after' | undefined = 'before'
    const store: TokenStore = {
      get: () => shared.get(),
      set: (tokens) => shared.set(tokens),
      renew: async (expired, refresh, signal) => {
        const mode = failing
        failing = mode === 'before' ? 'after' : undefined
        if (mode === 'before') throw new Error(`connection lost while locking ${expired}`)
        // Runs the refresh, then loses the pair it got, as a store that fails to write would.
        if (mode === 'after') throw new Error(`connection lost while writing ${(await refresh(await shared.get())).refreshToken}`)
        return renewOf(shared)(expired, refresh, signal)
      },
    }
    const client = createClient({ auth: oauth({ ...options, store }), retry: false })
    emulator.portal.clock.advance(hour)

    const unrenewed = await caught(client.call('imbot.chat.get', chatGet))
    expect(B24Error.isInstance(unrenewed)).toBe(true)
    expect(unrenewed).toMatchObject({
      method: 'oauth/token',
      message: 'The token store failed to renew the OAuth tokens (store.renew() threw)',
    })
    expect(everyRendering(unrenewed)).toContain('connection lost while locking ***')
    expect(everyRendering(unrenewed)).not.toContain(options.accessToken)
    expect(emulator.portal.tokenRequests).toHaveLength(0)

    const unstored = await caught(client.call('imbot.chat.get', chatGet))
    expect((unstored as Error).message).toMatch(/refreshed, but store\.renew\(\) threw; the new pair is used in this process only/)
    expect(everyRendering(unstored)).toContain('connection lost while writing ***')
    expect(everyRendering(unstored)).not.toMatch(/connection lost while writing [0-9a-f]{32}/)
    expect(await shared.get()).toBeUndefined()
    // The pair it got is used here, without another refresh.
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toBeTruthy()
    expect(refreshTokensSent()).toEqual([options.refreshToken])

    // At the next expiry the store has no newer pair: the refresh starts from the pair this process
    // holds, never from the spent refresh token, and the store keeps the result.
    emulator.portal.clock.advance(hour)
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toBeTruthy()
    expect(refreshTokensSent()).toHaveLength(2)
    expect(refreshTokensSent()[1]).not.toBe(options.refreshToken)
    expect(emulator.portal.tokenRequests.map((request) => request.status)).toEqual([200, 200])
    expect((await shared.get())?.refreshToken).toBeDefined()
  })

  it('never sends the refresh token of a stored pair it saw refused; a new pair put in the store goes on without a refresh', async () => {
    const store = memoryTokenStore()
    const options = optionsFor({ store })
    const client = createClient({ auth: oauth(options) })
    await spend(options.refreshToken)
    emulator.portal.clock.advance(hour)
    await expect(client.call('imbot.chat.get', chatGet)).rejects.toMatchObject({ code: 'invalid_grant', method: 'oauth/token' })
    expect(await store.get()).toBeUndefined()
    // The stored pair is the refused one: the kept refusal, and nothing sent.
    await store.set({ accessToken: options.accessToken, refreshToken: options.refreshToken })
    await expect(client.call('imbot.chat.get', chatGet)).rejects.toMatchObject({
      code: 'invalid_grant',
      method: 'oauth/token',
      message: expect.stringMatching(/authorize the app again/) as string,
    })
    expect(emulator.portal.tokenRequests).toHaveLength(2) // ours and the one behind our back
    const fresh = emulator.portal.tokens.issue(app, 1)
    await store.set({ accessToken: fresh.access_token, refreshToken: fresh.refresh_token })
    await expect(client.call('imbot.chat.get', chatGet)).resolves.toBeTruthy()
    expect(emulator.portal.tokenRequests).toHaveLength(2)
  })
})

describe('refreshTokens()', () => {
  it('exchanges a genuine refresh token for a new pair, saying for which portal and user', async () => {
    const issued = emulator.portal.tokens.issue(app, 1)
    const grant = await refreshTokens({
      refreshToken: issued.refresh_token,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      tokenUrl: `${emulator.url}/oauth/token/`,
    })
    expect(grant).toMatchObject({
      memberId: issued.member_id,
      domain: 'oauth.bitrix.info',
      clientEndpoint: issued.client_endpoint,
      userId: 1,
    })
    expect(grant.accessToken).not.toBe(issued.access_token)
    expect(refreshTokensSent()).toEqual([issued.refresh_token])
  })

  it("refuses a token that is not this app's, or spent, with an ApiError naming oauth/token and no secret", async () => {
    const issued = emulator.portal.tokens.issue(app, 1)
    const other = emulator.portal.addApp()
    const options = {
      refreshToken: issued.refresh_token,
      clientId: other.clientId,
      clientSecret: other.clientSecret,
      tokenUrl: `${emulator.url}/oauth/token/`,
    }
    const error = await caught(refreshTokens(options))
    expect(error).toMatchObject({ name: 'ApiError', code: 'invalid_grant', method: 'oauth/token' })
    expect(everyRendering(error)).not.toContain(issued.refresh_token)
    expect(everyRendering(error)).not.toContain(other.clientSecret)
    await expect(refreshTokens({ ...options, refreshToken: '' })).rejects.toThrow(/refreshToken is required/)
  })
})
