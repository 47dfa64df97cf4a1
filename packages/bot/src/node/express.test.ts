import type { IncomingMessage, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeForm, encodeForm, type FormInput } from '@b24bot/core'
import { decodeEvent, type ImbotEvent } from '@b24bot/imbot'
import express4 from 'express4'
import express5 from 'express5'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { readEventsSpec } from '@b24bot/spec-fixtures'
import { createBot, type Bot } from '../bot.ts'
import { toExpressHandler } from '../node.ts'

/** A middleware of one Express module, opaque here: made by its module, mounted on its app. */
type Middleware = object

/** What these tests use of an Express app, the same on 4 and 5. */
interface ExpressApp {
  use(...handlers: Middleware[]): unknown
  post(path: string, ...handlers: Middleware[]): unknown
  listen(port: number, hostname: string, callback: () => void): Server
}

/** What these tests use of an Express module (`express4` and `express5` are checked against it). */
interface ExpressModule {
  (): ExpressApp
  urlencoded(options: { extended: boolean }): Middleware
  json(): Middleware
  text(options?: { type: string }): Middleware
  raw(options?: { type: string }): Middleware
}

const versions: readonly (readonly [string, ExpressModule])[] = [
  ['Express 4', express4],
  ['Express 5', express5],
]

/** A way of mounting body parsers in front of the route; returns the route's own parsers. */
interface Setup {
  readonly label: string
  readonly mount: (express: ExpressModule, app: ExpressApp) => Middleware[]
}

const setups: readonly Setup[] = [
  { label: 'no parser', mount: () => [] },
  { label: 'route: urlencoded({ extended: true })', mount: (express) => [express.urlencoded({ extended: true })] },
  { label: 'route: urlencoded({ extended: false })', mount: (express) => [express.urlencoded({ extended: false })] },
  { label: 'route: json()', mount: (express) => [express.json()] },
  { label: "route: text({ type: '*/*' })", mount: (express) => [express.text({ type: '*/*' })] },
  { label: 'route: text()', mount: (express) => [express.text()] },
  { label: "route: raw({ type: '*/*' })", mount: (express) => [express.raw({ type: '*/*' })] },
  { label: 'route: raw()', mount: (express) => [express.raw()] },
  {
    label: 'app.use: json(), urlencoded({ extended: true })',
    mount: (express, app) => {
      app.use(express.json())
      app.use(express.urlencoded({ extended: true }))
      return []
    },
  },
  {
    label: 'app.use: urlencoded({ extended: false }), json()',
    mount: (express, app) => {
      app.use(express.urlencoded({ extended: false }))
      app.use(express.json())
      return []
    },
  },
  {
    label: 'app.use: json(), urlencoded({ extended: true }), text(), raw()',
    mount: (express, app) => {
      app.use(express.json(), express.urlencoded({ extended: true }), express.text(), express.raw())
      return []
    },
  },
  {
    label: "app.use: text({ type: '*/*' })",
    mount: (express, app) => {
      app.use(express.text({ type: '*/*' }))
      return []
    },
  },
  {
    label: "app.use: raw({ type: '*/*' })",
    mount: (express, app) => {
      app.use(express.raw({ type: '*/*' }))
      return []
    },
  },
]

type Loose = Record<string, unknown>

interface SpecEvent {
  readonly event: string
  readonly examplePayloads: Readonly<Record<string, Loose>>
}

/** The spec's events with the docs' example payloads, as the imbot package keeps them. */
const spec = readEventsSpec() as SpecEvent[]

const TOKEN = 'express-adapter-token'

function payloads(name: string): Readonly<Record<string, Loose>> {
  const found = spec.find((event) => event.event === name)
  if (!found) throw new Error(`${name} is not in the spec`)
  return found.examplePayloads
}

/** The body with its `auth[application_token]` set to `token`. */
function withToken(body: Loose, token: string): Loose {
  return { ...structuredClone(body), auth: { ...(body.auth as Loose), application_token: token } }
}

/**
 * The classic body with the small ids the `qs` parser turns maps into lists for: bot 3
 * (`data[BOT][3]`), command 12 (`data[COMMAND][12]`), mentioned user 5, bot 3 in the chat;
 * `undefined` for a body with no such map.
 */
function withSmallIds(body: Loose): Loose | undefined {
  const data = structuredClone(body.data) as { BOT?: Record<string, Loose>; COMMAND?: Record<string, Loose>; PARAMS?: Loose }
  if (!data.BOT && !data.COMMAND) return undefined
  if (data.BOT) data.BOT = { 3: { ...Object.values(data.BOT)[0], BOT_ID: '3' } }
  if (data.COMMAND) data.COMMAND = { 12: { ...Object.values(data.COMMAND)[0], BOT_ID: '3', COMMAND_ID: '12' } }
  if (data.PARAMS?.MENTIONED_LIST) data.PARAMS.MENTIONED_LIST = { 5: '5' }
  if (data.PARAMS?.BOT_IN_CHAT) data.PARAMS.BOT_IN_CHAT = { 3: '3' }
  return { ...body, data }
}

