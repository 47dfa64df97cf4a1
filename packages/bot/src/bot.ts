import { decodeForm, FormLimitError } from '@b24bot/core'
import { decodeEvent, EventDecodeError, type ImbotEvent } from '@b24bot/imbot'
import {
  createBaseClient,
  readBody,
  tokenAuth,
  type AutoBatching,
  type BaseClient,
  type Client,
  type EventAuthBlock,
  type Limiter,
  type Logger,
} from '@b24bot/transport'
import { BotError } from './bot-error.ts'
import type { EventSource } from './event-source.ts'
import { Composer } from './composer.ts'
import { Context, type ContextInit, type Session } from './context.ts'
import { memoryInstallStore, normalHost, type Install, type InstallStore } from './installs.ts'
import type { InstallVerdict, OAuthApp } from './oauth-app.ts'
import { readSender, textOf, type BodyLimits, type Sender } from './sender.ts'
import type { SessionStore } from './session.ts'
import { sameToken } from './verify.ts'

/** Who an event says it comes from, as `verify` is told (read before the body is decoded). */
export interface EventSender {
  /** The event's name. */
  readonly event: string
  /** The portal's `member_id`, when the event says. */
  readonly memberId: string | undefined
  /** The portal's domain, when the event says. */
  readonly domain: string | undefined
}

/** What {@link createBot} takes; `C` is the context handlers get (see `context`). */
export interface BotOptions<C extends Context = Context> {
  /**
   * The `application_token` every pushed event must carry in `auth[application_token]`, for a bot on
   * one portal whose token you know: the `CLIENT_ID` a classic bot was registered with through a
   * webhook, or an app's token you keep. Events without it, or with another, get 401 before anything
   * else of their body is read.
   */
  readonly applicationToken?: string
  /**
   * Checks an event's token yourself (resolve `true` to accept), for tokens kept elsewhere. Told who the
   * event says it is from, before its body is decoded. Installs the bot verified come first.
   */
  readonly verify?: (applicationToken: string, sender: EventSender) => boolean | Promise<boolean>
  /**
   * The OAuth app the bot belongs to: `oauthApp({ clientId, clientSecret })`. With it, `ONAPPINSTALL` is
   * verified against the OAuth server (decision 037) and the portal kept in `installs`, so that the
   * portal's later events are checked against its token; and the tokens events bring are renewed with
   * it when they expire. Without it, install events are authenticated like any other, and event tokens
   * are used as they are (they live an hour).
   */
  readonly app?: OAuthApp
  /** Where verified installs are kept, by portal. Default: {@link memoryInstallStore} (this process only). */
  readonly installs?: InstallStore
  /**
   * Gets each verified install: the portal, its `applicationToken`, and a fresh token pair (the
   * install's own refresh token was spent verifying it), ready for a `TokenStore`. Needs `app`.
   */
  readonly onInstall?: (install: Install) => void | Promise<void>
  /**
   * For a v2 bot registered through a webhook with a `botToken`, whose events carry a token it cannot
   * know in advance: a secret of yours in the URL the bot registers (`webhookUrl`), as the query
   * parameter `b24bot_secret` (`bot.webhookUrl(url)` adds it). An event whose URL carries it (compared
   * in constant time) is authentic; one whose URL carries another is refused. At least 16 characters.
   */
  readonly urlSecret?: string
  /**
   * How handlers call the portal (`ctx.client`, `ctx.reply`, ...): a client (e.g. `createClient({ webhookUrl, use: [botIdentity({ clientId })] })`
   * for bots registered through a webhook), or a function choosing one per event. Default: the
   * tokens the event brings (OAuth apps), refreshed with `app` when given.
   */
  readonly client?: Client | BaseClient | ((event: ImbotEvent) => Client | BaseClient | undefined)
  /**
   * Paces the clients the bot makes from the tokens events bring (when it has no `client`), shared by
   * all of them so that they keep to each portal's bucket: `portalLimiter()` of `@b24bot/transport`, or
   * one whose buckets several replicas share (`portalLimiter({ store: redisLimiterStore({ url }) })`,
   * with `@b24bot/redis`). Default: none; a call the portal refuses for its rate waits a backoff and is
   * sent again.
   */
  readonly limiter?: Limiter
  /**
   * Gathers the calls a handler issues together into `batch` requests, for the clients the bot makes
   * from event tokens: `autoBatching()` of `@b24bot/transport`. Default: each call is its own request.
   */
  readonly autoBatch?: AutoBatching
  /**
   * Keeps `ctx.session` per portal, bot and dialog; a store with `lock` makes the events of one dialog
   * take turns (see {@link Bot.handle}). Default: none (`ctx.session` starts empty every time).
   */
  readonly session?: SessionStore
  /** Request bodies larger than this many bytes get 413. Default 1 MiB. */
  readonly maxBodyBytes?: number
  /** Milliseconds a request body may take to arrive; a slower one gets 408. Default 5 000. */
  readonly readTimeout?: number
  /** How many fields (form pairs, JSON values) and how deep a body may be: PHP's own bounds. Default `{ fields: 1000, depth: 64 }`. */
  readonly limits?: Partial<BodyLimits>
  /**
   * When a pushed event is answered: `'after'` the handlers finish (default; at the latest after
   * `timeout`), or `'before'` they run. The portal does not redeliver and gives up on slow handlers.
   */
  readonly ack?: 'after' | 'before'
  /** With `ack: 'after'`: answer 200 after this many milliseconds even if handlers still run. Default 10 000. */
  readonly timeout?: number
  /**
   * Makes each event's context, for handlers that need more on `ctx` than the bot gives (a database,
   * a request id): `(init) => new MyContext(init)` with `class MyContext extends Context`, or
   * `(init) => Object.assign(new Context(init), { db })`. Default: a plain {@link Context}.
   */
  readonly context?: (init: ContextInit) => C
  /**
   * Gets the intake's diagnostics (a client that went away: debug; a refused install, an intake that
   * failed, a handler's error without a `bot.catch`: warn). The transport's `Logger` shape: `console`,
   * pino, ... Never sees a token or a body.
   */
  readonly logger?: Logger
}

