import { PortalClock, type ClockOptions } from './clock.ts'
import { PortalEvents } from './events/portal-events.ts'
import { UserActions } from './events/user-actions.ts'
import { PortalLimits, type LimitsOptions } from './limits.ts'
import { TokenAuthority, type PortalApp } from './oauth.ts'
import { defaultLogSize } from './request-log.ts'
import type {
  BotGeneration,
  BotType,
  CreateChatOptions,
  HandlerName,
  PortalBot,
  PortalChat,
  PortalChatApp,
  PortalCommand,
  PortalFile,
  PortalInputAction,
  PortalMessage,
  PortalUser,
  PortalWebhook,
} from './model/entities.ts'
import { randomSecret } from './model/random-secret.ts'
import type { ExecutedCall, Injection, RecordedRequest } from './rest/records.ts'

/** How long a bot may answer a command (`Bot\Token` `DATE_EXPIRE`): 10 minutes. */
const COMMAND_TOKEN_MS = 10 * 60 * 1000

const palette = ['#ab7fe6', '#df532d', '#64a513', '#4ba984', '#4ba5c3', '#3e99ce', '#8474c8', '#1eb4aa']

/**
 * The state of an emulated Bitrix24 portal: users, chats, webhooks, and a record of every request.
 * Tests and the demo arrange a situation through it and read what the SDK did.
 *
 * @example
 * ```ts
 * const { portal } = await startEmulator()
 * const chat = portal.createChat({ title: 'Order 13', entityType: 'ORDER', entityId: 13 })
 * // ... call imbot.chat.get ...
 * portal.requests.map((request) => request.method) // ['imbot.chat.get']
 * ```
 */
export class Portal {
  /** The portal's clock: token expiry, `time` blocks and limits read it. */
  readonly clock: PortalClock
  /** Issues and checks OAuth tokens for the portal's apps. */
  readonly tokens: TokenAuthority
  /** The request-rate and operating-time limits; off unless configured. */
  readonly limits: PortalLimits
  /** Applications installed on the portal. */
  readonly apps: PortalApp[] = []
  /** The portal's base URL, set when its server listens. */
  url = 'http://127.0.0.1'
  readonly users: Map<number, PortalUser> = new Map()
  /** Bots by id (the bot's user id). */
  readonly bots: Map<number, PortalBot> = new Map()
  /** Commands by id. */
  readonly commands: Map<number, PortalCommand> = new Map()
  /** Messages by id. */
  readonly messages: Map<number, PortalMessage> = new Map()
  /** Classic event handlers, one set per application (`appId`): registering or updating any of its bots rebinds them all. */
  readonly handlers: Map<string, Partial<Record<HandlerName, string>>> = new Map()
  readonly chats: Map<number, PortalChat> = new Map()
  readonly webhooks: PortalWebhook[] = []
  /** Every REST request answered, oldest first: the latest {@link logSize} (up to a quarter more). */
  readonly requests: RecordedRequest[] = []
  /** Every request to the token endpoint (`{url}/oauth/token/`): the parameters it read (credentials included) and the status answered. */
  readonly tokenRequests: { readonly params: Readonly<Record<string, unknown>>; readonly status: number }[] = []
  /**
   * Every method call whose implementation ran, batch sub-calls included; scripted replies and calls
   * refused before running are not here. Count a write's entries to prove it was not duplicated.
   */
  readonly calls: ExecutedCall[] = []
  readonly injections: (Injection & { remaining: number })[] = []
  /** Where methods and simulated users report what happened; routes and delivers the events. */
  readonly events: PortalEvents = new PortalEvents(this)
  /** Files by id. */
  readonly files: Map<number, PortalFile> = new Map()
  /** Input indicators bots showed (`imbot.v2.Chat.InputAction.notify`), oldest first. */
  readonly inputActions: PortalInputAction[] = []
  readonly #commandTokens: Map<string, number> = new Map()
  readonly #appHandlers: Map<string, { readonly url: string; version: string }> = new Map()
  #nextFileId = 1
  #nextUserId = 1
  #nextChatId = 1
  #nextMessageId = 1
  #nextCommandId = 1

