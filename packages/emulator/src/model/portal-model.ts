import { PortalClock, type ClockOptions } from './clock.ts'
import { chatPalette, colorCode } from './colors.ts'
import type {
  AppStatus,
  BotGeneration,
  BotType,
  CreateChatOptions,
  HandlerName,
  PortalApp,
  PortalBot,
  PortalChat,
  PortalChatApp,
  PortalCommand,
  PortalFile,
  PortalInputAction,
  PortalMessage,
  PortalUser,
  PortalWebhook,
} from './entities.ts'
import { randomSecret } from './random-secret.ts'

/** How long a bot may answer a command (`Bot\Token` `DATE_EXPIRE`): 10 minutes. */
const COMMAND_TOKEN_MS = 10 * 60 * 1000

/**
 * The portal's content: users, bots, chats, messages, commands, files, apps and webhooks, with the
 * clock that dates them. Stores and looks up; raises no event and knows no HTTP. `Portal` extends it
 * with events, the REST layer's records and the app lifecycle (decision 042).
 *
 * @example
 * ```ts
 * import { startEmulator } from '@b24bot/emulator'
 *
 * const { portal } = await startEmulator()
 * const chat = portal.createChat({ title: 'Order 13', entityType: 'ORDER', entityId: 13 })
 * portal.findChatByEntity('ORDER', '13') === chat // true
 * ```
 */
export class PortalModel {
  /** The portal's clock: token expiry, `time` blocks and limits read it. */
  readonly clock: PortalClock
  /** Applications installed on the portal. */
  readonly apps: PortalApp[] = []
  /** The portal's base URL, set when its server listens. */
  url = 'http://127.0.0.1'
  /** Users by id, bots included. */
  readonly users: Map<number, PortalUser> = new Map()
  /** Bots by id (the bot's user id). */
  readonly bots: Map<number, PortalBot> = new Map()
  /** Commands by id. */
  readonly commands: Map<number, PortalCommand> = new Map()
  /** Messages by id. */
  readonly messages: Map<number, PortalMessage> = new Map()
  /** Classic event handlers, one set per application (`appId`): registering or updating any of its bots rebinds them all. */
  readonly handlers: Map<string, Partial<Record<HandlerName, string>>> = new Map()
  /** Chats by id. */
  readonly chats: Map<number, PortalChat> = new Map()
  /** Incoming webhooks, oldest first: the first is the one `webhookUrl` points at. */
  readonly webhooks: PortalWebhook[] = []
  /** Files by id. */
  readonly files: Map<number, PortalFile> = new Map()
  /** Input indicators bots showed (`imbot.v2.Chat.InputAction.notify`), oldest first. */
  readonly inputActions: PortalInputAction[] = []
  readonly #commandTokens: Map<string, number> = new Map()
  #nextFileId = 1
  #nextUserId = 1
  #nextChatId = 1
  #nextMessageId = 1
  #nextCommandId = 1
  #nextAppId = 1

  /** A portal with its admin (user 1) and the general chat (chat 1). */
  constructor(clock?: ClockOptions) {
    this.clock = new PortalClock(clock)
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
      color: (options.color === undefined ? undefined : colorCode(options.color)) ?? chatPalette[id % chatPalette.length] ?? 'RED',
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
   * const { portal } = emulator
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
      /** Default: `L` for a local app (`local.` client id, the default), else `F` (a free Marketplace app). */
      readonly status?: AppStatus
    } = {},
  ): PortalApp {
    const id = this.#nextAppId++
    const clientId = options.clientId ?? `local.${randomSecret()}.${String(id)}`
    const app: PortalApp = {
      id,
      clientId,
      clientSecret: options.clientSecret ?? randomSecret() + randomSecret(),
      applicationToken: options.applicationToken ?? randomSecret() + randomSecret(),
      scopes: new Set(options.scopes ?? ['imbot', 'im', 'basic']),
      status: options.status ?? (clientId.startsWith('local.') ? 'L' : 'F'),
      version: 1,
    }
    this.apps.push(app)
    return app
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
