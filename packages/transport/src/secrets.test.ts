import { inspect } from 'node:util'
import { defineMethod } from '@b24bot/core'
import fc from 'fast-check'
import ky, { type KyInstance } from 'ky'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  closeEchoServers,
  encodings,
  startEchoServers,
  type EchoServer,
  type EchoServers,
  type EchoStyle,
  type TokenStyle,
} from '../test/echo-servers.ts'
import {
  ApiError,
  createClient,
  eventAuth,
  HttpError,
  NetworkError,
  oauth,
  ResponseShapeError,
  TimeoutError,
  unlimited,
  type AttemptState,
  type BodyEncoding,
  type CallWrap,
  type Client,
  type ClientOptions,
  type Logger,
} from './index.ts'
import { httpError } from './failures.ts'
import { createRedactor } from './redactor.ts'

/*
 * Nothing secret escapes: every secret carries a unique marker, calls fail in every way against
 * servers that echo the request back (in every encoding), and every rendering of every error, log
 * line and hook state is searched for each secret in every encoding, and for its marker alone (so a
 * secret cut short, or written in a way the search does not know, is found too).
 */

let servers: EchoServers
beforeAll(async () => {
  servers = await startEchoServers({ delayMs: 400 })
})
afterAll(async () => {
  await closeEchoServers(servers)
})

// --- Secrets ---------------------------------------------------------------------------------------

/** A secret, and the marker it starts with (found in any encoding: letters and digits only). */
interface Secret {
  readonly name: string
  readonly value: string
  readonly marker: string
}

const alnum = Array.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')
/** What a webhook secret may hold: it is a segment of the URL's path, taken from it as written. */
const pathChars = [...alnum, '-', '_', '.', '~', '!', "'", '(', ')', '*']
/** What a header value may hold (the access token goes in `Authorization`): printable ASCII. */
const headerChars = [...alnum, ' ', '!', "'", '(', ')', '~', '*', '/', '+', '&', '<', '>', '"', '=', '?', ';', '#', '%', '\\']
/** What a token sent in a query or a body may hold: anything printable, non-ASCII letters and a character outside the BMP included. */
const anyChars = [...headerChars, 'é', 'ж', 'ü', 'ß', '中', '😀', '𝒜']

let serial = 0
/** A secret named `name`: a unique marker, then characters that stress encoders, then a letter (header values lose trailing spaces). */
function secret(
  name: string,
  chars: readonly string[],
  length: { readonly minLength: number; readonly maxLength: number } = { minLength: 1, maxLength: 14 },
): fc.Arbitrary<Secret> {
  return fc.tuple(fc.array(fc.constantFrom(...chars), length), fc.constantFrom(...alnum)).map(([middle, last]) => {
    serial += 1
    const marker = `mk${name}${String(serial)}q`
    return { name, value: `${marker}${middle.join('')}${last}`, marker }
  })
}

// --- Renderings ------------------------------------------------------------------------------------

const render = (value: unknown): string[] => {
  const out = [inspect(value, { depth: 10 })]
  try {
    // `undefined` for what JSON leaves out (a function, `undefined`).
    const json = JSON.stringify(value) as string | undefined
    if (json !== undefined) out.push(json)
  } catch {
    // A value JSON cannot write (a BigInt, a cycle) is read through inspect.
  }
  return out
}

/** Every way an error reaches a person or a log: message, String, JSON, inspect, stack, each field, each cause in the chain. */
function renderings(error: unknown, depth = 0): string[] {
  if (depth > 10) return []
  if (!(error instanceof Error)) return render(error)
  const out = [error.message, String(error), error.stack ?? '', ...render(error)]
  for (const [key, field] of Object.entries(error))
    out.push(key, ...(field instanceof Error ? renderings(field, depth + 1) : render(field)))
  if (error.cause !== undefined) out.push(...renderings(error.cause, depth + 1))
  return out
}

/** A logger and hooks that record everything they are given. */
function recorder(): {
  readonly logger: Logger
  readonly hooks: NonNullable<ClientOptions['hooks']>
  readonly rendered: () => string[]
  readonly states: AttemptState[]
} {
  const states: AttemptState[] = []
  const lines: string[] = []
  const log = (object: Readonly<Record<string, unknown>>, message: string): void => {
    lines.push(message, ...render(object))
  }
  const record = (state: AttemptState): void => {
    states.push(state)
  }
  return {
    logger: { debug: log, warn: log },
    hooks: { beforeRequest: record, afterResponse: record, beforeRetry: record },
    states,
    rendered: () => [...lines, ...states.flatMap(render), ...states.flatMap((state) => renderings(state.error))],
  }
}

