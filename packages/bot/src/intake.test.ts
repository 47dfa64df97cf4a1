import { encodeForm, type FormInput } from '@b24bot/core'
import type { ImbotEvent } from '@b24bot/imbot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readEventsSpec } from '@b24bot/spec-fixtures'
import { createBot, type BotOptions, type EventSender } from './bot.ts'
import { oauthApp } from './oauth-app.ts'
import type { Context } from './context.ts'

interface SpecEvent {
  readonly event: string
  readonly examplePayloads: Readonly<Record<string, Record<string, unknown>>>
}

/** The spec's events with the docs' example payloads, as the imbot package keeps them. */
const spec = readEventsSpec() as SpecEvent[]

/** Examples of events a portal pushes as a form body (classic bot and app events). */
const pushedExamples = spec
  .filter((event) => !event.event.includes('V2'))
  .flatMap((event) => Object.entries(event.examplePayloads).map(([label, body]) => ({ name: event.event, label, body })))

function example(name: string, label?: string): Record<string, unknown> {
  const payloads = spec.find((event) => event.event === name)?.examplePayloads ?? {}
  const body = payloads[label ?? Object.keys(payloads)[0] ?? '']
  if (!body) throw new Error(`no example for ${name}`)
  return structuredClone(body)
}

const TOKEN = 'app-token-0123456789abcdef'

/** The example with its `auth[application_token]` set to `token` (left out when `undefined`). */
function withToken(body: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
  const auth = { ...(body.auth as Record<string, unknown>) }
  delete auth.application_token
  return { ...body, auth: token === undefined ? auth : { ...auth, application_token: token } }
}

/** The docs' private-chat message, with `TOKEN` or the token given (`undefined`: none). */
const message = (...token: [] | [string | undefined]): Record<string, unknown> =>
  withToken(example('ONIMBOTMESSAGEADD', 'Personal chat with the bot'), token.length === 0 ? TOKEN : token[0])

function post(body: string | Record<string, unknown>, headers: Record<string, string> = {}): Request {
  const text = typeof body === 'string' ? body : encodeForm(body as Record<string, FormInput>)
  return new Request('http://bot.example/events', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: text,
  })
}

/** A bot whose every handler call is counted (by a first middleware), with the events it saw. */
function countingBot(options: BotOptions = { applicationToken: TOKEN }) {
  const bot = createBot(options)
  const seen: ImbotEvent[] = []
  const handler = vi.fn((ctx: Context) => {
    seen.push(ctx.event)
  })
  bot.use(handler)
  return { bot, handler, seen }
}

async function reason(response: Response): Promise<string> {
  return response.text()
}

