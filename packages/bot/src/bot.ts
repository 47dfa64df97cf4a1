import { decodeForm } from '@b24bot/core'
import { decodeEvent, EventDecodeError, type EventOf, type ImbotEvent } from '@b24bot/imbot'
import { createClient, eventAuth, portalLimiter, readBody, type Client, type EventAuthBlock, type Limiter } from '@b24bot/transport'
import { Composer } from './composer.ts'
import { Context, type Session } from './context.ts'
import { runPolling, type PollingOptions } from './polling.ts'
import type { SessionStore } from './session.ts'
import { sameToken } from './verify.ts'

/** What {@link createBot} takes. */
export interface BotOptions {
  /**
   * The `application_token` every pushed event must carry in `auth[application_token]`: the app's
   * token (from `ONAPPINSTALL`), or the `CLIENT_ID` a classic bot was registered with through a
   * webhook. Events without it, or with another, are refused with 401 before any handler runs.
   */
  readonly applicationToken?: string
  /** Checks the token instead, for apps on several portals: resolve `true` to accept. */
  readonly verify?: (applicationToken: string, event: ImbotEvent) => boolean | Promise<boolean>
  /**
   * Gets `ONAPPINSTALL`, which brings the app's tokens and `application_token` (store them; later
   * events are checked against it). Without it, an install event is checked like any other.
   */
  readonly onInstall?: (event: EventOf<'ONAPPINSTALL'>) => void | Promise<void>
  /**
   * How `ctx.api` calls the portal: a client (e.g. `createClient({ webhookUrl, use: [botIdentity({ clientId })] })`
   * for bots registered through a webhook), or a function choosing one per event. Default: the
   * tokens the event brings (OAuth apps), refreshed with `app` when given.
   */
  readonly client?: Client | ((event: ImbotEvent) => Client | undefined)
  /** The OAuth app, so the tokens events bring can be refreshed. */
  readonly app?: { readonly clientId: string; readonly clientSecret: string }
  /** Keeps `ctx.session` per portal, bot and dialog. Default: none (`ctx.session` starts empty every time). */
  readonly session?: SessionStore
  /** Request bodies larger than this many bytes get 413. Default 1 MiB. */
  readonly maxBodyBytes?: number
  /**
   * When a pushed event is answered: `'after'` the handlers finish (default; at the latest after
   * `timeout`), or `'before'` they run. The portal does not redeliver and gives up on slow handlers.
   */
  readonly ack?: 'after' | 'before'
  /** With `ack: 'after'`: answer 200 after this many milliseconds even if handlers still run. Default 10 000. */
  readonly timeout?: number
}

/** Errors a handler threw, with the context it threw in. */
export type ErrorHandler = (error: unknown, ctx: Context) => unknown

/** Where an event came from, and how to call back for it. */
export interface EventSource {
  /** Calls back through this client (the polling runner's), instead of the bot's choice. */
  readonly client?: Client
  /**
   * The portal, for session keys, when the event does not name it (polled events carry no `auth`):
   * the polling runner's `portal` option.
   */
  readonly portal?: string
}

const DEFAULT_MAX_BODY = 1024 * 1024

/** A response with a short plain-text reason. */
function answer(status: number, reason: string): Response {
  return new Response(reason, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

/** A body as the portal sends it (PHP form), or JSON as some samples do; `undefined` when it is neither. */
function parseBody(text: string, contentType: string): unknown {
  if (contentType.includes('json') || text.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text)
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined
    } catch {
      return undefined
    }
  }
  return decodeForm(text)
}

/**
 * The OAuth tokens an event carries for calling back as its bot (or, failing that, as its user): of a
 * classic event listing several bots, those of `botId` (the bot `ctx` answers as) first.
 */