/** Each secret found, in any encoding or by its marker, in any of `texts`. */
function leaks(secrets: readonly Secret[], texts: readonly string[]): string[] {
  const found: string[] = []
  const all = texts.join('\n\u0000\n')
  for (const { name, value, marker } of secrets) {
    const needles = [
      ...Object.entries(encodings).map(([encoding, encode]) => [encoding, encode(value)] as const),
      ['marker', marker] as const,
    ]
    for (const [encoding, needle] of needles) {
      const at = all.indexOf(needle)
      if (at !== -1) found.push(`${name} (${encoding}): …${all.slice(Math.max(0, at - 80), at + needle.length + 40)}…`)
    }
  }
  return found
}

/** What a call rejected with, or nothing when it resolved. */
async function failure(promise: Promise<unknown>): Promise<unknown[]> {
  try {
    await promise
    return []
  } catch (error) {
    return [error]
  }
}

/** Whether any request `server` read carries `marker`, in any encoding (a sanity check: the echo holds the secret). */
function reached(server: EchoServer, marker: string): boolean {
  return server.requests.some((request) => `${request.target}\n${request.headers.flat().join('\n')}\n${request.body}`.includes(marker))
}

// --- Clients ---------------------------------------------------------------------------------------

/** A described method whose result no echo matches: `result` must be a list of numbers. */
const listNumbers = defineMethod({ method: 'im.echo.list', params: v.looseObject({}), result: v.array(v.number()) })

/** A local stand-in for `botIdentity`: a wrap that puts credentials in every call's params, naming them as secrets or not. */
function identity(clientId: string, botToken: string, named: boolean): CallWrap {
  const wrap: CallWrap = (request, next) => next({ ...request, params: { ...request.params, CLIENT_ID: clientId, botToken } })
  return named ? Object.assign(wrap, { secrets: [clientId, botToken] }) : wrap
}

const quick = { limiter: unlimited, retry: { attempts: 2, baseDelay: 1 } } as const
const rest: fc.Arbitrary<EchoStyle> = fc.constantFrom(
  'json-404',
  'html-500',
  'html-502',
  'text-200',
  'error-envelope',
  'wrong-result',
  'expired',
)
const tokenStyle: fc.Arbitrary<TokenStyle> = fc.constantFrom('token-envelope', 'token-html', 'token-200')
const encoding: fc.Arbitrary<BodyEncoding> = fc.constantFrom('json', 'form')
const rotate = fc.nat(400)

/** The error each style makes of a single call. */
const expectedError: Readonly<Record<EchoStyle, string>> = {
  'json-404': 'ApiError',
  'html-500': 'HttpError',
  'html-502': 'HttpError',
  'text-200': 'ResponseShapeError',
  'error-envelope': 'ApiError',
  'wrong-result': 'ResponseShapeError',
  expired: 'ApiError',
  slow: 'TimeoutError',
  'slow-body': 'TimeoutError',
}

/** Calls the way every failure shows: raw and described, each with credentials in params under a neutral key too. */
async function callAll(client: Client, params: Record<string, unknown> = {}): Promise<unknown[]> {
  return [
    ...(await failure(client.call('im.echo.get', { ...params, DIALOG_ID: 'chat1' }))),
    ...(await failure(client.call(listNumbers, { ...params, DIALOG_ID: 'chat1' }))),
  ]
}

/**
 * Checks what a `ResponseShapeError` kept: the portal's answer raw on `received` (holding the echoed
 * secret), not enumerable; the token endpoint's answer, which may hold tokens, not at all.
 */
function checkReceived(errors: readonly unknown[], secret: Secret): void {
  for (const error of errors) {
    if (!ResponseShapeError.isInstance(error)) continue
    const descriptor = Object.getOwnPropertyDescriptor(error, 'received')
    expect(descriptor?.enumerable).toBe(false)
    if (error.method === 'oauth/token') expect(error.received).toBeUndefined()
    else expect(inspect(error.received, { depth: 20, maxStringLength: Infinity, maxArrayLength: Infinity })).toContain(secret.marker)
  }
}

