import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { encodeForm, type FormInput } from '@b24bot/core'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import { botIdentity, imbot, type ImbotEvent } from '@b24bot/imbot'
import { createClient, unlimited, type Client } from '@b24bot/transport'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBot, type Bot, type BotOptions } from '../bot.ts'
import { toExpressHandler, toNodeHandler } from '../node.ts'

const TOKEN = 'node-adapter-token'

let emulator: Emulator
const servers: Server[] = []

beforeEach(async () => {
  emulator = await startEmulator()
})

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve()
      })
    })
  }
  await emulator.close()
})

/** Serves `bot` through `toNodeHandler` on loopback; resolves to its URL (the host has dots, as handler URLs must). */
async function serve(bot: Bot, onError?: (error: unknown) => void): Promise<string> {
  const server = createServer(toNodeHandler(bot, onError ? { onError } : {}))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/events`
}

const webhookClient = (identity: { clientId?: string; botToken?: string }): Client =>
  createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity(identity)], retry: false, limiter: unlimited })

/** A bot that counts its handler calls and echoes messages with `ctx.reply`. */
function echoBot(options: BotOptions) {
  const bot = createBot(options)
  const seen: ImbotEvent[] = []
  const errors: unknown[] = []
  bot.catch((error) => {
    errors.push(error)
  })
  bot.use(async (ctx, next) => {
    seen.push(ctx.event)
    await next()
  })
  bot.on(['ONIMBOTMESSAGEADD', 'ONIMBOTV2MESSAGEADD'], (ctx) => ctx.reply(`You said: ${ctx.text ?? ''}`))
  return { bot, seen, errors }
}

/** A message event body as a portal would POST it, with `token`. */
function messageBody(token: string): string {
  return encodeForm({
    event: 'ONIMBOTMESSAGEADD',
    event_handler_id: 1,
    data: {
      BOT: { 7: { BOT_ID: 7, BOT_CODE: 'echo' } },
      PARAMS: {
        MESSAGE: 'Hello',
        MESSAGE_TYPE: 'P',
        FROM_USER_ID: 1,
        DIALOG_ID: '1',
        TO_CHAT_ID: 3,
        AUTHOR_ID: 1,
        MESSAGE_ID: 5,
        CHAT_TYPE: 'P',
        TO_USER_ID: 7,
      },
      USER: { ID: 1, NAME: 'Admin' },
    },
    ts: 1771928985,
    auth: { domain: 'portal.example', application_token: token },
  } satisfies Record<string, FormInput>)
}

interface RawAnswer {
  readonly status: number
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

/** A request through `node:http`, for what `fetch` will not send (no length, odd methods, early hang-ups). */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; chunks?: (string | Uint8Array)[] },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })
      })
    })
    // The server may answer (413) and close while the body is still being sent.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error)
    })
    for (const chunk of options.chunks ?? []) req.write(chunk)
    req.end()
  })
}

describe('toNodeHandler, fed by the emulator', () => {
  it("takes a classic bot's real event POSTs: the handler runs and its ctx.reply lands in the portal", async () => {
    const clientId = 'node-classic-bot'
    const { bot, seen, errors } = echoBot({ applicationToken: clientId, client: webhookClient({ clientId }) })
    const url = await serve(bot)
    const botId = await imbot(webhookClient({ clientId })).register({ CODE: 'echo', EVENT_HANDLER: url, PROPERTIES: { NAME: 'Echo' } })
    const alice = emulator.portal.createUser({ name: 'Alice' })

    emulator.portal.as(alice.id).send(String(botId), 'Hello over HTTP')
    await emulator.portal.events.settled()

    expect(seen.map((event) => event.event)).toEqual(['ONIMBOTJOINCHAT', 'ONIMBOTMESSAGEADD'])
    expect(errors).toEqual([])
    const deliveries = emulator.portal.events.deliveries.filter((delivery) => delivery.botIds.includes(botId))
    expect(deliveries.map((delivery) => [delivery.state, delivery.status])).toEqual([
      ['delivered', 200],
      ['delivered', 200],
    ])
    const replies = [...emulator.portal.messages.values()].filter((message) => message.authorId === botId)
    expect(replies.map((message) => message.text)).toEqual(['You said: Hello over HTTP'])
    expect(emulator.portal.privateChat(alice.id, botId).id).toBe(replies[0]?.chatId)
  })

  it("takes a v2 webhook bot's POSTs the same way (its token checked by a verify callback)", async () => {
    const botToken = 'node-v2-token'
    // A v2 bot registered through a webhook gets an application_token the API does not return
    // (decision 020): here the test reads it from the portal, as an operator would configure it.
    let expected = ''
    const { bot, seen, errors } = echoBot({ verify: (token) => token === expected, client: webhookClient({ botToken }) })
    const url = await serve(bot)
    const { bot: registered } = await imbot(webhookClient({ botToken })).v2.Bot.register({
      fields: { code: 'echo2', botToken, eventMode: 'webhook', webhookUrl: url, properties: { name: 'Echo 2' } },
    })
    expected = emulator.portal.bots.get(registered.id)?.applicationToken ?? ''
    expect(expected).not.toBe('')

    emulator.portal.as(1).send(String(registered.id), 'Hello v2')
    await emulator.portal.events.settled()

    expect(seen.map((event) => event.event)).toEqual(['ONIMBOTV2JOINCHAT', 'ONIMBOTV2MESSAGEADD'])
    expect(errors).toEqual([])
    const replies = [...emulator.portal.messages.values()].filter((message) => message.authorId === registered.id)
    expect(replies.map((message) => message.text)).toEqual(['You said: Hello v2'])
  })

  it('refuses a spoofed POST with 401 and zero handler calls, while the real ones still pass', async () => {
    const clientId = 'node-classic-bot'
    const { bot, seen } = echoBot({ applicationToken: clientId, client: webhookClient({ clientId }) })
    const url = await serve(bot)
    for (const token of ['', 'guess', `${clientId} `]) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: messageBody(token),
      })
      expect(response.status).toBe(401)
      expect(await response.text()).toBe('Unknown sender')
    }
    expect(seen).toEqual([])
    expect(emulator.portal.calls).toEqual([])

    const botId = await imbot(webhookClient({ clientId })).register({ CODE: 'echo', EVENT_HANDLER: url, PROPERTIES: { NAME: 'Echo' } })
    emulator.portal.as(1).send(String(botId), 'real')
    await emulator.portal.events.settled()
    expect(seen.map((event) => event.event)).toEqual(['ONIMBOTJOINCHAT', 'ONIMBOTMESSAGEADD'])
  })

  it('a handler that throws still answers 200, and the next event is handled', async () => {
    const clientId = 'node-throwing-bot'
    const bot = createBot({ applicationToken: clientId, client: webhookClient({ clientId }) })
    const errors: string[] = []
    bot.catch((error) => {
      errors.push(((error as Error).cause as Error).message)
    })
    bot.hears('boom', () => {
      throw new Error('handler failed')
    })
    bot.hears('hello', (ctx) => ctx.reply('still here'))
    const url = await serve(bot)
    const botId = await imbot(webhookClient({ clientId })).register({ CODE: 'thrower', EVENT_HANDLER: url, PROPERTIES: { NAME: 'T' } })
    emulator.portal.as(1).send(String(botId), 'boom')
    await emulator.portal.events.settled()
    emulator.portal.as(1).send(String(botId), 'hello')
    await emulator.portal.events.settled()
    expect(errors).toEqual(['handler failed'])
    expect(emulator.portal.events.deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200])
    expect([...emulator.portal.messages.values()].filter((message) => message.authorId === botId).map((message) => message.text)).toEqual([
      'still here',
    ])
  })
})

describe('toNodeHandler: statuses over real HTTP', () => {
  it('405 for GET and for methods fetch refuses, 400 with the reason for a bad body', async () => {
    const { bot, seen } = echoBot({ applicationToken: TOKEN })
    const url = await serve(bot)
    expect((await raw(url, { method: 'GET' })).status).toBe(405)
    const trace = await raw(url, { method: 'TRACE' })
    expect(trace.status).toBe(405)
    expect(trace.body).toBe('Events are POSTed')
    const bad = await raw(url, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      chunks: [`event=NOPE&auth[application_token]=${TOKEN}`],
    })
    expect(bad).toMatchObject({ status: 400, body: expect.stringMatching(/^Unknown event/) })
    expect(seen).toEqual([])
  })

  it('a chunked body (no length) is streamed through: taken when small, 413 past the cap, the connection closed', async () => {
    const { bot, seen } = echoBot({ applicationToken: TOKEN, maxBodyBytes: 2048, client: webhookClient({ clientId: 'x' }) })
    bot.catch(() => undefined)
    const url = await serve(bot)
    const body = messageBody(TOKEN)
    const split = [body.slice(0, 50), body.slice(50, 300), body.slice(300)]
    const taken = await raw(url, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      chunks: split,
    })
    expect(taken.status).toBe(200)
    expect(seen).toHaveLength(1)

    const large = await raw(url, {
      headers: { 'transfer-encoding': 'chunked' },
      chunks: Array.from({ length: 64 }, () => new Uint8Array(1024).fill(0x61)),
    })
    expect(large.status).toBe(413)
    expect(large.headers.connection).toBe('close')
    expect(seen).toHaveLength(1)
  })

  it('413 from a declared length alone, before any of the body is read', async () => {
    const { bot } = echoBot({ applicationToken: TOKEN, maxBodyBytes: 100 })
    const url = await serve(bot)
    const answer = await raw(url, { headers: { 'content-length': '1000000' }, chunks: ['event=x'] })
    expect(answer.status).toBe(413)
    expect(answer.body).toBe('The body is too large')
  })

  it('survives a client that hangs up mid-body, and one that leaves before a slow handler finished', async () => {
    const onError = vi.fn()
    let release = (): void => undefined
    let started = (): void => undefined
    const handlerStarted: Promise<void> = new Promise((resolve) => (started = resolve))
    const debug: string[] = []
    const bot = createBot({ applicationToken: TOKEN, logger: { debug: (_object, message) => debug.push(message), warn: () => undefined } })
    let finished = 0
    bot.use(async () => {
      started()
      await new Promise<void>((resolve) => (release = resolve))
      finished += 1
    })
    const url = await serve(bot, onError)
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)

    // Half a body, then the socket is destroyed: a debug line, nothing on the console, no answer.
    await new Promise<void>((resolve) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-length': '5000' } })
      req.on('error', () => undefined)
      req.on('close', () => {
        resolve()
      })
      req.write('event=ONIMBOTMESSAGEADD&', () => setImmediate(() => req.destroy()))
    })
    await vi.waitFor(() => {
      expect(debug).toContain('b24bot intake: the client went away before its body ended')
    })
    expect(logged).not.toHaveBeenCalled()

    // A full event, but the client leaves while the handler still runs; the late answer goes nowhere.
    const leaving = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    leaving.on('error', () => undefined)
    leaving.end(messageBody(TOKEN))
    await handlerStarted
    await new Promise<void>((resolve) => {
      leaving.on('close', () => {
        resolve()
      })
      leaving.destroy()
    })
    release()
    await vi.waitFor(() => {
      expect(finished).toBe(1)
    })

    // The server still answers.
    expect((await fetch(url, { method: 'POST', body: messageBody('wrong') })).status).toBe(401)
  })
})

/** A request a body parser already read: the stream is at its end, `body` holds what the parser made. */
async function parsedRequest(body: unknown, contentType: string): Promise<IncomingMessage> {
  const stream = Readable.from([])
  await new Promise<void>((resolve) => {
    stream.on('end', resolve)
    stream.resume()
  })
  return Object.assign(stream, {
    method: 'POST',
    url: '/events',
    headers: { 'content-type': contentType, 'content-length': '999999999' },
    body,
  }) as unknown as IncomingMessage
}

/** A response that records what was written. */
function recordingResponse() {
  const written = { status: 0, headers: {} as Record<string, string>, body: '' }
  let ended: () => void = () => undefined
  const done: Promise<void> = new Promise((resolve) => (ended = resolve))
  const res = {
    headersSent: false,
    writableEnded: false,
    destroyed: false,
    on: () => res,
    writeHead(status: number, headers: Record<string, string>) {
      written.status = status
      written.headers = headers
      res.headersSent = true
      return res
    },
    end(body: Uint8Array) {
      written.body = new TextDecoder().decode(body)
      res.writableEnded = true
      ended()
      return res
    },
    destroy: () => undefined,
  }
  return { res: res as unknown as ServerResponse, written, done }
}

describe('toExpressHandler: a body a parser already read', () => {
  const event = {
    event: 'ONIMBOTMESSAGEADD',
    event_handler_id: '1',
    data: {
      BOT: { '7': { BOT_ID: '7', BOT_CODE: 'echo' } },
      PARAMS: {
        MESSAGE: 'Hello & welcome',
        MESSAGE_TYPE: 'P',
        FROM_USER_ID: '1',
        DIALOG_ID: '1',
        TO_CHAT_ID: '3',
        AUTHOR_ID: '1',
        MESSAGE_ID: '5',
        CHAT_TYPE: 'P',
        TO_USER_ID: '7',
      },
      USER: { ID: '1', NAME: 'Admin' },
    },
    ts: '1771928985',
    auth: { domain: 'portal.example', application_token: TOKEN },
  }
  /** What `express.urlencoded({ extended: false })` (node's querystring) makes of the body: flat bracket keys. */
  const flat = Object.fromEntries(new URLSearchParams(encodeForm(event)).entries())

  it.each([
    ['express.urlencoded({ extended: true }): nested objects', event, 'application/x-www-form-urlencoded'],
    ['express.urlencoded({ extended: false }): flat bracket keys', flat, 'application/x-www-form-urlencoded'],
    ['express.json()', event, 'application/json'],
    ['express.text()', encodeForm(event), 'application/x-www-form-urlencoded'],
    ['express.raw()', new TextEncoder().encode(encodeForm(event)), 'application/x-www-form-urlencoded'],
  ])('re-encodes what %s left and takes the event', async (_label, body, contentType) => {
    const { bot, seen } = echoBot({ applicationToken: TOKEN })
    bot.catch(() => undefined)
    const { res, written, done } = recordingResponse()
    const next = vi.fn()
    toExpressHandler(bot)(await parsedRequest(body, contentType), res, next)
    await done
    expect(written.status).toBe(200)
    expect(next).not.toHaveBeenCalled()
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ event: 'ONIMBOTMESSAGEADD', data: { PARAMS: { MESSAGE: 'Hello & welcome', MESSAGE_ID: 5 } } })
  })

  it('still refuses a parsed body with a wrong token (401), and one it cannot re-encode (400)', async () => {
    const { bot, seen } = echoBot({ applicationToken: TOKEN })
    const spoofed = recordingResponse()
    toExpressHandler(bot)(
      await parsedRequest({ ...event, auth: { application_token: 'spoofed' } }, 'application/x-www-form-urlencoded'),
      spoofed.res,
    )
    await spoofed.done
    expect(spoofed.written.status).toBe(401)

    const cyclic: Record<string, unknown> = { event: 'ONIMBOTMESSAGEADD' }
    cyclic.self = cyclic
    const broken = recordingResponse()
    toExpressHandler(bot)(await parsedRequest(cyclic, 'application/x-www-form-urlencoded'), broken.res)
    await broken.done
    expect(broken.written.status).toBe(400)
    expect(broken.written.body).toMatch(/req\.body/)
    expect(seen).toEqual([])
  })

  it('reads the stream itself when a parser left an empty req.body but did not touch the stream', async () => {
    const { bot, seen } = echoBot({ applicationToken: TOKEN })
    bot.catch(() => undefined)
    const stream = Readable.from([Buffer.from(messageBody(TOKEN))])
    const req = Object.assign(stream, {
      method: 'POST',
      url: '/events',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: {},
    }) as unknown as IncomingMessage
    const { res, written, done } = recordingResponse()
    toNodeHandler(bot)(req, res)
    await done
    expect(written.status).toBe(200)
    expect(seen).toHaveLength(1)
  })
})