/** The group-chat message listing two bots of the app, 3 and 7, and mentioning users 3 and 5: `qs` makes lists of both. */
function twoSmallBots(): Loose {
  const body = withToken(payloads('ONIMBOTMESSAGEADD')['Group chat']!, TOKEN)
  const data = body.data as { BOT: Record<string, Loose>; PARAMS: Loose }
  const entry = Object.values(data.BOT)[0]
  data.BOT = { 3: { ...entry, BOT_ID: '3' }, 7: { ...entry, BOT_ID: '7', BOT_CODE: 'BOT2' } }
  data.PARAMS.MENTIONED_LIST = { 3: '3', 5: '5' }
  return body
}

/**
 * The `data` of a v2 event's fetch-mode example; for the events the docs give none, one derived from
 * the MESSAGEADD example as the docs' notes say (as facts.test.ts does).
 */
function fetchData(name: string): Loose {
  const own = payloads(name).fetchModeData
  if (own) return structuredClone(own)
  const { message, ...rest } = fetchData('ONIMBOTV2MESSAGEADD') as { message: { id: number } }
  if (name === 'ONIMBOTV2MESSAGEUPDATE') return { ...rest, message }
  if (name === 'ONIMBOTV2MESSAGEDELETE') return { ...rest, messageId: message.id }
  throw new Error(`no example for ${name}`)
}

/** A v2 webhook body spells `null` as `""` (imbot-v2 §3). */
function nullsAsEmpty(value: unknown): FormInput {
  if (value === null) return ''
  if (Array.isArray(value)) return value.map(nullsAsEmpty)
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, nullsAsEmpty(item)]))
  return value as FormInput
}

/** A v2 event POSTed to a webhook-mode bot: the fetch-mode `data`, `data.bot` reduced to `{ id, code, auth }`. */
function v2Webhook(name: string): Loose {
  const { webhookEnvelopeSkeleton, webhookBotObject } = payloads('ONIMBOTV2MESSAGEADD') as {
    webhookEnvelopeSkeleton: Loose
    webhookBotObject: { bot: Loose }
  }
  return nullsAsEmpty({
    event: name,
    data: { ...fetchData(name), bot: webhookBotObject.bot },
    ts: webhookEnvelopeSkeleton.ts,
    auth: webhookEnvelopeSkeleton.auth,
  }) as Loose
}

/** One POST: its body on the wire, and the event the bot decodes from it with no parser in front. */
interface Delivery {
  readonly label: string
  readonly contentType: string
  readonly body: string
  readonly expected: ImbotEvent
}

const FORM = 'application/x-www-form-urlencoded'
const JSON_TYPE = 'application/json'

/** Each event as a portal POSTs it (a form body), and the same object as a JSON body; `charset` added to both types when given. */
function deliveries(label: string, body: Loose, charset?: string): Delivery[] {
  const form = encodeForm(body as Record<string, FormInput>)
  const json = JSON.stringify(body)
  const type = (base: string): string => (charset === undefined ? base : `${base}; charset=${charset}`)
  return [
    { label: `${label}, form`, contentType: type(FORM), body: form, expected: decodeEvent(decodeForm(form)) },
    { label: `${label}, JSON`, contentType: type(JSON_TYPE), body: json, expected: decodeEvent(JSON.parse(json)) },
  ]
}

/** The private-chat message with text that is not ASCII and has the form's own delimiters in it. */
function unicodeMessage(): Loose {
  const body = withToken(payloads('ONIMBOTMESSAGEADD')['Personal chat with the bot']!, TOKEN)
  ;((body.data as Loose).PARAMS as Loose).MESSAGE = 'Привет 👋 a+b=c & 100% [x]'
  return body
}

const classic = spec
  .filter((event) => !event.event.includes('V2'))
  .flatMap((event) =>
    Object.entries(event.examplePayloads).map(([label, body]) => ({ name: `${event.event} (${label})`, body: withToken(body, TOKEN) })),
  )

const cases: readonly Delivery[] = [
  ...classic.flatMap(({ name, body }) => deliveries(name, body)),
  ...classic.flatMap(({ name, body }) => {
    const small = withSmallIds(body)
    return small ? deliveries(`${name} with small ids`, small) : []
  }),
  ...deliveries('ONIMBOTMESSAGEADD (Group chat) with two small bot ids', twoSmallBots()),
  ...deliveries('ONIMBOTMESSAGEADD (text not ASCII, a charset in the type)', unicodeMessage(), 'UTF-8'),
  ...spec
    .filter((event) => event.event.startsWith('ONIMBOTV2'))
    .flatMap((event) => deliveries(`${event.event} (webhook mode)`, withToken(v2Webhook(event.event), TOKEN))),
]