/** Errors a handler threw, wrapped with the event they threw on, and the context. */
export type ErrorHandler<C extends Context = Context> = (error: BotError, ctx: C) => unknown

/** A pushed event as it came, its body already read: what adapters hand to {@link Bot.take}. */
export interface IncomingEvent {
  /** The request's URL (absolute, or its path and query). */
  readonly url: string
  /** The request's `content-type`. */
  readonly contentType: string
  /** The body, read within the bot's `intakeLimits`. */
  readonly body: string
}

/** How the intake answers: the status and a short plain-text reason. */
export interface IntakeAnswer {
  /** The HTTP status to answer with: 200 when the event was taken, 4xx when it was refused, 5xx when it could not be taken now. */
  readonly status: number
  /** The plain-text body to answer with (says why on a refusal). */
  readonly text: string
}

const DEFAULT_MAX_BODY = 1024 * 1024
/** How many installs may be verified at once (each is a request to the OAuth server and one to the portal). */
const maxVerifications = 4
const DEFAULT_READ_TIMEOUT = 5_000
const defaultLimits: BodyLimits = { fields: 1000, depth: 64 }
/** The query parameter of {@link BotOptions.urlSecret}. */
const secretParameter = 'b24bot_secret'

const answer = (status: number, text: string): IntakeAnswer => ({ status, text })
const ok = answer(200, 'OK')
const unknownSender = answer(401, 'Unknown sender')

/** The value of the URL secret parameter of `url` (absolute or a path), or `undefined`. */
function urlSecretOf(url: string): string | undefined {
  const query = url.indexOf('?')
  if (query === -1) return undefined
  try {
    return new URLSearchParams(url.slice(query + 1).split('#')[0]).get(secretParameter) ?? undefined
  } catch {
    return undefined
  }
}

/**
 * The OAuth tokens an event carries for calling back as its bot (or, failing that, as its user): of a
 * classic event listing several bots, those of `botId` (the bot `ctx` answers as) first.
 */