  /** How many entries `requests`, `calls` and `tokenRequests` keep (the latest; up to a quarter more between trims). */
  readonly logSize: number

  constructor(options: { readonly clock?: ClockOptions; readonly limits?: LimitsOptions; readonly logSize?: number } = {}) {
    const logSize = options.logSize ?? defaultLogSize
    if (!Number.isSafeInteger(logSize) || logSize < 1)
      throw new RangeError(`logSize must be a positive whole number of entries; got ${String(logSize)}`)
    this.logSize = logSize
    this.clock = new PortalClock(options.clock)
    this.limits = new PortalLimits(this.clock)
    if (options.limits) this.limits.configure(options.limits)
    this.tokens = new TokenAuthority(this.clock, () => this.url)
    const admin = this.createUser({ name: 'Admin', lastName: '' })
    // Every portal has the general chat, id 1, with everyone in it.
    this.createChat({ title: 'General chat', type: 'O', ownerId: admin.id, entityType: 'GENERAL' })
  }

  /** Adds a user. Ids count up from 1 (the admin). */
  createUser(
    options: {
      readonly name?: string
      readonly lastName?: string
      readonly bot?: boolean
      readonly workPosition?: string
      readonly gender?: 'M' | 'F'
      readonly email?: string
      readonly extranet?: boolean
      readonly admin?: boolean
    } = {},
  ): PortalUser {
    const id = this.#nextUserId++
    const user: PortalUser = {
      id,
      name: options.name ?? `User ${String(id)}`,
      lastName: options.lastName ?? '',
      bot: options.bot ?? false,
      workPosition: options.workPosition ?? '',
      gender: options.gender ?? '',
      email: options.email ?? '',
      extranet: options.extranet ?? false,
      admin: options.admin ?? id === 1,
      active: true,
    }
    this.users.set(id, user)
    // Employees are in the general chat; bots are not.
    if (!options.bot) for (const chat of this.chats.values()) if (chat.entityType === 'GENERAL') chat.userIds.add(id)
    return user
  }

  /**
   * Adds a bot for an application, with its user. Tests usually register bots through
   * `imbot.register`; this is the shortcut for arranging a situation.
   */
  createBot(options: {
    readonly appId: string
    readonly code: string
    readonly type?: BotType
    readonly openline?: boolean
    readonly name?: string
    readonly lastName?: string
    /** Default: `'classic'`. */
    readonly generation?: BotGeneration
    /** Default: `'webhook'`. */
    readonly eventMode?: 'webhook' | 'fetch'
    readonly webhookUrl?: string
    /** Default: the app's `applicationToken`, or the `CLIENT_ID` inside a `custom…` app id. */
    readonly applicationToken?: string
  }): PortalBot {
    const user = this.createUser({ name: options.name ?? options.code, lastName: options.lastName ?? '', bot: true })
    const bot: PortalBot = {
      id: user.id,
      code: options.code,
      type: options.type ?? 'B',
      openline: options.type === 'O' || (options.openline ?? false),
      appId: options.appId,
      applicationToken: options.applicationToken ?? this.applicationTokenOf(options.appId),
      name: options.name ?? '',
      lastName: options.lastName ?? '',
      properties: {},
      generation: options.generation ?? 'classic',
      eventMode: options.eventMode ?? 'webhook',
      webhookUrl: options.webhookUrl ?? '',
      isHidden: false,
      isReactionsEnabled: true,
      backgroundId: null,
      language: 'en',
    }
    this.bots.set(bot.id, bot)
    return bot
  }