/** A bot that records the event of each handler call. */
function recordingBot(options: { maxBodyBytes?: number } = {}): { bot: Bot; seen: ImbotEvent[] } {
  const bot = createBot({ applicationToken: TOKEN, ...options })
  const seen: ImbotEvent[] = []
  bot.use((ctx) => {
    seen.push(ctx.event)
  })
  return { bot, seen }
}

/** Serves `bot` at `/events` of a new app of `express`, behind `setup`'s parsers; the URL and the server. */
async function serveExpress(express: ExpressModule, setup: Setup, bot: Bot): Promise<{ url: string; server: Server }> {
  const app = express()
  const parsers = setup.mount(express, app)
  app.post('/events', ...parsers, toExpressHandler(bot))
  let server: Server | undefined
  await new Promise<void>((resolve) => (server = app.listen(0, '127.0.0.1', resolve)))
  if (!server) throw new Error('the server did not start')
  return { url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/events`, server }
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
}

async function post(url: string, contentType: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body })
  return { status: response.status, text: await response.text() }
}

describe.each(versions)('toExpressHandler on %s', (_version, express) => {
  describe.each(setups.map((setup) => [setup.label, setup] as const))('%s', (_label, setup) => {
    const { bot, seen } = recordingBot()
    let url = ''
    let server: Server | undefined
    beforeAll(async () => {
      ;({ url, server } = await serveExpress(express, setup, bot))
    })
    afterAll(async () => {
      if (server) await close(server)
    })
    beforeEach(() => {
      seen.length = 0
    })

    it.each(cases.map((item) => [item.label, item] as const))(
      'takes %s: 200, one handler call, the same typed event as with no parser',
      async (_label, item) => {
        expect(await post(url, item.contentType, item.body)).toEqual({ status: 200, text: 'OK' })
        expect(seen).toHaveLength(1)
        expect(seen[0]).toStrictEqual(item.expected)
      },
    )

    it('refuses a wrong token with 401, form or JSON, and calls no handler', async () => {
      const [form, json] = deliveries('spoofed', withToken(classic[0]!.body, `${TOKEN}-wrong`))
      for (const item of [form!, json!])
        expect(await post(url, item.contentType, item.body)).toEqual({ status: 401, text: 'Unknown sender' })
      expect(seen).toEqual([])
    })
  })

  it.each([0, 1, 4])(
    "answers a body over the bot's maxBodyBytes with 413 and calls no handler, with no parser or behind one (setup %i)",
    async (setup) => {
      const [small, large] = ['ONAPPUPDATE', 'ONIMBOTMESSAGEADD'].map((name) =>
        encodeForm(withToken(Object.values(payloads(name))[0]!, TOKEN) as Record<string, FormInput>),
      )
      const maxBodyBytes = 1024
      expect(small!.length).toBeLessThan(maxBodyBytes)
      expect(large!.length).toBeGreaterThan(maxBodyBytes)
      const { bot, seen } = recordingBot({ maxBodyBytes })
      const { url, server } = await serveExpress(express, setups[setup]!, bot)
      try {
        expect(await post(url, FORM, large!)).toEqual({ status: 413, text: 'The body is too large' })
        expect(seen).toEqual([])
        expect((await post(url, FORM, small!)).status).toBe(200)
        expect(seen.map((event) => event.event)).toEqual(['ONAPPUPDATE'])
      } finally {
        await close(server)
      }
    },
  )

  it('a middleware that read the stream and left nothing gets 400 at once; one that kept req.rawBody is taken', async () => {
    const drain = (keep: boolean) => (req: IncomingMessage & { rawBody?: Buffer }, _res: unknown, next: () => void) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        if (keep) req.rawBody = Buffer.concat(chunks)
        next()
      })
    }
    const body = encodeForm(withToken(Object.values(payloads('ONAPPUPDATE'))[0]!, TOKEN) as Record<string, FormInput>)
    for (const keep of [false, true]) {
      const { bot, seen } = recordingBot()
      const { url, server } = await serveExpress(express, { label: 'drain', mount: () => [drain(keep)] }, bot)
      try {
        // Without the check, a read that cannot come would end in 408 at the read timeout.
        const answer = await post(url, FORM, body)
        expect(answer.status).toBe(keep ? 200 : 400)
        expect(seen).toHaveLength(keep ? 1 : 0)
      } finally {
        await close(server)
      }
    }
  })
})