function tokensOf(event: ImbotEvent, botId: number | undefined): EventAuthBlock | undefined {
  const data = event.data as Readonly<Record<string, unknown>>
  const candidates: unknown[] = []
  if (typeof data.bot === 'object' && data.bot !== null) candidates.push((data.bot as Record<string, unknown>).auth)
  if (botId !== undefined && typeof data.BOT === 'object' && data.BOT !== null)
    candidates.push((data.BOT as Record<string, unknown>)[String(botId)])
  for (const map of [data.BOT, data.COMMAND])
    if (typeof map === 'object' && map !== null) candidates.push(...(Object.values(map) as unknown[]))
  candidates.push(event.auth)
  for (const candidate of candidates) {
    if (typeof candidate !== 'object' || candidate === null) continue
    const block = candidate as Record<string, unknown>
    if (typeof block.access_token === 'string' && block.access_token !== '' && typeof block.client_endpoint === 'string')
      return block as unknown as EventAuthBlock
  }
  return undefined
}

/**
 * A bot: a {@link Composer} of handlers, plus the intake that feeds it events pushed over HTTP
 * (`fetch`) or polled (`startPolling`), and the error boundary around them.
 *
 * @example
 * ```ts
 * import { createBot } from '@b24bot/bot'
 *
 * const bot = createBot({ applicationToken: process.env.B24_APPLICATION_TOKEN! })
 * bot.command('help', (ctx) => ctx.answerCommand('I can /help'))
 * bot.on('ONIMBOTMESSAGEADD', (ctx) => ctx.reply(`You said: ${ctx.text ?? ''}`))
 * export default { fetch: (request: Request) => bot.fetch(request) } // Workers, Bun, Deno, Hono...
 * ```
 */
export class Bot<C extends Context = Context> extends Composer<C> {
  /** The options the bot was created with. */
  readonly options: BotOptions<C>
  #onError: ErrorHandler<C> | undefined
  readonly #installs: InstallStore
  readonly #limits: BodyLimits
  /** The installs being verified now, by refresh token. */
  readonly #verifying: Map<string, Promise<InstallVerdict>> = new Map()

  constructor(options: BotOptions<C> = {}) {
    super()
    for (const [name, value] of [
      ['maxBodyBytes', options.maxBodyBytes],
      ['readTimeout', options.readTimeout],
      ['timeout', options.timeout],
      ['limits.fields', options.limits?.fields],
      ['limits.depth', options.limits?.depth],
    ] as const) {
      if (value !== undefined && (!Number.isSafeInteger(value) || value < 1))
        throw new TypeError(`createBot: ${name} must be a positive integer`)
    }
    if (options.app !== undefined && typeof (options.app as Partial<OAuthApp>).verifyInstall !== 'function')
      throw new TypeError('createBot: app must be made by oauthApp({ clientId, clientSecret }) of @b24bot/bot')
    if (options.onInstall && !options.app)
      throw new TypeError('createBot: onInstall needs app (oauthApp({ clientId, clientSecret })) to verify installs with the OAuth server')
    if (options.urlSecret !== undefined && (typeof options.urlSecret !== 'string' || options.urlSecret.length < 16)) {
      throw new TypeError('createBot: urlSecret must be a string of at least 16 characters')
    }
    this.options = options
    this.#installs = options.installs ?? memoryInstallStore()
    this.#limits = { ...defaultLimits, ...options.limits }
  }

  /** How the intake reads bodies: at most `maxBodyBytes`, within `readTimeout` ms. Adapters read by these. */
  get intakeLimits(): { readonly maxBodyBytes: number; readonly readTimeout: number } {
    return { maxBodyBytes: this.options.maxBodyBytes ?? DEFAULT_MAX_BODY, readTimeout: this.options.readTimeout ?? DEFAULT_READ_TIMEOUT }
  }