function expectNoLeaks(secrets: readonly Secret[], errors: readonly unknown[], seen: ReturnType<typeof recorder>): void {
  expect(seen.states.length).toBeGreaterThan(0)
  expect(leaks(secrets, [...errors.flatMap((error) => renderings(error)), ...seen.rendered()])).toEqual([])
}

const runs = { numRuns: 24 }

describe('nothing secret escapes, against servers that echo the request', () => {
  it('a webhook client: the secret in the URL path', async () => {
    await fc.assert(
      fc.asyncProperty(secret('wh', pathChars), rest, encoding, rotate, async (webhook, style, body, turn) => {
        const server = servers[style]
        server.rotate = turn
        const seen = recorder()
        const client = createClient({
          ...quick,
          autoBatch: false,
          encoding: body,
          webhookUrl: `${server.url}/rest/7/${webhook.value}/`,
          hooks: seen.hooks,
          logger: seen.logger,
        })
        const errors = await callAll(client)
        expect(errors.map((error) => (error as Error).name)).toEqual(
          [style === 'wrong-result' ? undefined : expectedError[style], expectedError[style]].filter(Boolean),
        )
        expect(reached(server, webhook.marker)).toBe(true)
        if (style === 'text-200') expect((errors[0] as ResponseShapeError).received).toContain(webhook.value)
        checkReceived(errors, webhook)
        expectNoLeaks([webhook], errors, seen)
      }),
      runs,
    )
  })

  it('an OAuth client: the access token in a header; refresh token, client id and secret at an echoing token endpoint', async () => {
    await fc.assert(
      fc.asyncProperty(
        secret('at', headerChars),
        secret('rt', anyChars),
        secret('ci', anyChars),
        secret('cs', anyChars),
        rest,
        tokenStyle,
        encoding,
        rotate,
        async (access, refresh, clientId, clientSecret, style, onToken, body, turn) => {
          const server = servers[style]
          server.rotate = turn
          server.tokenStyle = onToken
          const seen = recorder()
          const auth = oauth({
            portal: server.url,
            accessToken: access.value,
            refreshToken: refresh.value,
            clientId: clientId.value,
            clientSecret: clientSecret.value,
            tokenUrl: `${server.url}/oauth/token/`,
          })
          const client = createClient({ ...quick, autoBatch: false, encoding: body, auth, hooks: seen.hooks, logger: seen.logger })
          const errors = await callAll(client)
          expect(errors.length).toBeGreaterThan(0)
          expect(reached(server, access.marker)).toBe(true)
          if (style === 'expired') {
            // The refresh went to the token endpoint, which echoed the refresh token, the client id and the secret.
            for (const sent of [refresh, clientId, clientSecret]) expect(reached(server, encodeURIComponent(sent.marker))).toBe(true)
            expect(errors.every((error) => (error as { method?: unknown }).method === 'oauth/token')).toBe(true)
          }
          checkReceived(errors, access)
          expectNoLeaks([access, refresh, clientId, clientSecret], errors, seen)
        },
      ),
      runs,
    )
  })

  it('an eventAuth client: tokens, client credentials and the application token', async () => {
    await fc.assert(
      fc.asyncProperty(
        secret('at', headerChars),
        secret('rt', anyChars),
        secret('ap', anyChars),
        secret('cs', anyChars),
        rest,
        tokenStyle,
        encoding,
        rotate,
        async (access, refresh, application, clientSecret, style, onToken, body, turn) => {
          const server = servers[style]
          server.rotate = turn
          server.tokenStyle = onToken
          const seen = recorder()
          const block = {
            access_token: access.value,
            refresh_token: refresh.value,
            application_token: application.value,
            client_endpoint: `${server.url}/rest/`,
            domain: 'portal.example',
          }
          const auth = eventAuth(block, {
            clientId: 'app.local.1',
            clientSecret: clientSecret.value,
            tokenUrl: `${server.url}/oauth/token/`,
          })
          const client = createClient({ ...quick, autoBatch: false, encoding: body, auth, hooks: seen.hooks, logger: seen.logger })
          // A handler that passes the event's application token on, under a key that does not say what it is.
          const errors = await callAll(client, { MESSAGE: `forwarded ${application.value}` })
          expect(errors.length).toBeGreaterThan(0)
          expect(reached(server, application.marker)).toBe(true)
          if (style === 'expired') expect(reached(server, encodeURIComponent(refresh.marker))).toBe(true)
          expectNoLeaks([access, refresh, application, clientSecret], errors, seen)
        },
      ),
      runs,
    )
  })

  it('a wrap that puts CLIENT_ID and botToken in params, naming them as secrets or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        secret('wh', pathChars),
        secret('ci', anyChars),
        secret('bt', anyChars),
        fc.boolean(),
        rest,
        encoding,
        rotate,
        async (webhook, clientId, botToken, named, style, body, turn) => {
          const server = servers[style]
          server.rotate = turn
          const seen = recorder()
          const client = createClient({
            ...quick,
            autoBatch: false,
            encoding: body,
            webhookUrl: `${server.url}/rest/7/${webhook.value}/`,
            use: [identity(clientId.value, botToken.value, named)],
            hooks: seen.hooks,
            logger: seen.logger,
          })
          const errors = await callAll(client)
          expect(errors.length).toBeGreaterThan(0)
          expect(reached(server, botToken.marker)).toBe(true)
          expectNoLeaks([webhook, clientId, botToken], errors, seen)
        },
      ),
      runs,
    )
  })

  it('client.batch and auto-batched calls, through a wrap that adds CLIENT_ID and botToken to every command', async () => {
    await fc.assert(
      fc.asyncProperty(
        secret('wh', pathChars),
        secret('ci', anyChars),
        secret('bt', anyChars),
        fc.boolean(),
        fc.integer({ min: 2, max: 4 }),
        rest,
        encoding,
        rotate,
        async (webhook, clientId, botToken, named, count, style, body, turn) => {
          const server = servers[style]
          server.rotate = turn
          const seen = recorder()
          const client = createClient({
            ...quick,
            encoding: body,
            webhookUrl: `${server.url}/rest/7/${webhook.value}/`,
            use: [identity(clientId.value, botToken.value, named)],
            hooks: seen.hooks,
            logger: seen.logger,
          })
          const keys = Array.from({ length: count }, (_, index) => `m${String(index)}`)
          const results = await client.batch(
            Object.fromEntries(keys.map((key) => [key, ['im.echo.add', { DIALOG_ID: key, MESSAGE: 'hello' }] as const])),
          )
          const together = await Promise.allSettled(keys.map((key) => client.call('im.echo.add', { DIALOG_ID: key, MESSAGE: 'hello' })))
          const errors = [
            ...Object.values(results).filter((result) => result instanceof Error),
            ...together.flatMap((settled) => (settled.status === 'rejected' ? [settled.reason as unknown] : [])),
          ]
          expect(errors.length).toBe(2 * count)
          expect(server.requests.filter((request) => request.target.endsWith('/batch')).length).toBeGreaterThanOrEqual(2)
          expect(reached(server, encodeURIComponent(botToken.marker))).toBe(true)
          expectNoLeaks([webhook, clientId, botToken], errors, seen)
        },
      ),
      runs,
    )
  })

  // The error of one command (its `result_error`) may echo the whole request: every command's credentials are kept out of it.
  it("client.batch and auto-batched calls: every command with its own botToken, one command's error echoing the others'", async () => {
    await fc.assert(
      fc.asyncProperty(
        secret('wh', pathChars),
        fc.array(secret('bt', anyChars), { minLength: 2, maxLength: 4 }),
        encoding,
        async (webhook, botTokens, body) => {
          const server = servers['error-envelope']
          const seen = recorder()
          const client = createClient({
            ...quick,
            encoding: body,
            webhookUrl: `${server.url}/rest/7/${webhook.value}/`,
            hooks: seen.hooks,
            logger: seen.logger,
          })
          const params = (botToken: Secret) => ({ DIALOG_ID: 'chat1', botToken: botToken.value })
          const results = await client.batch(
            Object.fromEntries(botTokens.map((botToken, index) => [`m${String(index)}`, ['im.echo.add', params(botToken)] as const])),
          )
          const together = await Promise.allSettled(botTokens.map((botToken) => client.call('im.echo.add', params(botToken))))
          const errors = [
            ...Object.values(results),
            ...together.map((settled) => (settled.status === 'rejected' ? (settled.reason as unknown) : undefined)),
          ]
          expect(errors.every((error) => ApiError.isInstance(error))).toBe(true)
          expectNoLeaks([webhook, ...botTokens], errors, seen)
        },
      ),
      { numRuns: 5 },
    )
  })

  it('a per-call time limit that runs out, waiting for the answer or for its body', async () => {
    await fc.assert(
      fc.asyncProperty(
        secret('wh', pathChars),
        secret('bt', anyChars),
        secret('at', headerChars),
        fc.constantFrom<EchoStyle>('slow', 'slow-body'),
        encoding,
        async (webhook, botToken, access, style, body) => {
          const server = servers[style]
          const seen = recorder()
          const common = {
            ...quick,
            encoding: body,
            hooks: seen.hooks,
            logger: seen.logger,
            use: [identity('app.local.1', botToken.value, false)],
          }
          const viaWebhook = createClient({ ...common, webhookUrl: `${server.url}/rest/7/${webhook.value}/` })
          const viaOAuth = createClient({
            ...common,
            auth: oauth({ portal: server.url, accessToken: access.value, refreshToken: 'r', clientId: 'c', clientSecret: 's' }),
          })
          const errors = [
            ...(await failure(viaWebhook.call('im.echo.get', {}, { timeout: 25, idempotent: true }))),
            ...(await failure(viaOAuth.call('im.echo.get', {}, { timeout: 25 }))),
          ]
          expect(errors.map((error) => TimeoutError.isInstance(error))).toEqual([true, true])
          expectNoLeaks([webhook, botToken, access], errors, seen)
        },
      ),
      { numRuns: 8 },
    )
  })
})

