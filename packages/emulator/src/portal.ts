import type { ClockOptions } from './model/clock.ts'
import { PortalEvents } from './events/portal-events.ts'
import { UserActions } from './events/user-actions.ts'
import type { LimitsOptions, PortalLimits } from './rest/limits.ts'
import { TokenAuthority } from './oauth/token-authority.ts'
import type { TokenRequest } from './rest/request-log.ts'
import { RestState } from './rest/rest-state.ts'
import type { PendingInjection } from './rest/faults.ts'
import type { PortalState } from './model/portal-state.ts'
import { PortalModel } from './model/portal-model.ts'
import type { PortalApp, PortalBot, PortalChat } from './model/entities.ts'
import type { ExecutedCall, Injection, RecordedRequest } from './rest/records.ts'

/**
 * The state of an emulated Bitrix24 portal: users, chats, webhooks, and a record of every request.
 * Tests and the demo arrange a situation through it and read what the SDK did. Its content (users,
 * chats, messages...) comes from {@link PortalModel}; this adds events, OAuth tokens, the REST layer
 * (`rest`: request log, scripted faults, limits) and the app lifecycle.
 *
 * @example
 * ```ts
 * import { startEmulator } from '@b24bot/emulator'
 *
 * const { portal } = await startEmulator()
 * const chat = portal.createChat({ title: 'Order 13', entityType: 'ORDER', entityId: 13 })
 * // ... call imbot.chat.get ...
 * portal.requests.map((request) => request.method) // ['imbot.chat.get']
 * ```
 */
export class Portal extends PortalModel implements PortalState {
  /** Issues and checks OAuth tokens for the portal's apps. */
  readonly tokens: TokenAuthority
  /** The request-rate and operating-time limits; off unless configured. The same object as `rest.limits`. */
  readonly limits: PortalLimits
  /** The REST layer's state: its request log, scripted faults and limits (`requests`, `calls`, `inject` show it). */
  readonly rest: RestState
  /** Where methods and simulated users report what happened; routes and delivers the events. */
  readonly events: PortalEvents
  readonly #appHandlers: Map<string, { readonly url: string; version: string }> = new Map()

  constructor(options: { readonly clock?: ClockOptions; readonly limits?: LimitsOptions; readonly logSize?: number } = {}) {
    super(options.clock)
    this.events = new PortalEvents(this)
    this.rest = new RestState(this.clock, {
      ...(options.logSize === undefined ? {} : { logSize: options.logSize }),
      ...(options.limits ? { limits: options.limits } : {}),
    })
    this.limits = this.rest.limits
    this.tokens = new TokenAuthority(this.clock, () => this.url)
  }

  /** The private chat of two users, made on first use. */
  privateChat(userId: number, otherUserId: number): PortalChat {
    for (const chat of this.chats.values()) {
      if (
        chat.type === 'P' &&
        chat.userIds.has(userId) &&
        chat.userIds.has(otherUserId) &&
        chat.userIds.size === (userId === otherUserId ? 1 : 2)
      )
        return chat
    }
    const chat = this.createChat({ title: '', ownerId: userId, userIds: [otherUserId] })
    chat.type = 'P'
    // Whichever side opens it, a bot on the other side hears ONIMBOTJOINCHAT (server-behavior §3.2).
    this.events.joined(chat, [...chat.userIds], userId)
    return chat
  }

  /**
   * Acts as a user of the portal: write, edit, delete, react, press buttons, add members. Each action
   * raises the events a real portal raises for it.
   *
   * @example
   * ```ts
   * const { portal } = emulator
   * const alice = portal.createUser({ name: 'Alice' })
   * const helper = portal.createBot({
   *   appId: portal.addApp().clientId,
   *   code: 'helper',
   *   generation: 'v2',
   *   webhookUrl: 'http://127.0.0.1:3000/events', // the bot under test
   * })
   * portal.as(alice.id).send(String(helper.id), '/help')
   * await portal.events.settled() // the bot's handler has been called
   * ```
   */
  as(userId: number): UserActions {
    return new UserActions(this, userId)
  }

  /**
   * Removes a bot and its commands, then raises its DELETE event (the last it hears), caused by
   * `byUserId` when known: what `imbot.unregister`, `imbot.v2.Bot.unregister` and an uninstall do.
   */
  removeBot(bot: PortalBot, byUserId = 0): void {
    this.bots.delete(bot.id)
    for (const command of [...this.commands.values()]) if (command.botId === bot.id) this.commands.delete(command.id)
    this.events.botDeleted(bot, byUserId)
  }