  /**
   * Sets the error boundary: a handler's failure comes here as a {@link BotError} (the event's name,
   * portal and queue id; what was thrown as `cause`), with the context. Default: the `logger`'s warn,
   * else `console.error`. The process and the next event are never affected.
   *
   * @example
   * ```ts
   * bot.catch((error, ctx) => console.error({ event: error.event, portal: error.portal, cause: error.cause }, 'handler failed'))
   * ```
   */
  catch(handler: ErrorHandler<C>): this {
    this.#onError = handler
    return this
  }

  /**
   * The URL to register as a v2 bot's `webhookUrl` (or a classic bot's handler) so that its events
   * carry the bot's `urlSecret`: `url` with the `b24bot_secret` query parameter set.
   *
   * @example
   * ```ts
   * await api.v2.Bot.register({ fields: { code: 'helper', eventMode: 'webhook', webhookUrl: bot.webhookUrl('https://bot.example.com/events'), properties: { name: 'Helper' } } })
   * ```
   */
  webhookUrl(url: string | URL): string {
    if (this.options.urlSecret === undefined) throw new TypeError("bot.webhookUrl needs the bot's urlSecret option")
    const target = new URL(url)
    target.searchParams.set(secretParameter, this.options.urlSecret)
    return target.href
  }

  /**
   * Runs one decoded event through the handlers, with its session, inside the error boundary.
   * Resolves when they are done; never rejects because a handler failed. Resolves `true` when the
   * handlers ran (whether or not they threw), `false` when they could not: the session store could
   * not be locked or read (Redis away), and the error went to `bot.catch`. The polling runner then
   * keeps the event and handles it again later, instead of acknowledging it unhandled.
   *
   * When the session store has `lock` (`memorySessionStore()`, `redisSessionStore()` of `@b24bot/redis`),
   * the dialog's key is held from before its session is read until after it is written: two events of
   * one dialog, in this process or on another replica, take turns, and neither loses the other's
   * changes. A lock that cannot be taken fails the event like a store that cannot be read (to
   * `bot.catch`, no handler runs, `false`); one that cannot be let go goes to the `logger`'s warn. A handler
   * must not wait for another event of its own dialog: that one waits for it.
   *
   * @example
   * ```ts
   * import { decodeEvent } from '@b24bot/imbot'
   *
   * // What the polling runner does with each item of `imbot.v2.Event.get`:
   * const { events } = await api.v2.Event.get({ botId: 42, offset: 0 })
   * for (const item of events) await bot.handle(decodeEvent(item), { client, eventId: item.eventId })
   * ```
   */
  async handle(event: ImbotEvent, source: EventSource = {}): Promise<boolean> {
    const store = this.options.session
    const init: ContextInit = { event, client: () => this.#clientFor(event, source, ctx.botId), session: {} }
    const ctx: C = this.options.context ? this.options.context(init) : (new Context(init) as C)
    // An install vouches for its portal; polled events carry no `auth`: their portal is the runner's.
    const portal = source.install?.domain ?? event.auth?.domain ?? source.portal ?? ''
    const key =
      store && ctx.botId !== undefined && ctx.dialogId !== undefined ? `${portal}|${String(ctx.botId)}|${ctx.dialogId}` : undefined
    let ran = false
    try {
      // Held before the read and let go after the write (and before `bot.catch` runs, which may be slow).
      const release = store?.lock && key ? await store.lock(key) : undefined
      try {
        if (store && key) ctx.session = (await store.get(key)) ?? ({} satisfies Session)
        ran = true
        await this.middleware()(ctx, () => Promise.resolve())
        if (store && key) await store.set(key, ctx.session)
      } finally {
        if (release) await this.#letGo(release)
      }
    } catch (error) {
      const failure = BotError.isInstance(error)
        ? error
        : new BotError({ event: event.event, portal: portal || undefined, eventId: source.eventId, cause: error })
      try {
        if (this.#onError) await this.#onError(failure, ctx)
        else if (this.options.logger) this.options.logger.warn({ error: failure }, 'b24bot: a handler failed')
        else console.error(failure)
      } catch (secondary) {
        if (this.options.logger) this.options.logger.warn({ error: secondary }, 'b24bot: the error handler failed too')
        else console.error('b24bot: the error handler failed too', secondary)
      }
    }
    return ran
  }

  /**
   * The intake for pushed events, Web-standard: give it the `Request` a portal POSTed and return its
   * `Response`. 405 for other methods; 413 for a body over `maxBodyBytes`; 408 for one slower than
   * `readTimeout`; then as {@link Bot.take}.
   *
   * @example
   * ```ts
   * // Any Fetch-style server: Workers, Bun.serve, Deno.serve; in Hono, `app.post('/bitrix/events', (c) => bot.fetch(c.req.raw))`
   * export default { fetch: (request: Request) => bot.fetch(request) }
   * ```
   */
  async fetch(request: Request): Promise<Response> {
    const respond = (reply: IntakeAnswer, close = false): Response =>
      new Response(reply.text, {
        status: reply.status,
        headers: { 'content-type': 'text/plain; charset=utf-8', ...(close ? { connection: 'close' } : {}) },
      })
    if (request.method !== 'POST') return respond(answer(405, 'Events are POSTed'))
    const { maxBodyBytes, readTimeout } = this.intakeLimits
    const deadline = AbortSignal.timeout(readTimeout)
    let text: string | undefined
    try {
      text = await readBody(request, maxBodyBytes, deadline)
    } catch (error) {
      if (deadline.aborted) return respond(answer(408, 'The body did not arrive in time'), true)
      this.options.logger?.debug({ error }, 'b24bot intake: the body could not be read')
      return respond(answer(400, 'The body could not be read'), true)
    }
    if (text === undefined) return respond(answer(413, 'The body is too large'), true)
    return respond(await this.take({ url: request.url, contentType: request.headers.get('content-type') ?? '', body: text }))
  }

  /**
   * The intake without Web `Request`/`Response`, for adapters that read bodies their own way (see
   * `@b24bot/bot/node`). It authenticates before it spends: it reads who the event says it is from (a
   * few pairs of a form, no decoding of the rest) and checks that first; only then decodes the whole
   * body within `limits`, and validates it.
   * - 401 for a missing, wrong or wrong-shaped token (`auth[application_token][]=x` is a wrong token),
   *   or an `ONAPPINSTALL` the OAuth server does not confirm (503 when it cannot answer now);
   * - 400 for a body that is not an event (with the reason), 413 past `limits`;
   * - 200 once handled (or acknowledged first, per `ack`).
   *
   * @example
   * ```ts
   * import type { IncomingMessage } from 'node:http'
   *
   * async function intake(req: IncomingMessage, body: string) {
   *   const reply = await bot.take({ url: req.url ?? '/', contentType: req.headers['content-type'] ?? '', body })
   *   return reply
   * }
   * ```
   */
  async take(incoming: IncomingEvent): Promise<IntakeAnswer> {
    try {
      const sender = readSender(incoming.body, incoming.contentType, this.#limits)
      if (!('event' in sender)) return answer(sender.status, sender.reason)
      const urlSecret = this.#urlSecret(incoming.url)
      if (urlSecret === 'wrong') return unknownSender
      let install: Install | undefined
      let known: Install | undefined
      let event: ImbotEvent
      if (textOf(sender.event) === 'ONAPPINSTALL' && this.options.app) {
        // Decoded first (bounded), so that a body that is no event does not spend its refresh token.
        const decoded = this.#decode(incoming, sender)
        if ('status' in decoded) return decoded
        const verdict = await this.#verify(sender, this.options.app)
        if (verdict.kind !== 'verified') {
          this.options.logger?.warn({ reason: verdict.reason }, 'b24bot intake: an install was not verified')
          return verdict.kind === 'refused'
            ? answer(401, 'The install could not be verified')
            : answer(503, 'The install cannot be verified now')
        }
        install = verdict.install
        event = decoded.event
      } else {
        if (urlSecret !== 'right') {
          const authentic = await this.#authentic(sender)
          if (!authentic.ok) return unknownSender
          known = authentic.install
        }
        const decoded = this.#decode(incoming, sender)
        if ('status' in decoded) return decoded
        event = decoded.event
      }
      if (install) {
        await this.#installs.set(install)
        await this.options.onInstall?.(install)
      }
      if (event.event === 'ONAPPUNINSTALL' && known) await this.#installs.delete(known.memberId)
      const vouching = install ?? known
      const handled = this.handle(event, vouching ? { install: vouching } : {})
      if ((this.options.ack ?? 'after') === 'after') {
        let timer: ReturnType<typeof setTimeout> | undefined
        await Promise.race([handled, new Promise((resolve) => (timer = setTimeout(resolve, this.options.timeout ?? 10_000)))])
        clearTimeout(timer)
      }
      return ok
    } catch (error) {
      // A failure of the intake itself (an install callback or a store that threw): never a crash.
      if (this.options.logger) this.options.logger.warn({ error }, 'b24bot intake: an event could not be taken')
      else console.error('b24bot: could not take an event', error)
      return answer(500, 'The event could not be taken')
    }
  }

  /** Lets go of a session lock; a failure goes to the logger, never over the handler's outcome. */
  async #letGo(release: () => Promise<void>): Promise<void> {
    try {
      await release()
    } catch (error) {
      if (this.options.logger) this.options.logger.warn({ error }, 'b24bot: a session lock could not be let go')
      else console.warn('b24bot: a session lock could not be let go', error)
    }
  }

  /** `'right'`/`'wrong'` when the URL carries the secret parameter and the bot has a `urlSecret`; `'none'` otherwise. */
  #urlSecret(url: string): 'right' | 'wrong' | 'none' {
    const expected = this.options.urlSecret
    if (expected === undefined || !url.includes(secretParameter)) return 'none'
    const given = urlSecretOf(url)
    if (given === undefined) return 'none'
    return sameToken(given, expected) ? 'right' : 'wrong'
  }

  /**
   * Whether the token the event carries is the one its portal's events carry. An event of a known
   * install must carry that install's token and name that install's portal (a token of one portal
   * never vouches for another); it comes back with the install, whose REST root calls back go to.
   */
  async #authentic(sender: Sender): Promise<{ readonly ok: boolean; readonly install?: Install }> {
    const token = sender.applicationToken
    if (typeof token !== 'string' || token === '') return { ok: false }
    const memberId = textOf(sender.memberId)
    if (memberId !== undefined) {
      const install = await this.#installs.get(memberId)
      if (install) {
        const domain = textOf(sender.domain)
        const samePortal = domain === undefined || normalHost(domain) === normalHost(install.domain)
        return sameToken(token, install.applicationToken) && samePortal ? { ok: true, install } : { ok: false }
      }
    }
    // Only `true` accepts: a callback resolving anything else (a string, an object) refuses.
    if (this.options.verify)
      return {
        ok:
          ((await this.options.verify(token, {
            event: textOf(sender.event) ?? '',
            memberId,
            domain: textOf(sender.domain),
          })) as unknown) === true,
      }
    return { ok: this.options.applicationToken !== undefined && sameToken(token, this.options.applicationToken) }
  }