// --- A custom fetch whose errors carry the request -------------------------------------------------

/** How an HTTP library's error carries the request it failed: axios's `config` and `request`, ofetch's `options`, or a message that quotes it all. */
type Carrier = 'axios' | 'ofetch' | 'plain-object' | 'message'

async function carrierError(carrier: Carrier, request: Request): Promise<unknown> {
  const headers = Object.fromEntries(request.headers)
  const data = request.body ? await request.text() : ''
  const url = request.url
  if (carrier === 'axios') {
    const error = Object.assign(new Error(`Request failed: ${request.method} ${url}`), {
      name: 'AxiosError',
      code: 'ECONNRESET',
      config: { url, method: request.method, headers, data },
      request: {
        path: new URL(url).pathname,
        _header: Object.entries(headers)
          .map(([name, value]) => `${name}: ${value}`)
          .join('\r\n'),
      },
      toJSON: () => ({ message: url, config: { headers, data } }),
    })
    return error
  }
  if (carrier === 'ofetch') {
    const cause = Object.assign(new Error(`socket hang up at ${url}`), {
      code: 'ECONNRESET',
      headers: new Headers(headers),
      options: { headers, body: data },
    })
    return Object.assign(new TypeError(`[POST] "${url}": <no response> fetch failed`, { cause }), {
      request: url,
      options: { method: request.method, headers, body: data },
      response: undefined,
    })
  }
  if (carrier === 'plain-object') return { message: `failed ${url}`, code: 'ECONNREFUSED', config: { url, headers, data } }
  return Object.assign(new Error(`failed ${request.method} ${url} with ${JSON.stringify(headers)} and ${data}`), {
    code: 'ECONNRESET',
    errno: -104,
    url,
  })
}

