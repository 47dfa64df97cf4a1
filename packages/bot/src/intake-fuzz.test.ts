import { encodeForm, type FormInput } from '@b24bot/core'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readEventsSpec } from '@b24bot/spec-fixtures'
import { createBot, type Bot } from './bot.ts'
import type { Context } from './context.ts'
import { memorySessionStore } from './session.ts'

interface SpecEvent {
  readonly event: string
  readonly examplePayloads: Readonly<Record<string, Record<string, unknown>>>
}
const spec = readEventsSpec() as SpecEvent[]

const TOKEN = 'fuzz-token-0123456789'

/** The pushed (classic and app) spec examples, each with `TOKEN` as its application_token. */
const examples: Record<string, unknown>[] = spec
  .filter((event) => !event.event.includes('V2'))
  .flatMap((event) => Object.values(event.examplePayloads))
  .map((body) => ({ ...body, auth: { ...(body.auth as object), application_token: TOKEN } }))

const forbidden = ['__proto__', 'constructor', 'prototype'] as const
const ALLOWED = [200, 400, 401, 405, 413]

/** Every own property name of the prototypes a payload could reach, to see that none changed. */
const prototypes = [Object.prototype, Array.prototype, Function.prototype, String.prototype]
const snapshot = (): string[][] => prototypes.map((proto) => Object.getOwnPropertyNames(proto).sort())
const before = snapshot()

function untouched(): void {
  const probe = {} as Record<string, unknown>
  for (const key of ['polluted', 'isAdmin', 'event', 'auth', 'application_token', 'x']) {
    expect(probe[key]).toBeUndefined()
    expect(([] as unknown as Record<string, unknown>)[key]).toBeUndefined()
  }
  expect(snapshot()).toEqual(before)
}

/** The decoded event a handler got: plain objects and lists all the way, none with a forbidden own key. */
function clean(value: unknown): void {
  if (typeof value !== 'object' || value === null) return
  expect([Object.prototype, Array.prototype, null]).toContain(Object.getPrototypeOf(value))
  for (const key of Object.keys(value)) expect(forbidden).not.toContain(key)
  for (const item of Object.values(value)) clean(item)
}

interface Harness {
  readonly bot: Bot
  readonly handled: Context[]
  readonly failures: unknown[]
}

function harness(): Harness {
  const handled: Context[] = []
  const failures: unknown[] = []
  const bot = createBot({ applicationToken: TOKEN, session: memorySessionStore(), maxBodyBytes: 16 * 1024 }).catch((error) => {
    failures.push(error)
  })
  bot.use(async (ctx, next) => {
    handled.push(ctx)
    // Read what handlers read, so a strange but valid event would show here.
    expect([ctx.facts, ctx.botId, ctx.dialogId, ctx.userId, ctx.text, ctx.command]).toHaveLength(6)
    ctx.session.seen = Number(ctx.session.seen ?? 0) + 1
    await next()
  })
  bot.hears(/./, () => undefined)
  bot.command('help', () => undefined)
  return { bot, handled, failures }
}

/** Feeds one request in and checks everything that must hold whatever the body. */
async function check(request: () => Request): Promise<number> {
  const { bot, handled, failures } = harness()
  let response: Response
  try {
    response = await bot.fetch(request())
  } catch (error) {
    throw new Error(`bot.fetch threw: ${String(error)}`)
  }
  expect(ALLOWED).toContain(response.status)
  expect(handled.length).toBe(response.status === 200 ? 1 : 0)
  expect(failures).toEqual([])
  for (const ctx of handled) clean(ctx.event)
  untouched()
  return response.status
}

const contentTypes = fc.constantFrom(
  'application/x-www-form-urlencoded',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  '',
)

function request(body: string | Uint8Array, contentType: string, method = 'POST'): Request {
  return new Request('http://bot.example/events', {
    method,
    headers: contentType === '' ? {} : { 'content-type': contentType },
    ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
  })
}