function tokensOf(event: ImbotEvent, botId: number | undefined): EventAuthBlock | undefined {
  const data = event.data as Readonly<Record<string, unknown>>
  const candidates: unknown[] = []
  if (typeof data.bot === 'object' && data.bot !== null) candidates.push((data.bot as Record<string, unknown>).auth)
  if (botId !== undefined && typeof data.BOT === 'object' && data.BOT !== null) candidates.push((data.BOT as Record<string, unknown>)[String(botId)])
  for (const map of [data.BOT, data.COMMAND]) if (typeof map === 'object' && map !== null) candidates.push(...(Object.values(map) as unknown[]))
  candidates.push(event.auth)
  for (const candidate of candidates) {
    if (typeof candidate !== 'object' || candidate === null) continue
    const block = candidate as Record<string, unknown>
    if (typeof block.access_token === 'string' && block.access_token !== '' && typeof block.client_endpoint === 'string') return block as unknown as EventAuthBlock
  }
  return undefined
}

/**
 * A bot: a {@link Composer} of handlers, plus the intake that feeds it events pushed over HTTP
 * (`fetch`) or polled (`start`, see `polling.ts`), and the error boundary around them.
 *
 * @example
 * ```ts
 * const bot = createBot({ applicationToken: process.env.B24_APPLICATION_TOKEN! })
 * bot.command('help', (ctx) => ctx.answerCommand('I can /help'))
 * bot.on('ONIMBOTMESSAGEADD', (ctx) => ctx.reply(`You said: ${ctx.text ?? ''}`))
 * export default { fetch: (request: Request) => bot.fetch(request) } // Workers, Bun, Deno, Hono...
 * ```
 */