/** A ky instance whose fetch fails with a carrier error: for every request, or only at the token endpoint. */
function failingKy(carrier: Carrier, where: 'all' | 'token'): KyInstance {
  return ky.create({
    fetch: async (input, init) => {
      const request = new Request(input, init)
      if (where === 'token' && !request.url.includes('/oauth/token')) return fetch(request)
      throw await carrierError(carrier, request)
    },
  })
}

describe('nothing secret escapes from errors that carry the request', () => {
  it('a custom fetch whose rejection holds the headers, the URL and the body, at the portal and at the token endpoint', async () => {
    await fc.assert(
      fc.asyncProperty(
        secret('wh', pathChars),
        secret('at', headerChars),
        secret('rt', anyChars),
        secret('cs', anyChars),
        secret('bt', anyChars),
        fc.constantFrom<Carrier>('axios', 'ofetch', 'plain-object', 'message'),
        fc.constantFrom<'all' | 'token'>('all', 'token'),
        encoding,
        async (webhook, access, refresh, clientSecret, botToken, carrier, where, body) => {
          const seen = recorder()
          const common = {
            ...quick,
            autoBatch: false,
            encoding: body,
            hooks: seen.hooks,
            logger: seen.logger,
            ky: failingKy(carrier, where),
            use: [identity('app.local.1', botToken.value, false)],
          } as const
          const server = servers.expired
          const viaOAuth = createClient({
            ...common,
            auth: oauth({
              portal: server.url,
              accessToken: access.value,
              refreshToken: refresh.value,
              clientId: 'app.local.1',
              clientSecret: clientSecret.value,
              tokenUrl: `${server.url}/oauth/token/`,
            }),
          })
          const viaWebhook = createClient({ ...common, webhookUrl: `${server.url}/rest/7/${webhook.value}/` })
          const errors = [...(await callAll(viaOAuth)), ...(where === 'all' ? await callAll(viaWebhook) : [])]
          expect(errors.length).toBeGreaterThan(0)
          expect(errors.every((error) => NetworkError.isInstance(error))).toBe(true)
          // The rebuilt cause keeps what tells the failure apart (its code), and nothing else it carried.
          const causes: Record<string, unknown>[] = []
          for (let cause: unknown = (errors[0] as Error).cause; typeof cause === 'object' && cause !== null; cause = (cause as Error).cause)
            causes.push(cause as Record<string, unknown>)
          expect(causes.map((cause) => cause.code).filter(Boolean)).toEqual([carrier === 'plain-object' ? 'ECONNREFUSED' : 'ECONNRESET'])
          if (carrier !== 'plain-object')
            expect(
              causes.flatMap((cause) =>
                Object.entries(cause).filter(([, field]) => typeof field === 'object' || typeof field === 'function'),
              ),
            ).toEqual([])
          expectNoLeaks([webhook, access, refresh, clientSecret, botToken], errors, seen)
        },
      ),
      runs,
    )
  })
})