  /**
   * Installs an application whose lifecycle events go to `handlerUrl`: adds it (as {@link addApp})
   * and POSTs `ONAPPINSTALL` with the installing user's tokens, as a portal does on installation.
   *
   * @example
   * ```ts
   * const { portal } = emulator
   * const app = portal.installApp({ handlerUrl: 'https://bot.example.com/install' })
   * ```
   */
  installApp(
    options: Parameters<Portal['addApp']>[0] & { readonly handlerUrl: string; readonly version?: string; readonly userId?: number },
  ): PortalApp {
    const app = this.addApp(options)
    const version = options.version ?? '1'
    app.version = Number.parseInt(version, 10) || 1
    this.#appHandlers.set(app.clientId, { url: options.handlerUrl, version })
    this.events.appEvent(
      app,
      options.handlerUrl,
      'ONAPPINSTALL',
      { VERSION: version, ACTIVE: 'Y', INSTALLED: 'Y', LANGUAGE_ID: 'en' },
      options.userId ?? 1,
    )
    return app
  }

  /** Installs a new version of an installed app: `ONAPPUPDATE`. */
  updateApp(app: PortalApp, version: string, userId = 1): void {
    const handler = this.#appHandlers.get(app.clientId)
    if (!handler) return
    this.events.appEvent(
      app,
      handler.url,
      'ONAPPUPDATE',
      { VERSION: version, PREVIOUS_VERSION: handler.version, LANGUAGE_ID: 'en' },
      userId,
    )
    handler.version = version
    app.version = Number.parseInt(version, 10) || app.version
  }

  /**
   * Uninstalls an app: its bots are deleted (each hears its DELETE event), its commands and handlers
   * go, and `ONAPPUNINSTALL` (no tokens, only `application_token`) goes to its handler.
   */
  uninstallApp(app: PortalApp, options: { readonly clean?: boolean } = {}): void {
    for (const bot of [...this.bots.values()].filter((candidate) => candidate.appId === app.clientId)) this.removeBot(bot)
    for (const command of [...this.commands.values()]) if (command.appId === app.clientId) this.commands.delete(command.id)
    this.handlers.delete(app.clientId)
    const index = this.apps.indexOf(app)
    if (index !== -1) this.apps.splice(index, 1)
    const handler = this.#appHandlers.get(app.clientId)
    this.#appHandlers.delete(app.clientId)
    if (handler) this.events.appEvent(app, handler.url, 'ONAPPUNINSTALL', { LANGUAGE_ID: 'en', CLEAN: options.clean ? 1 : 0 }, 0)
  }

  /**
   * Answers the next matching calls with a scripted reply instead of running the method: a result
   * in a normal envelope, an error envelope, or a raw body. Returns a function that cancels it.
   *
   * @example
   * ```ts
   * const { portal } = emulator
   * portal.inject({ method: 'imbot.chat.get', reply: { result: 2725 } }) // an older portal's bare id
   * portal.inject({ reply: { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' } })
   * portal.inject({ method: 'imbot.chat.get', delayMs: 5_000 }) // a slow portal
   * ```
   */
  inject(injection: Injection): () => void {
    return this.rest.injections.add(injection)
  }

  /**
   * Takes the first injection that matches `method`, counting it down. With `named`, only an injection
   * that names the method matches (the token endpoint, `oauth/token`, takes no injection meant for any method).
   */
  takeInjection(method: string, named = false): Injection | undefined {
    return this.rest.injections.take(method, named)
  }

  // ---- The REST layer's records, kept in `rest` (decision 042) ----------------------------------

  /** How many entries `requests`, `calls` and `tokenRequests` keep (the latest; up to a quarter more between trims). */
  get logSize(): number {
    return this.rest.log.size
  }

  /** Every REST request answered, oldest first: the latest {@link logSize} (up to a quarter more). */
  get requests(): RecordedRequest[] {
    return this.rest.log.requests
  }

  /** Every request to the token endpoint (`{url}/oauth/token/`): the parameters it read (credentials included) and the status answered. */
  get tokenRequests(): TokenRequest[] {
    return this.rest.log.tokenRequests
  }

  /**
   * Every method call whose implementation ran, batch sub-calls included; scripted replies and calls
   * refused before running are not here. Count a write's entries to prove it was not duplicated.
   */
  get calls(): ExecutedCall[] {
    return this.rest.log.calls
  }

  /** The injections not yet used up (see {@link inject}); clear them with `injections.splice(0)`. */
  get injections(): PendingInjection[] {
    return this.rest.injections.pending
  }
}