  /**
   * Verifies an install (037), once per refresh token at a time, and no more than a few at once: each
   * is a request to the OAuth server with the app's secret, which a flood of forged installs must not
   * multiply (past the cap: 503, nothing sent).
   */
  #verify(sender: Sender, app: OAuthApp): Promise<InstallVerdict> {
    const claim = {
      refreshToken: textOf(sender.refreshToken),
      memberId: textOf(sender.memberId),
      domain: textOf(sender.domain),
      applicationToken: textOf(sender.applicationToken),
    }
    const key = claim.refreshToken ?? ''
    const running = this.#verifying.get(key)
    if (running) return running
    if (this.#verifying.size >= maxVerifications)
      return Promise.resolve({ kind: 'undecided', reason: 'too many installs are being verified at once' })
    const verdict = app.verifyInstall(claim, AbortSignal.timeout(this.options.timeout ?? 10_000)).finally(() => {
      this.#verifying.delete(key)
    })
    this.#verifying.set(key, verdict)
    return verdict
  }

  /** The whole body decoded (within the limits) and validated, and saying what its sender said. */
  #decode(incoming: IncomingEvent, sender: Sender): { readonly event: ImbotEvent } | IntakeAnswer {
    let body: unknown
    if (sender.json) body = sender.json.value
    else {
      try {
        body = decodeForm(incoming.body, { maxFields: this.#limits.fields, maxDepth: this.#limits.depth, onLimit: 'throw' })
      } catch (error) {
        if (FormLimitError.isInstance(error))
          return answer(
            error.limit === 'depth' ? 400 : 413,
            error.limit === 'depth'
              ? `The body nests deeper than ${String(this.#limits.depth)} levels`
              : `The body has more than ${String(this.#limits.fields)} fields`,
          )
        throw error
      }
    }
    let event: ImbotEvent
    try {
      event = decodeEvent(body)
    } catch (error) {
      if (EventDecodeError.isInstance(error))
        return answer(400, error.code === 'UNKNOWN_EVENT' ? 'Unknown event' : `Not a valid event: ${error.message}`)
      throw error
    }
    // What was authenticated must be what is handled: the decoded event says the same of its sender.
    const auth = event.auth
    const same = (decoded: unknown, picked: Sender['event']): boolean =>
      (typeof decoded === 'string' && decoded !== '' ? decoded : undefined) === (textOf(picked) === '' ? undefined : textOf(picked))
    if (!same(event.event, sender.event)) return answer(400, 'The body names its event twice')
    if (
      !same(auth?.application_token, sender.applicationToken) ||
      !same(auth?.member_id, sender.memberId) ||
      !same(auth?.domain, sender.domain)
    ) {
      return answer(400, 'The body names its sender twice')
    }
    return { event }
  }

  #clientFor(event: ImbotEvent, source: EventSource, botId: number | undefined): Client | BaseClient {
    if (source.client) return source.client
    const configured = this.options.client
    const chosen = typeof configured === 'function' ? configured(event) : configured
    if (chosen) return chosen
    const tokens = tokensOf(event, botId)
    if (!tokens) {
      throw new Error(
        `${event.event} brings no tokens to call back with: give the bot a client (createBot({ client })), e.g. a webhook client with the bot's identity`,
      )
    }
    // Calls back go to the REST root of the install the event was authenticated by, never to one an event names.
    const block = source.install ? { ...tokens, client_endpoint: source.install.clientEndpoint } : tokens
    const { app, limiter, autoBatch } = this.options
    const auth = app
      ? app.eventAuth(block)
      : tokenAuth({
          restUrl: block.client_endpoint,
          accessToken: block.access_token,
          // Not sent, but the event's secrets all the same, as `eventAuth` keeps them.
          secrets: [block.application_token, block.refresh_token].filter((value): value is string => typeof value === 'string'),
        })
    return createBaseClient({ auth, ...(limiter ? { limiter } : {}), ...(autoBatch ? { autoBatch } : {}) })
  }
}

/**
 * Creates a bot; with `context`, one whose handlers get your own context type.
 *
 * @example
 * ```ts
 * import { Context, createBot, type ContextInit } from '@b24bot/bot'
 *
 * const bot = createBot({ applicationToken: process.env.B24_APPLICATION_TOKEN! })
 * bot.command('help', (ctx) => ctx.answerCommand('I can /help'))
 *
 * // A context of your own, with what your handlers need:
 * declare const database: { save(text: string | undefined): Promise<void> }
 * class AppContext extends Context {
 *   readonly db = database
 * }
 * const appBot = createBot({
 *   applicationToken: process.env.B24_APPLICATION_TOKEN!,
 *   context: (init: ContextInit) => new AppContext(init),
 * })
 * appBot.on('ONIMBOTMESSAGEADD', (ctx) => ctx.db.save(ctx.text))
 * ```
 */
export function createBot<C extends Context>(options: BotOptions<C> & { readonly context: (init: ContextInit) => C }): Bot<C>
export function createBot(options?: BotOptions): Bot
export function createBot<C extends Context>(options: BotOptions<C> = {}): Bot<C> {
  return new Bot<C>(options)
}