describe('the checks above see a leak when there is one', () => {
  it('an unredacted error, log line or hook state is reported, in any encoding, and by its marker alone', () => {
    const token: Secret = { name: 'bt', value: 'mkbt0q a/é"&<+😀Z', marker: 'mkbt0q' }
    for (const encode of Object.values(encodings)) {
      expect(
        leaks(
          [token],
          renderings(
            new ApiError({ method: 'm', code: 'C', description: '', status: 400, details: { echo: [{ deep: encode(token.value) }] } }),
          ),
        ),
      ).not.toEqual([])
      expect(
        leaks(
          [token],
          renderings(new Error('x', { cause: Object.assign(new Error('y'), { headers: { authorization: encode(token.value) } }) })),
        ),
      ).not.toEqual([])
    }
    expect(leaks([token], renderings(new HttpError({ method: 'm', status: 502, body: 'mkbt0q cut' })))).not.toEqual([])
    expect(leaks([token], renderings(new ResponseShapeError({ method: 'm', issues: [], received: token.value })))).toEqual([])
  })
})

describe('the excerpt an HttpError keeps', () => {
  it('never holds part of a secret cut where a long body is searched, however often the body repeats it', () => {
    fc.assert(
      // A long token (a JWT runs to hundreds of characters), repeated: masks shorten the searched part the most.
      fc.property(
        secret('at', anyChars, { minLength: 20, maxLength: 400 }),
        fc.constantFrom(...Object.keys(encodings)),
        fc.nat(200),
        fc.integer({ min: 70_000, max: 140_000 }),
        (token, name, shift, length) => {
          const written = `${encodings[name]?.(token.value) ?? ''} `
          const body = `${'-'.repeat(shift)}${written.repeat(Math.ceil(length / written.length))}`
          const error = httpError({ method: 'm', idempotent: true, redactor: createRedactor([token.value]) }, 502, body)
          expect(error.body).toHaveLength(500)
          expect(leaks([token], renderings(error))).toEqual([])
        },
      ),
      { numRuns: 30 },
    )
  })
})