/** A key in PHP bracket notation, its parts often naming a prototype. */
const keyPart = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(...forbidden, 'polluted', 'event', 'auth', 'application_token', 'data', 'PARAMS', 'BOT', 'MESSAGE', '0', ''),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
)
const bracketKey = fc
  .tuple(keyPart, fc.array(keyPart, { maxLength: 4 }))
  .map(([top, parts]) => `${top}${parts.map((part) => `[${part}]`).join('')}`)
const pairOf = (keys: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(keys, fc.oneof(fc.constantFrom(TOKEN, '1', 'ONIMBOTMESSAGEADD', 'Y', ''), fc.string({ maxLength: 8 })), fc.boolean())
    .map(([key, value, encoded]) => `${encoded ? encodeURIComponent(key) : key}=${encodeURIComponent(value)}`)
const pair = pairOf(bracketKey)
/**
 * A pair whose well-formed key names a prototype somewhere, and so must be dropped whole. (A key such
 * as `event[]][__proto__]` is not one: PHP, and `decodeForm`, ignore what follows a malformed bracket,
 * so it means `event[]`.)
 */
const cleanPart = fc.oneof(
  fc.constantFrom(...forbidden, 'polluted', 'event', 'auth', 'application_token', 'data', 'PARAMS', '0'),
  fc.stringMatching(/^[A-Za-z0-9_]{1,6}$/),
)
const hostilePair = pairOf(
  fc
    .tuple(cleanPart, fc.array(cleanPart, { maxLength: 4 }))
    .filter(([top, parts]) => [top, ...parts].some((part) => (forbidden as readonly string[]).includes(part)))
    .map(([top, parts]) => `${top}${parts.map((part) => `[${part}]`).join('')}`),
)

/** JSON text whose objects may carry `__proto__`, `constructor` or `prototype` keys (as own keys after JSON.parse). */
const { json } = fc.letrec<{ json: string }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.array(tie('json'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...forbidden, 'polluted', 'event', 'auth', 'data', 'application_token'), fc.string({ maxLength: 6 })),
          tie('json'),
        ),
        { maxLength: 5 },
      )
      .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
  ),
}))

type Mutation = (pairs: string[]) => string[]
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map(
    (at): Mutation =>
      (pairs) =>
        pairs.filter((_, index) => index !== at % pairs.length),
  ),
  fc.tuple(fc.nat(), fc.string({ maxLength: 10 })).map(
    ([at, value]): Mutation =>
      (pairs) =>
        pairs.map((item, index) => (index === at % pairs.length ? `${item.split('=')[0] ?? ''}=${encodeURIComponent(value)}` : item)),
  ),
  fc
    .tuple(fc.nat(), pair)
    .map(([at, extra]): Mutation => (pairs) => [
      ...pairs.slice(0, at % (pairs.length + 1)),
      extra,
      ...pairs.slice(at % (pairs.length + 1)),
    ]),
  fc.nat().map((at): Mutation => (pairs) => [...pairs, pairs[at % pairs.length] ?? '']),
  fc.nat().map(
    (at): Mutation =>
      (pairs) =>
        pairs.slice(0, at % (pairs.length + 1)),
  ),
  fc.nat().map(
    (at): Mutation =>
      (pairs) =>
        pairs.map((item, index) => (index === at % pairs.length ? item.replace(/[A-Za-z0-9]/, '%') : item)),
  ),
  fc.constant<Mutation>((pairs) =>
    pairs.map((item) => item.replace(`auth[application_token]=${TOKEN}`, `auth[application_token]=${TOKEN.slice(1)}`)),
  ),
  fc.constant<Mutation>((pairs) => [...pairs.filter((item) => !item.startsWith('auth')), `auth[__proto__][application_token]=${TOKEN}`]),
  fc.constant<Mutation>((pairs) => [
    `__proto__[polluted]=1`,
    `constructor[prototype][polluted]=1`,
    ...pairs,
    `data[__proto__][polluted]=1`,
  ]),
)