  /** Adds a chat, optionally bound to an external entity. Ids count up from 1 (the general chat). */
  createChat(options: CreateChatOptions = {}): PortalChat {
    const id = this.#nextChatId++
    const ownerId = options.ownerId ?? 1
    const chat: PortalChat = {
      id,
      type: options.type ?? 'C',
      title: options.title ?? `Chat ${id}`,
      description: options.description ?? '',
      ownerId,
      color: options.color ?? palette[id % palette.length] ?? '#ab7fe6',
      avatar: '',
      entityType: options.entityType ?? '',
      entityId: options.entityId === undefined ? '' : String(options.entityId),
      userIds: new Set([ownerId, ...(options.userIds ?? [])]),
      managerIds: new Set([ownerId]),
      createdAt: new Date(this.clock.now()),
      textFieldEnabled: true,
      lastRead: new Map(),
    }
    if (chat.entityType === 'GENERAL') for (const userId of this.users.keys()) if (!this.bots.has(userId)) chat.userIds.add(userId)
    this.chats.set(id, chat)
    return chat
  }

  /** Adds a command for a bot (what `imbot.command.register` stores). */
  addCommand(options: Omit<PortalCommand, 'id'>): PortalCommand {
    const command: PortalCommand = { ...options, id: this.#nextCommandId++ }
    this.commands.set(command.id, command)
    return command
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

  /** Stores a message. Methods call this after their checks; tests may call it to arrange history. */
  addMessage(options: {
    readonly chatId: number
    readonly authorId: number
    readonly text: string
    readonly params?: Record<string, unknown>
    readonly system?: boolean
    readonly uuid?: string
  }): PortalMessage {
    const message: PortalMessage = {
      id: this.#nextMessageId++,
      chatId: options.chatId,
      authorId: options.authorId,
      text: options.text,
      params: options.params ?? {},
      system: options.system ?? false,
      createdAt: new Date(this.clock.now()),
      updatedAt: undefined,
      uuid: options.uuid ?? '',
      reactions: new Map(),
      deleted: false,
    }
    this.messages.set(message.id, message)
    return message
  }

  /**
   * Acts as a user of the portal: write, edit, delete, react, press buttons, add members. Each action
   * raises the events a real portal raises for it.
   *
   * @example
   * ```ts
   * portal.as(user.id).send(String(bot.id), '/help')
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

  /** Deletes a message softly, as the messenger does: it stays, flagged, its text a placeholder. */
  softDelete(message: PortalMessage): void {
    message.deleted = true
    message.text = 'This message was deleted'
  }

  /** Stores a file in a chat's storage. */
  addFile(options: {
    readonly chatId: number
    readonly authorId: number
    readonly name: string
    readonly content: Uint8Array
  }): PortalFile {
    const file: PortalFile = { ...options, id: this.#nextFileId++, createdAt: new Date(this.clock.now()) }
    this.files.set(file.id, file)
    return file
  }

  /**
   * Opens a bot's command window for a dialog, as the server's `Bot\Token` does when a command runs:
   * for 10 minutes the bot's `command.answer` there posts a message.
   */
  grantCommandToken(botId: number, dialogId: string): void {
    this.#commandTokens.set(`${String(botId)}|${dialogId}`, this.clock.now() + COMMAND_TOKEN_MS)
  }

  /** Whether the bot's command window for the dialog is still open (see {@link grantCommandToken}). */
  hasCommandToken(botId: number, dialogId: string): boolean {
    return (this.#commandTokens.get(`${String(botId)}|${dialogId}`) ?? 0) > this.clock.now()
  }

  /** The `application_token` events of an app carry: the app's own, or the raw `CLIENT_ID` of a `custom…` webhook app id. */
  applicationTokenOf(appId: string): string {
    const app = this.apps.find((candidate) => candidate.clientId === appId)
    if (app) return app.applicationToken
    return appId.startsWith('custom') ? appId.slice('custom'.length) : appId
  }

  /** `SELECT ID FROM b_im_chat WHERE ENTITY_TYPE = ? AND ENTITY_ID = ?`: the first match, exact strings. */
  findChatByEntity(entityType: string, entityId: string): PortalChat | undefined {
    for (const chat of this.chats.values()) if (chat.entityType === entityType && chat.entityId === entityId) return chat
    return undefined
  }

  /** Adds an incoming webhook for a user. Scopes default to `imbot`, `im` and `basic`. */
  addWebhook(options: { readonly userId?: number; readonly secret?: string; readonly scopes?: readonly string[] } = {}): PortalWebhook {
    const webhook: PortalWebhook = {
      userId: options.userId ?? 1,
      secret: options.secret ?? randomSecret(),
      scopes: new Set(options.scopes ?? ['imbot', 'im', 'basic']),
    }
    this.webhooks.push(webhook)
    return webhook
  }

  /**
   * Installs an application (an OAuth client). Get tokens for one of its users with
   * `portal.tokens.issue(app, userId)`. Scopes default to `imbot`, `im` and `basic`.
   *
   * @example
   * ```ts
   * const app = portal.addApp()
   * const { access_token, refresh_token } = portal.tokens.issue(app, 1)
   * ```
   */
  addApp(
    options: {
      readonly clientId?: string
      readonly clientSecret?: string
      readonly applicationToken?: string
      readonly scopes?: readonly string[]
    } = {},
  ): PortalApp {
    const app: PortalApp = {
      clientId: options.clientId ?? `local.${randomSecret()}.${String(this.apps.length + 1)}`,
      clientSecret: options.clientSecret ?? randomSecret() + randomSecret(),
      applicationToken: options.applicationToken ?? randomSecret() + randomSecret(),
      scopes: new Set(options.scopes ?? ['imbot', 'im', 'basic']),
    }
    this.apps.push(app)
    return app
  }

  /**
   * Installs an application whose lifecycle events go to `handlerUrl`: adds it (as {@link addApp})
   * and POSTs `ONAPPINSTALL` with the installing user's tokens, as a portal does on installation.
   *
   * @example
   * ```ts
   * const app = portal.installApp({ handlerUrl: 'https://bot.example.com/install' })
   * ```
   */
  installApp(
    options: Parameters<Portal['addApp']>[0] & { readonly handlerUrl: string; readonly version?: string; readonly userId?: number },
  ): PortalApp {
    const app = this.addApp(options)
    const version = options.version ?? '1'
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
   * portal.inject({ method: 'imbot.chat.get', reply: { result: 2725 } }) // an older portal's bare id
   * portal.inject({ reply: { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' } })
   * portal.inject({ method: 'imbot.chat.get', delayMs: 5_000 }) // a slow portal
   * ```
   */
  inject(injection: Injection): () => void {
    const entry = { ...injection, remaining: injection.times ?? 1 }
    this.injections.push(entry)
    return () => {
      const index = this.injections.indexOf(entry)
      if (index !== -1) this.injections.splice(index, 1)
    }
  }

  /**
   * Takes the first injection that matches `method`, counting it down. With `named`, only an injection
   * that names the method matches (the token endpoint, `oauth/token`, takes no injection meant for any method).
   */
  takeInjection(method: string, named = false): Injection | undefined {
    const index = this.injections.findIndex((entry) =>
      entry.method === undefined ? !named : entry.method.toLowerCase() === method.toLowerCase(),
    )
    const entry = this.injections[index]
    if (!entry) return undefined
    entry.remaining -= 1
    if (entry.remaining <= 0) this.injections.splice(index, 1)
    return entry
  }

  /** Chat applications (`imbot.app.register`) by id. */
  readonly chatApps: Map<number, PortalChatApp> = new Map()
  #nextChatAppId = 1

  /** Stores a chat application (what `imbot.app.register` stores in `b_im_app`). */
  addChatApp(options: Omit<PortalChatApp, 'id'>): PortalChatApp {
    const app: PortalChatApp = { ...options, id: this.#nextChatAppId++ }
    this.chatApps.set(app.id, app)
    return app
  }
}