/** Lets pending I/O and timers of the current turn run, without waiting on the clock. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined
  const promise: Promise<void> = new Promise((done) => (resolve = done))
  return { promise, resolve }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('bot.fetch: what it answers', () => {
  it('200 for an authentic event, after its handlers ran', async () => {
    const { bot, handler, seen } = countingBot()
    const response = await bot.fetch(post(message()))
    expect(response.status).toBe(200)
    expect(await reason(response)).toBe('OK')
    expect(handler).toHaveBeenCalledTimes(1)
    expect(seen[0]).toMatchObject({ event: 'ONIMBOTMESSAGEADD', delivery: 'webhook', data: { PARAMS: { MESSAGE: 'Hello' } } })
  })

  it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('405 for %s, and no handler runs', async (method) => {
    const { bot, handler } = countingBot()
    const response = await bot.fetch(
      new Request('http://bot.example/events', {
        method,
        ...(method === 'GET' ? {} : { body: encodeForm(message() as Record<string, FormInput>) }),
      }),
    )
    expect(response.status).toBe(405)
    expect(await reason(response)).toMatch(/POST/)
    expect(handler).not.toHaveBeenCalled()
  })

  it('413 for a body over maxBodyBytes, whether its length is declared or not; a body at the cap is taken', async () => {
    const body = encodeForm(message() as Record<string, FormInput>)
    const size = new TextEncoder().encode(body).byteLength
    const atCap = countingBot({ applicationToken: TOKEN, maxBodyBytes: size })
    expect((await atCap.bot.fetch(post(body))).status).toBe(200)

    const under = countingBot({ applicationToken: TOKEN, maxBodyBytes: size - 1 })
    const declared = await under.bot.fetch(post(body))
    expect(declared.status).toBe(413)
    expect(await reason(declared)).toMatch(/too large/)
    const streamed: ReadableStream<Uint8Array> = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body))
        controller.close()
      },
    })
    const undeclared = await under.bot.fetch(new Request('http://bot.example/', { method: 'POST', body: streamed, duplex: 'half' }))
    expect(undeclared.status).toBe(413)
    expect(under.handler).not.toHaveBeenCalled()
  })

  it('413 stops reading an endless body just past the cap (the default 1 MiB)', async () => {
    const { bot, handler } = countingBot()
    let pulled = 0
    let cancelled = false
    const chunk = new Uint8Array(64 * 1024).fill(0x61)
    const endless: ReadableStream<Uint8Array> = new ReadableStream(
      {
        pull(controller) {
          pulled += chunk.byteLength
          controller.enqueue(chunk)
        },
        cancel() {
          cancelled = true
        },
      },
      { highWaterMark: 0 },
    )
    const response = await bot.fetch(new Request('http://bot.example/', { method: 'POST', body: endless, duplex: 'half' }))
    expect(response.status).toBe(413)
    expect(cancelled).toBe(true)
    expect(pulled).toBeLessThanOrEqual(1024 * 1024 + 2 * chunk.byteLength)
    expect(handler).not.toHaveBeenCalled()
  })

  it('400 with the reason for a body that is not a form or JSON object, not an event, or not a known event', async () => {
    const { bot, handler } = countingBot()
    const cases: [Request, RegExp][] = [
      [post('[1,2,3]', { 'content-type': 'application/json' }), /neither a form nor a JSON object/],
      [post('{"event": ', { 'content-type': 'application/json' }), /neither a form nor a JSON object/],
      [post('"ONIMBOTMESSAGEADD"', { 'content-type': 'application/json' }), /neither a form nor a JSON object/],
      [post(`hello=world&auth[application_token]=${TOKEN}`), /Not a valid event: .*event is required/],
      [post({ ...message(), event: 'ONSOMETHINGELSE' }), /^Unknown event/],
      [
        post({ ...message(), data: { PARAMS: { MESSAGE_ID: 'x' } } }),
        /^Not a valid event: Invalid ONIMBOTMESSAGEADD: .*data\.PARAMS\.MESSAGE_ID/,
      ],
    ]
    for (const [request, expected] of cases) {
      const response = await bot.fetch(request)
      expect(response.status).toBe(400)
      expect(await reason(response)).toMatch(expected)
    }
    expect(handler).not.toHaveBeenCalled()
    // Without a token, a body is refused as unknown before it is read as anything.
    for (const body of ['', 'hello=world']) expect((await bot.fetch(post(body))).status).toBe(401)
  })

  it('a 400 reason never shows the credentials of the body', async () => {
    const { bot } = countingBot()
    const broken = { ...message(), data: { ...(message().data as object), PARAMS: { MESSAGE_ID: 'x' } } }
    const text = await reason(await bot.fetch(post(broken)))
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain((message().auth as { access_token: string }).access_token)
  })
})

describe('bot.fetch: authenticity', () => {
  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['wrong', 'not-the-token'],
    ['a prefix of the token', TOKEN.slice(0, -1)],
    ['the token and more', `${TOKEN}x`],
    ['the token in another case', TOKEN.toUpperCase()],
  ])('401 for a %s application_token, with zero handler calls', async (_label, token) => {
    const { bot, handler } = countingBot()
    const errors = vi.fn()
    bot.catch(errors)
    const response = await bot.fetch(post(message(token)))
    expect(response.status).toBe(401)
    expect(await reason(response)).toBe('Unknown sender')
    expect(handler).not.toHaveBeenCalled()
    expect(errors).not.toHaveBeenCalled()
  })

  it('401 when the token is only somewhere else in the body (a bot entry, the query string)', async () => {
    const { bot, handler } = countingBot()
    const body = message(undefined)
    const data = body.data as { BOT: Record<string, Record<string, unknown>> }
    for (const entry of Object.values(data.BOT)) entry.application_token = TOKEN
    const response = await bot.fetch(
      new Request(`http://bot.example/?CLIENT_ID=${TOKEN}&auth[application_token]=${TOKEN}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: encodeForm(body as Record<string, FormInput>),
      }),
    )
    expect(response.status).toBe(401)
    expect(handler).not.toHaveBeenCalled()
  })

  it('a bot with no token and no verify callback refuses every event (fails closed)', async () => {
    const { bot, handler } = countingBot({})
    for (const token of [undefined, '', TOKEN]) expect((await bot.fetch(post(message(token)))).status).toBe(401)
    expect(handler).not.toHaveBeenCalled()
  })

  it('a verify callback decides instead, given the token and who the event says it is from (before decoding it)', async () => {
    const verify = vi.fn((token: string, sender: EventSender) =>
      Promise.resolve(token === 'portal-b-token' && sender.domain === 'some-domain.bitrix24.com'),
    )
    const { bot, handler } = countingBot({ applicationToken: TOKEN, verify })
    expect((await bot.fetch(post(message('portal-b-token')))).status).toBe(200)
    expect(verify).toHaveBeenLastCalledWith('portal-b-token', {
      event: 'ONIMBOTMESSAGEADD',
      domain: 'some-domain.bitrix24.com',
      memberId: expect.any(String) as string,
    })
    expect(handler).toHaveBeenCalledTimes(1)

    // The configured token no longer opens the door; only the callback does.
    expect((await bot.fetch(post(message(TOKEN)))).status).toBe(401)
    expect(
      (
        await bot.fetch(
          post({
            ...message('portal-b-token'),
            auth: { ...(message().auth as object), application_token: 'portal-b-token', domain: 'evil.example' },
          }),
        )
      ).status,
    ).toBe(401)
    // No token at all: refused before the callback is asked.
    verify.mockClear()
    expect((await bot.fetch(post(message(undefined)))).status).toBe(401)
    expect(verify).not.toHaveBeenCalled()
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('a verify callback that throws gets 500, and no handler runs', async () => {
    const { bot, handler } = countingBot({ verify: () => Promise.reject(new Error('portal registry down')) })
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    expect((await bot.fetch(post(message()))).status).toBe(500)
    expect(handler).not.toHaveBeenCalled()
    expect(logged).toHaveBeenCalledOnce()
  })
})

describe('bot.fetch: ONAPPINSTALL (verified installs: intake-security.test.ts)', () => {
  const install = (): Record<string, unknown> => example('ONAPPINSTALL')

  it('without app, is checked and handled like any other event', async () => {
    const { bot, handler } = countingBot({ applicationToken: '51856fefc120afa4b628cc82d3935cce' })
    expect((await bot.fetch(post(withToken(install(), 'spoofed')))).status).toBe(401)
    expect(handler).not.toHaveBeenCalled()
    expect((await bot.fetch(post(install()))).status).toBe(200)
    expect(handler).toHaveBeenCalledOnce()
  })

  it('with app, an install the OAuth server does not know is refused, and opens no door to other events', async () => {
    const tokenUrl = 'http://127.0.0.1:9/oauth/token/' // nothing listens: the OAuth server cannot answer
    const onInstall = vi.fn()
    const { bot, handler } = countingBot({
      applicationToken: TOKEN,
      app: oauthApp({ clientId: 'c', clientSecret: 's', tokenUrl }),
      onInstall,
    })
    expect((await bot.fetch(post(install()))).status).toBe(503)
    expect(onInstall).not.toHaveBeenCalled()
    expect((await bot.fetch(post(message('51856fefc120afa4b628cc82d3935cce')))).status).toBe(401)
    expect(handler).not.toHaveBeenCalled()
  })
})

describe('bot.fetch: when it answers', () => {
  it("ack: 'after' (the default) answers once the handlers finished", async () => {
    const gate = deferred()
    const bot = createBot({ applicationToken: TOKEN })
    let finished = false
    bot.use(async () => {
      await gate.promise
      finished = true
    })
    let answered = false
    const response = bot.fetch(post(message())).then((value) => {
      answered = true
      return value
    })
    for (let index = 0; index < 5; index += 1) await turn()
    expect(answered).toBe(false)
    gate.resolve()
    expect((await response).status).toBe(200)
    expect(finished).toBe(true)
  })

  it("ack: 'after' answers 200 at the timeout while a slow handler still runs", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const gate = deferred()
    const started = deferred()
    const bot = createBot({ applicationToken: TOKEN, timeout: 3000 })
    let finished = false
    bot.use(async () => {
      started.resolve()
      await gate.promise
      finished = true
    })
    let answered = false
    const response = bot.fetch(post(message())).then((value) => {
      answered = true
      return value
    })
    await started.promise
    await vi.advanceTimersByTimeAsync(2999)
    expect(answered).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await response).status).toBe(200)
    expect(finished).toBe(false)
    gate.resolve()
    await vi.waitFor(() => {
      expect(finished).toBe(true)
    })
  })

  it("ack: 'before' answers 200 before a slow handler finishes, and the handler still runs to its end", async () => {
    const gate = deferred()
    const bot = createBot({ applicationToken: TOKEN, ack: 'before' })
    let finished = false
    bot.use(async (ctx) => {
      await gate.promise
      expect(ctx.text).toBe('Hello')
      finished = true
    })
    const response = await bot.fetch(post(message()))
    expect(response.status).toBe(200)
    expect(finished).toBe(false)
    gate.resolve()
    await vi.waitFor(() => {
      expect(finished).toBe(true)
    })
  })

  it('a handler that throws still gets 200 (the portal does not redeliver), and the error goes to bot.catch', async () => {
    const errors = vi.fn()
    const bot = createBot({ applicationToken: TOKEN }).catch(errors)
    bot.use(() => {
      throw new Error('boom')
    })
    expect((await bot.fetch(post(message()))).status).toBe(200)
    expect(errors).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'BotError', event: 'ONIMBOTMESSAGEADD', cause: expect.objectContaining({ message: 'boom' }) }),
      expect.objectContaining({ event: expect.objectContaining({ event: 'ONIMBOTMESSAGEADD' }) }),
    )

    const before = createBot({ applicationToken: TOKEN, ack: 'before' }).catch(errors)
    before.use(() => Promise.reject(new Error('later boom')))
    expect((await before.fetch(post(message()))).status).toBe(200)
    await vi.waitFor(() => {
      expect(errors).toHaveBeenCalledTimes(2)
    })
  })
})

describe('bot.fetch: bodies as pushed', () => {
  it.each(pushedExamples.map((item) => [`${item.name} (${item.label})`, item] as const))(
    'takes the spec example %s form-encoded, when its token matches',
    async (_label, item) => {
      const token = (item.body.auth as { application_token: string }).application_token
      const { bot, handler, seen } = countingBot({ applicationToken: token })
      const response = await bot.fetch(post(item.body))
      expect(response.status).toBe(200)
      expect(handler).toHaveBeenCalledOnce()
      expect(seen[0]).toMatchObject({ event: item.name, delivery: 'webhook', auth: { application_token: token } })

      const other = countingBot({ applicationToken: `${token}0` })
      expect((await other.bot.fetch(post(item.body))).status).toBe(401)
      expect(other.handler).not.toHaveBeenCalled()
    },
  )

  it('takes the classic command example and routes it to bot.command', async () => {
    const body = example('ONIMCOMMANDADD', 'Personal chat with the bot')
    const token = (body.auth as { application_token: string }).application_token
    const bot = createBot({ applicationToken: token })
    const commands: string[] = []
    bot.command('echo', (ctx) => {
      commands.push(`${ctx.command.name}:${ctx.command.params}`)
    })
    expect((await bot.fetch(post(body))).status).toBe(200)
    const entry = Object.values((body.data as { COMMAND: Record<string, { COMMAND: string; COMMAND_PARAMS: string }> }).COMMAND)[0]!
    expect(entry.COMMAND).toBe('echo')
    expect(commands).toEqual([`echo:${entry.COMMAND_PARAMS}`])
  })

  it('takes the same event as a JSON body, with or without a JSON content type', async () => {
    const { bot, handler, seen } = countingBot()
    const json = JSON.stringify(message())
    expect((await bot.fetch(post(json, { 'content-type': 'application/json' }))).status).toBe(200)
    expect((await bot.fetch(post(json, { 'content-type': 'application/json; charset=utf-8' }))).status).toBe(200)
    expect((await bot.fetch(new Request('http://bot.example/', { method: 'POST', body: `  ${json}` }))).status).toBe(200)
    expect(handler).toHaveBeenCalledTimes(3)
    expect(seen.map((event) => event.event)).toEqual(['ONIMBOTMESSAGEADD', 'ONIMBOTMESSAGEADD', 'ONIMBOTMESSAGEADD'])
    // JSON is checked the same way.
    expect((await bot.fetch(post(JSON.stringify(message('spoofed')), { 'content-type': 'application/json' }))).status).toBe(401)
    expect(handler).toHaveBeenCalledTimes(3)
  })

  it('a form body and its JSON twin decode to the same event', async () => {
    const { bot, seen } = countingBot()
    await bot.fetch(post(message()))
    await bot.fetch(post(JSON.stringify(message()), { 'content-type': 'application/json' }))
    expect(seen[1]).toEqual(seen[0])
  })
})