let logged: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterEach(() => {
  // bot.fetch logs only failures of the intake itself, which would have answered 500.
  expect(logged).not.toHaveBeenCalled()
  untouched()
})

describe('bot.fetch under fuzzing: always a 200 or a 4xx, never a throw, never a polluted prototype', { timeout: 30_000 }, () => {
  it('random text, under any content type and method', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 300 }),
        contentTypes,
        fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'GET'),
        async (body, contentType, method) => {
          await check(() => request(body, contentType, method))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('random bytes (not UTF-8), some over the size cap', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 20_000 }), contentTypes, async (body, contentType) => {
        const status = await check(() => request(body, contentType))
        if (body.byteLength > 16 * 1024) expect(status).toBe(413)
      }),
      { numRuns: 150 },
    )
  })

  it('random form pairs whose bracket keys name __proto__, constructor and prototype', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { maxLength: 12 }), async (pairs) => {
        await check(() => request(pairs.join('&'), 'application/x-www-form-urlencoded'))
      }),
      { numRuns: 300 },
    )
  })

  it('a valid event with hostile pairs added: still taken, nothing polluted, the forbidden keys gone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...examples), fc.array(hostilePair, { minLength: 1, maxLength: 6 }), async (example, extra) => {
        const body = [encodeForm(example as Record<string, FormInput>), ...extra].join('&')
        expect(await check(() => request(body, 'application/x-www-form-urlencoded'))).toBe(200)
      }),
      { numRuns: 200 },
    )
  })

  it('random JSON, objects with __proto__, constructor and prototype keys included', async () => {
    await fc.assert(
      fc.asyncProperty(json, fc.constantFrom('application/json', ''), async (body, contentType) => {
        await check(() => request(body, contentType))
      }),
      { numRuns: 300 },
    )
  })

  it('a valid JSON event with __proto__ keys spliced in: taken, and its token cannot come from a prototype', async () => {
    const body = JSON.stringify(examples[0])
    const spliced = [
      body.replace('{', '{"__proto__":{"polluted":"yes"},'),
      body.replace('"auth":{', '"auth":{"__proto__":{"isAdmin":true},'),
      body.replace('"data":{', '"data":{"constructor":{"prototype":{"polluted":"yes"}},'),
    ]
    for (const text of spliced) expect(await check(() => request(text, 'application/json'))).toBe(200)
    // A token offered only through __proto__ is no token.
    const tokenless = structuredClone(examples[0]) as { auth: Record<string, unknown> }
    delete tokenless.auth.application_token
    const viaProto = JSON.stringify(tokenless).replace('"auth":{', `"auth":{"__proto__":{"application_token":"${TOKEN}"},`)
    expect(await check(() => request(viaProto, 'application/json'))).toBe(401)
  })

  it('valid events with random mutations: 200, 400 or 401, and a handler only for 200', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...examples),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (example, mutations, asJson) => {
          if (asJson) {
            // The JSON twin, mutated as text: a character dropped or swapped.
            const text = JSON.stringify(example)
            const cut = (mutations.length * 37) % text.length
            const mutated =
              mutations.length % 2 === 0
                ? text.slice(0, cut) + text.slice(cut + 1)
                : text.replace(TOKEN, TOKEN.split('').reverse().join(''))
            const status = await check(() => request(mutated, 'application/json'))
            expect([200, 400, 401]).toContain(status)
            return
          }
          const pairs = mutations.reduce((current, mutate) => mutate(current), encodeForm(example as Record<string, FormInput>).split('&'))
          const status = await check(() => request(pairs.join('&'), 'application/x-www-form-urlencoded'))
          expect([200, 400, 401]).toContain(status)
        },
      ),
      { numRuns: 400 },
    )
  })
})