export class Bot extends Composer {
  readonly options: BotOptions
  #onError: ErrorHandler = (error, ctx) => {
    console.error(`b24bot: a handler failed on ${ctx.event.event}`, error)
  }
  /** One limiter for every client the bot makes from event tokens, so they share each portal's bucket. */
  readonly #limiter: Limiter = portalLimiter()

  constructor(options: BotOptions = {}) {
    super()
    this.options = options
  }

  /**
   * Sets the error boundary: errors thrown by handlers go here (default: `console.error`); the
   * process and the next event are never affected.
   *
   * @example
   * ```ts
   * bot.catch((error, ctx) => logger.error({ error, event: ctx.event.event }, 'handler failed'))
   * ```
   */
  catch(handler: ErrorHandler): this {
    this.#onError = handler
    return this
  }

  /**
   * Runs one decoded event through the handlers, with its session, inside the error boundary.
   * Resolves when they are done; never rejects because a handler failed.
   *
   * @example
   * ```ts
   * await bot.handle(decodeEvent(item), { client }) // what the polling runner does
   * ```
   */
  async handle(event: ImbotEvent, source: EventSource = {}): Promise<void> {
    const store = this.options.session
    const ctx: Context = new Context({ event, client: () => this.#clientFor(event, source, ctx.botId), session: {} })
    // Polled events carry no `auth`: their portal is the one the runner was given.
    const portal = event.auth?.domain ?? source.portal ?? ''
    const key = store && ctx.botId !== undefined && ctx.dialogId !== undefined ? `${portal}|${String(ctx.botId)}|${ctx.dialogId}` : undefined
    try {
      if (store && key) ctx.session = (await store.get(key)) ?? ({} satisfies Session)
      await this.middleware()(ctx, () => Promise.resolve())
      if (store && key) await store.set(key, ctx.session)
    } catch (error) {
      try {
        await this.#onError(error, ctx)
      } catch (secondary) {
        console.error('b24bot: the error handler failed too', secondary)
      }
    }
  }

  /**
   * Runs the bot in fetch mode (`eventMode: 'fetch'`): polls `imbot.v2.Event.get` for `botId` through
   * `client`, handles the events in order, and acknowledges only what was handled, keeping the offset in
   * `offsets` so a restart resumes. Resolves once stopped (`signal`, SIGTERM/SIGINT); rejects when the
   * bot is gone (`BOT_NOT_FOUND`) or the client may not read its queue. See `runPolling` in `polling.ts`.
   *
   * @example
   * ```ts
   * const client = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL!, use: [botIdentity({ botToken: process.env.B24_BOT_TOKEN! })] })
   * const bot = createBot()
   * bot.on('ONIMBOTV2MESSAGEADD', (ctx) => ctx.reply(`You said: ${ctx.text ?? ''}`))
   * await bot.start({ client, botId: 42, offsets: fileOffsetStore('./data/offsets.json') })
   * ```
   */
  start(options: PollingOptions): Promise<void> {
    return runPolling(this, options)
  }

  /**
   * The intake for pushed events, Web-standard: give it the `Request` a portal POSTed and return its
   * `Response`. 405 for other methods, 413 for a body over `maxBodyBytes`, 400 for a body that is not
   * an event (with the reason), 401 for a missing or wrong `application_token` (no handler runs),
   * 200 once handled (or acknowledged first, per `ack`).
   *
   * @example
   * ```ts
   * app.post('/bitrix/events', (c) => bot.fetch(c.req.raw)) // Hono
   * ```
   */
  async fetch(request: Request): Promise<Response> {
    try {
      if (request.method !== 'POST') return answer(405, 'Events are POSTed')
      const text = await readBody(request, this.options.maxBodyBytes ?? DEFAULT_MAX_BODY)
      if (text === undefined) return answer(413, 'The body is too large')
      const body = parseBody(text, request.headers.get('content-type') ?? '')
      if (body === undefined) return answer(400, 'The body is neither a form nor a JSON object')
      let event: ImbotEvent
      try {
        event = decodeEvent(body)
      } catch (error) {
        if (EventDecodeError.isInstance(error)) return answer(400, error.code === 'UNKNOWN_EVENT' ? 'Unknown event' : `Not a valid event: ${error.message}`)
        throw error
      }
      if (event.event === 'ONAPPINSTALL' && this.options.onInstall) {
        await this.options.onInstall(event)
        return answer(200, 'OK')
      }
      if (!(await this.#authentic(event))) return answer(401, 'Unknown sender')
      const handled = this.handle(event)
      if ((this.options.ack ?? 'after') === 'after') {
        let timer: ReturnType<typeof setTimeout> | undefined
        await Promise.race([handled, new Promise((resolve) => (timer = setTimeout(resolve, this.options.timeout ?? 10_000)))])
        clearTimeout(timer)
      }
      return answer(200, 'OK')
    } catch (error) {
      // A failure of the intake itself (an install callback that threw, a broken stream): never a crash.
      console.error('b24bot: could not take an event', error)
      return answer(500, 'The event could not be taken')
    }
  }

  async #authentic(event: ImbotEvent): Promise<boolean> {
    const token = event.auth?.application_token
    if (typeof token !== 'string' || token === '') return false
    if (this.options.verify) return this.options.verify(token, event)
    return this.options.applicationToken !== undefined && sameToken(token, this.options.applicationToken)
  }

  #clientFor(event: ImbotEvent, source: EventSource, botId: number | undefined): Client {
    if (source.client) return source.client
    const configured = this.options.client
    const chosen = typeof configured === 'function' ? configured(event) : configured
    if (chosen) return chosen
    const tokens = tokensOf(event, botId)
    if (!tokens) {
      throw new Error(`${event.event} brings no tokens to call back with: give the bot a client (createBot({ client })), e.g. a webhook client with the bot's identity`)
    }
    return createClient({ auth: eventAuth(tokens, this.options.app), limiter: this.#limiter })
  }
}

/**
 * Creates a bot.
 *
 * @example
 * ```ts
 * import { createBot } from '@b24bot/bot'
 *
 * const bot = createBot({ applicationToken: process.env.B24_APPLICATION_TOKEN! })
 * bot.command('help', (ctx) => ctx.answerCommand('I can /help'))
 * ```
 */
export function createBot(options: BotOptions = {}): Bot {
  return new Bot(options)
}
