import { encodeForm, type FormInput } from '@b24bot/core'
import { v2Bot, v2Chat, v2Message, v2User, dialogIdFor } from '../views/v2-entities.ts'
import type { PortalApp } from '../oauth.ts'
import type { Portal } from '../portal.ts'
import {
  hearsEverything,
  type HandlerName,
  type PortalBot,
  type PortalChat,
  type PortalCommand,
  type PortalMessage,
} from '../model/entities.ts'
import { phpDate } from '../views/php-date.ts'
import type { CommandContext } from './command-context.ts'
import { appAuth, botTokens, classicBotEntry, eventAuth } from './auth-blocks.ts'
import {
  botDialogId,
  classicUser,
  commandEntry,
  commandParams,
  contextParams,
  joinParams,
  mentionedIds,
  messageAddParams,
  messageChangeParams,
} from './classic-payloads.ts'

/** One event on its way to a bot: a POST to a handler, or an entry in a fetch queue. */
export interface EventDelivery {
  /** `ONIMBOTMESSAGEADD`, `ONIMBOTV2JOINCHAT`, ... */
  readonly event: string
  /** The bots it is for (a classic POST can carry several bots of one app). */
  readonly botIds: readonly number[]
  /** `'webhook'`: POSTed to `url`; `'fetch'`: queued for `imbot.v2.Event.get`. */
  readonly mode: 'webhook' | 'fetch'
  readonly url: string
  /** What is sent, before encoding: the POST's `{event, event_handler_id, data, ts, auth}`, or the queued `{eventId, type, date, data}`. */
  readonly payload: Readonly<Record<string, unknown>> | QueuedEvent
  /** `held` until the triggering response is sent; then `sending`, and `delivered`, `failed`, `dropped` or `queued`. */
  state: 'held' | 'delayed' | 'sending' | 'delivered' | 'failed' | 'dropped' | 'queued'
  /** The handler's HTTP status, once it answered. */
  status?: number
  /** Why a POST failed (connection refused, timeout...). */
  error?: string
}

/** A fault for the next matching deliveries: drop them, or hold them back a while. */
export interface EventFault {
  /** Only this event (e.g. `'ONIMBOTMESSAGEADD'`). Default: any. */
  readonly event?: string
  /** How many deliveries. Default 1. */
  readonly times?: number
  /** Lose it: never POSTed, never queued, as when the queue server fails. */
  readonly drop?: boolean
  /** Deliver it this much later. */
  readonly delayMs?: number
}

/** An entry of a fetch queue, as `imbot.v2.Event.get` and `im.v2.Event.get` answer it. */
export interface QueuedEvent {
  readonly eventId: number
  readonly type: string
  readonly date: string
  readonly data: Readonly<Record<string, unknown>>
}

/** What a queue read answers. */
export interface QueueRead {
  readonly events: readonly QueuedEvent[]
  readonly nextOffset: number
  readonly hasMore: boolean
}

/** A delivery not yet made, with the fetch queue it goes to (none for a POST). */
interface Pending {
  readonly delivery: EventDelivery
  readonly queue?: string
}

/** The queue server's socket timeout (`Client::HTTP_SOCKET_TIMEOUT`): a slower handler loses the event. */
const DELIVERY_TIMEOUT_MS = 15_000
/** im.v2 user events are kept 24 hours. */
const USER_EVENT_TTL_MS = 24 * 3600 * 1000

/** The classic handler each classic event goes to (server-behavior §3.1). */
const classicHandlers: Readonly<Record<string, HandlerName>> = {
  ONIMBOTMESSAGEADD: 'EVENT_MESSAGE_ADD',
  ONIMBOTMESSAGEUPDATE: 'EVENT_MESSAGE_UPDATE',
  ONIMBOTMESSAGEDELETE: 'EVENT_MESSAGE_DELETE',
  ONIMBOTJOINCHAT: 'EVENT_WELCOME_MESSAGE',
  ONIMBOTDELETE: 'EVENT_BOT_DELETE',
  ONIMBOTCONTEXTGET: 'EVENT_CONTEXT_GET',
  ONIMCOMMANDADD: 'EVENT_COMMAND_ADD',
}

/** A command line of a message: `^/(?<COMMAND>[^ \n]*)( ?)(?<PARAMS>.*)$`, multi-line. */
const commandLine = /^\/([^ \n]*) ?(.*)$/gm
/** At most this many commands run per message. */
const MAX_COMMANDS = 10

/** v2 webhook bodies send `null` as `''` (imbot-v2 §3); PHP's encoder would drop it. */
function nullsAsEmpty(value: unknown): FormInput {
  if (value === null) return ''
  if (Array.isArray(value)) return value.map(nullsAsEmpty)
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, nullsAsEmpty(item)]))
  return value as FormInput
}

/**
 * The portal's event source (server-behavior §3): methods and simulated users report what happened;
 * this routes events to the bots (and subscribed users) that hear them, in the generation each bot
 * was registered with, and delivers them after the triggering response, once, without retries.
 *
 * @example
 * ```ts
 * portal.as(user.id).send(String(bot.id), 'hello')
 * await portal.events.settled()
 * portal.events.deliveries.map((delivery) => delivery.event) // ['ONIMBOTJOINCHAT', 'ONIMBOTMESSAGEADD']
 * ```
 */
export class PortalEvents {
  /** Every delivery, in the order the events happened. */
  readonly deliveries: EventDelivery[] = []
  readonly #portal: Portal
  readonly #faults: (EventFault & { remaining: number })[] = []
  readonly #queues: Map<string, QueuedEvent[]> = new Map()
  readonly #subscribed: Set<number> = new Set()
  readonly #handlerIds: Map<string, number> = new Map()
  readonly #held: Pending[] = []
  readonly #timers: Set<ReturnType<typeof setTimeout>> = new Set()
  readonly #waiters: (() => void)[] = []
  readonly #closing: AbortController = new AbortController()
  #holds = 0
  #inFlight = 0
  #nextEventId = 1

  constructor(portal: Portal) {
    this.#portal = portal
  }

  // ---- What happened -------------------------------------------------------------------------

  /** A message was posted, by a user or a bot: commands, or message events, and users' events. */
  messageAdded(message: PortalMessage, options: { readonly commandContext?: CommandContext } = {}): void {
    const chat = this.#portal.chats.get(message.chatId)
    if (!chat) return
    this.#userEvents(chat, 'ONIMV2MESSAGEADD', (viewerId) => this.#v2MessageData(message, chat, viewerId))
    if (!this.#fromHuman(message.authorId)) return
    const context = options.commandContext ?? 'TEXTAREA'
    if (!message.system && this.#runCommands(message, chat, context)) return
    this.#toBots(this.#hearing(chat, message.text), {
      classic: 'ONIMBOTMESSAGEADD',
      v2: 'ONIMBOTV2MESSAGEADD',
      userId: message.authorId,
      classicData: (bot) => ({
        PARAMS: messageAddParams(this.#portal, message, chat, bot.id, context),
        USER: this.#classicUser(message.authorId, true),
      }),
      v2Data: (bot) => this.#v2MessageData(message, chat, bot.id),
    })
  }

  /** A message was edited by `byUserId`. */
  messageUpdated(message: PortalMessage, byUserId: number): void {
    this.#messageChanged(message, byUserId, false, message.text)
  }

  /**
   * A message was deleted by `byUserId`. It reaches the bots its add reached (server-behavior §3.2), so
   * pass the text it had (`textBefore`) when the deletion has already replaced it with a placeholder.
   */
  messageDeleted(message: PortalMessage, byUserId: number, textBefore: string = message.text): void {
    this.#messageChanged(message, byUserId, true, textBefore)
  }

  /** `userId` added or removed a reaction: the bot that wrote the message hears it (v2), and subscribed users. */
  reactionChanged(message: PortalMessage, userId: number, reaction: string, action: 'add' | 'delete'): void {
    const chat = this.#portal.chats.get(message.chatId)
    if (!chat) return
    const data = (viewerId: number) => ({ reaction, action, ...this.#v2MessageData(message, chat, viewerId), user: this.#v2UserOf(userId) })
    this.#userEvents(chat, 'ONIMV2REACTIONCHANGE', data)
    const author = this.#portal.bots.get(message.authorId)
    if (!author || !this.#fromHuman(userId)) return
    this.#toBots([author], { v2: 'ONIMBOTV2REACTIONCHANGE', userId, v2Data: (bot) => data(bot.id) })
  }

  /**
   * Members joined a chat, added by `byUserId`; or a private chat was first made (`memberIds` both
   * sides, `byUserId` who opened it). Bots among them hear JOINCHAT; subscribed users, ONIMV2JOINCHAT.
   */
  joined(chat: PortalChat, memberIds: readonly number[], byUserId: number): void {
    // A private chat being made is not somebody joining a chat.
    for (const memberId of chat.type === 'P' ? [] : memberIds) {
      this.#userEvents(chat, 'ONIMV2JOINCHAT', (viewerId) => ({
        dialogId: dialogIdFor(chat, viewerId),
        ...this.#v2ChatUser(chat, viewerId, memberId),
      }))
    }
    for (const memberId of memberIds) {
      const bot = this.#portal.bots.get(memberId)
      if (!bot) continue
      // In a private chat the bot greets the human on the other side, whoever opened it; in a group, whoever added it.
      const userId = chat.type === 'P' ? ([...chat.userIds].find((id) => id !== bot.id) ?? 0) : byUserId
      // A bot that adds itself hears nothing; a private chat of two bots is nobody's dialog.
      if (userId === bot.id || (chat.type === 'P' && !this.#fromHuman(userId))) continue
      this.#toBots([bot], {
        classic: 'ONIMBOTJOINCHAT',
        v2: 'ONIMBOTV2JOINCHAT',
        userId,
        classicData: () => ({ PARAMS: joinParams(chat, bot.id, userId), USER: this.#classicUser(userId, false) }),
        v2Data: () => ({ dialogId: dialogIdFor(chat, bot.id), ...this.#v2ChatUser(chat, bot.id, userId) }),
      })
    }
  }

  /** A bot was unregistered (call after it is removed from `portal.bots`), by `byUserId` when known. */
  botDeleted(bot: PortalBot, byUserId = 0): void {
    this.#toBots([bot], {
      classic: 'ONIMBOTDELETE',
      v2: 'ONIMBOTV2DELETE',
      userId: byUserId,
      classicData: () => ({ BOT_ID: bot.id, BOT_CODE: bot.code }),
      v2Data: () => ({}),
      noBotEntry: true,
    })
  }

  /** `userId` opened the private dialog with a bot carrying a context (`im.v2.Chat.Bot.sendContext`). */
  contextRequested(bot: PortalBot, userId: number, context: unknown): void {
    const chat = this.#portal.privateChat(userId, bot.id)
    this.#toBots([bot], {
      classic: 'ONIMBOTCONTEXTGET',
      v2: 'ONIMBOTV2CONTEXTGET',
      userId,
      classicData: () => ({ PARAMS: contextParams(chat, bot.id, userId, context), USER: this.#classicUser(userId, true) }),
      v2Data: () => ({ dialogId: dialogIdFor(chat, bot.id), context, ...this.#v2ChatUser(chat, bot.id, userId) }),
    })
  }

  /**
   * A keyboard button or menu item with a `COMMAND` was used by `userId` on `message`: the command
   * event, with the message's id and the button's params, and no new message.
   */
  commandInvoked(message: PortalMessage, userId: number, command: string, params: string, context: 'KEYBOARD' | 'MENU'): void {
    const chat = this.#portal.chats.get(message.chatId)
    if (!chat || !this.#fromHuman(userId)) return
    const candidates = this.#commandsNamed(command, chat, userId)
    const found = candidates.find((candidate) => candidate.botId === message.authorId) ?? candidates[0]
    if (found) this.#commandEvent(found, params, message, chat, userId, context)
  }

  /**
   * An application lifecycle event (`ONAPPINSTALL`, `ONAPPUPDATE`, `ONAPPUNINSTALL`) POSTed to the
   * app's handler, with the installing user's tokens (none on uninstall: only `application_token`).
   */
  appEvent(
    app: PortalApp,
    url: string,
    event: 'ONAPPINSTALL' | 'ONAPPUPDATE' | 'ONAPPUNINSTALL',
    data: Readonly<Record<string, unknown>>,
    userId: number,
  ): void {
    const auth = appAuth(this.#portal, app, app.applicationToken, event === 'ONAPPUNINSTALL' ? 0 : userId, true)
    this.#post(event, [], url, `${app.clientId}|${event}`, data, auth)
  }

  // ---- Fetch queues ----------------------------------------------------------------------------

  /** Starts recording a user's im.v2 events (`im.v2.Event.subscribe`). */
  subscribe(userId: number): void {
    this.#subscribed.add(userId)
  }

  /** Stops recording; what was recorded stays readable (`im.v2.Event.unsubscribe`). */
  unsubscribe(userId: number): void {
    this.#subscribed.delete(userId)
  }

  /** Whether a user's im.v2 events are being recorded. */
  isSubscribed(userId: number): boolean {
    return this.#subscribed.has(userId)
  }

  /**
   * Reads queues the way `Event.get` does (imbot-v2 §9.2): `offset` first acknowledges (deletes) every
   * event with `eventId < offset`; then up to `limit` events, oldest first; `nextOffset` is the last
   * returned id + 1 (or, with nothing to return, `offset`, else the id the next event will get).
   */
  readQueues(
    queues: readonly ({ readonly botId: number } | { readonly userId: number })[],
    offset: number | undefined,
    limit: number,
  ): QueueRead {
    const cutoff = this.#portal.clock.now() - USER_EVENT_TTL_MS
    const lists = queues.map((queue) => {
      const key = 'botId' in queue ? `bot${String(queue.botId)}` : `user${String(queue.userId)}`
      const kept = (this.#queues.get(key) ?? []).filter(
        (event) => (offset === undefined || event.eventId >= offset) && ('botId' in queue || Date.parse(event.date) >= cutoff),
      )
      this.#queues.set(key, kept)
      return kept
    })
    const pending = lists.flat().sort((a, b) => a.eventId - b.eventId)
    const events = pending.slice(0, limit)
    const last = events.at(-1)
    return { events, nextOffset: last ? last.eventId + 1 : (offset ?? this.#nextEventId), hasMore: pending.length > events.length }
  }

  // ---- Delivery control --------------------------------------------------------------------------

  /**
   * Drops or delays the next matching deliveries (of POSTs and queue entries alike). Returns a
   * function that cancels the fault.
   *
   * @example
   * ```ts
   * portal.events.fault({ event: 'ONIMBOTMESSAGEADD', drop: true }) // the next one is lost
   * portal.events.fault({ delayMs: 2_000, times: 3 }) // the next three arrive two seconds late
   * ```
   */
  fault(fault: EventFault): () => void {
    const entry = { ...fault, remaining: fault.times ?? 1 }
    this.#faults.push(entry)
    return () => {
      const index = this.#faults.indexOf(entry)
      if (index !== -1) this.#faults.splice(index, 1)
    }
  }

  /** Holds deliveries until the returned function is called: a request's events go out after its response. */
  hold(): () => void {
    this.#holds += 1
    let released = false
    return () => {
      if (released) return
      released = true
      this.#holds -= 1
      if (this.#holds === 0) for (const delivery of this.#held.splice(0)) this.#dispatch(delivery)
    }
  }

  /** Resolves once no delivery is held, delayed or in flight: every event so far has landed or failed. */
  settled(): Promise<void> {
    if (this.#busy() === 0) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  /** Aborts deliveries in flight and pending delays (the emulator is closing). */
  close(): void {
    this.#closing.abort()
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    this.#held.splice(0)
    this.#inFlight = 0
    this.#wake()
  }

  // ---- Routing -----------------------------------------------------------------------------------

  /** Whether a user id is a human (not a bot, not 0): only humans' actions reach bots. */
  #fromHuman(userId: number): boolean {
    return userId !== 0 && this.#portal.users.has(userId) && !this.#portal.bots.has(userId)
  }

  /**
   * The bots a message in `chat` reaches (server-behavior §3.2): the bot of a private chat; in other
   * chats, member bots that are mentioned or hear everything (S, P); in open lines, member bots with OPENLINE.
   */
  #hearing(chat: PortalChat, text: string): PortalBot[] {
    const members = [...chat.userIds].map((userId) => this.#portal.bots.get(userId)).filter((bot) => bot !== undefined)
    if (chat.type === 'P') return members
    if (chat.type === 'L') return members.filter((bot) => bot.openline)
    const mentioned = new Set(mentionedIds(text))
    return members.filter((bot) => mentioned.has(bot.id) || hearsEverything(bot))
  }

  /** Edits and deletes go to the audience an add with `routedText` would reach (server-behavior §3.2). */
  #messageChanged(message: PortalMessage, byUserId: number, deleted: boolean, routedText: string): void {
    const chat = this.#portal.chats.get(message.chatId)
    if (!chat) return
    const v2Data = (viewerId: number) =>
      deleted
        ? { messageId: message.id, ...this.#v2ChatUser(chat, viewerId, message.authorId) }
        : this.#v2MessageData(message, chat, viewerId)
    this.#userEvents(chat, deleted ? 'ONIMV2MESSAGEDELETE' : 'ONIMV2MESSAGEUPDATE', v2Data)
    if (!this.#fromHuman(message.authorId) || !this.#fromHuman(byUserId)) return
    this.#toBots(this.#hearing(chat, routedText), {
      classic: deleted ? 'ONIMBOTMESSAGEDELETE' : 'ONIMBOTMESSAGEUPDATE',
      v2: deleted ? 'ONIMBOTV2MESSAGEDELETE' : 'ONIMBOTV2MESSAGEUPDATE',
      userId: byUserId,
      classicData: (bot) => ({
        PARAMS: messageChangeParams(message, chat, bot.id, deleted),
        USER: this.#classicUser(message.authorId, true),
      }),
      v2Data: (bot) => v2Data(bot.id),
    })
  }

  /** The commands named `name` that may run in `chat` for the author `userId` (`findCommands`). */
  #commandsNamed(name: string, chat: PortalChat, userId: number): PortalCommand[] {
    const author = this.#portal.users.get(userId)
    return [...this.#portal.commands.values()].filter(
      (command) =>
        command.command.toLowerCase() === name.toLowerCase() &&
        this.#portal.bots.has(command.botId) &&
        (command.common || chat.userIds.has(command.botId)) &&
        (command.extranetSupport || !author?.extranet),
    )
  }

  /** Runs the message's command lines (at most 10); whether any command matched (then no message event is sent). */
  #runCommands(message: PortalMessage, chat: PortalChat, context: CommandContext): boolean {
    let ran = 0
    for (const [, name = '', params = ''] of message.text.matchAll(commandLine)) {
      for (const command of this.#commandsNamed(name, chat, message.authorId)) {
        if (ran === MAX_COMMANDS) return true
        this.#commandEvent(command, params, message, chat, message.authorId, context)
        ran += 1
      }
    }
    return ran > 0
  }

  /** One command event for the command's bot; opens its 10-minute answer window for the dialog. */
  #commandEvent(
    command: PortalCommand,
    params: string,
    message: PortalMessage,
    chat: PortalChat,
    userId: number,
    context: CommandContext,
  ): void {
    const bot = this.#portal.bots.get(command.botId)
    if (!bot) return
    this.#portal.grantCommandToken(bot.id, botDialogId(chat, bot.id))
    this.#toBots([bot], {
      classic: 'ONIMCOMMANDADD',
      v2: 'ONIMBOTV2COMMANDADD',
      userId,
      classicData: () => ({
        COMMAND: { [String(command.id)]: { ...classicBotEntry(this.#portal, bot), ...commandEntry(command, params, context, message.id) } },
        PARAMS: commandParams(this.#portal, message, chat, bot.id),
        USER: this.#classicUser(userId, false),
      }),
      v2Data: () => ({
        command: { id: command.id, command: `/${command.command}`, params, context: context.toLowerCase() },
        ...this.#v2MessageData(message, chat, bot.id),
        user: this.#v2UserOf(userId),
      }),
      noBotEntry: true,
    })
  }

  /** Records an im.v2 event for every subscribed member of the chat. */
  #userEvents(chat: PortalChat, type: string, data: (viewerId: number) => Record<string, unknown>): void {
    for (const userId of chat.userIds) {
      if (!this.#subscribed.has(userId)) continue
      this.#deliver(
        { event: type, botIds: [], mode: 'fetch', url: '', payload: this.#queued(type, data(userId)), state: 'held' },
        `user${String(userId)}`,
      )
    }
  }

  /**
   * Sends one event kind to bots, each in its generation's format: classic bots grouped per app into
   * one POST to the app's handler (skipped when the app bound none); v2 bots one event each, POSTed
   * to the bot's webhook or queued for its fetch loop.
   */
  #toBots(
    bots: readonly PortalBot[],
    route: {
      readonly classic?: string
      readonly v2: string
      readonly userId: number
      readonly classicData?: (bot: PortalBot) => Record<string, unknown>
      readonly v2Data: (bot: PortalBot) => Record<string, unknown>
      /** The classic payload has no `data[BOT]` (DELETE, COMMANDADD carry the bot elsewhere). */
      readonly noBotEntry?: boolean
    },
  ): void {
    const classicByApp: Map<string, PortalBot[]> = new Map()
    for (const bot of bots) {
      if (bot.generation === 'v2') this.#toV2Bot(bot, route.v2, route.userId, route.v2Data(bot))
      else classicByApp.set(bot.appId, [...(classicByApp.get(bot.appId) ?? []), bot])
    }
    const { classic, classicData } = route
    if (!classic || !classicData) return
    for (const [appId, appBots] of classicByApp) {
      const first = appBots[0]
      const handler = this.#portal.handlers.get(appId)?.[classicHandlers[classic] ?? 'EVENT_MESSAGE_ADD']
      if (!first || handler === undefined) continue
      const data = route.noBotEntry
        ? classicData(first)
        : { BOT: Object.fromEntries(appBots.map((bot) => [String(bot.id), classicBotEntry(this.#portal, bot)])), ...classicData(first) }
      this.#post(classic, appBots, handler, `${appId}|${classic}`, data, eventAuth(this.#portal, first, classic, route.userId))
    }
  }

  #toV2Bot(bot: PortalBot, type: string, userId: number, data: Record<string, unknown>): void {
    if (bot.eventMode === 'fetch') {
      const payload = this.#queued(type, { bot: v2Bot(this.#portal, bot, true), ...data })
      this.#deliver({ event: type, botIds: [bot.id], mode: 'fetch', url: '', payload, state: 'held' }, `bot${String(bot.id)}`)
      return
    }
    if (bot.webhookUrl === '') return
    const tokens = botTokens(this.#portal, bot)
    const botData = { id: bot.id, code: bot.code, ...(tokens ? { auth: tokens } : {}) }
    this.#post(
      type,
      [bot],
      bot.webhookUrl,
      `bot${String(bot.id)}|${type}`,
      nullsAsEmpty({ bot: botData, ...data }),
      eventAuth(this.#portal, bot, type, userId),
    )
  }

  #post(
    event: string,
    bots: readonly { readonly id: number }[],
    url: string,
    handlerKey: string,
    data: unknown,
    auth: Record<string, unknown>,
  ): void {
    let handlerId = this.#handlerIds.get(handlerKey)
    if (handlerId === undefined) {
      handlerId = this.#handlerIds.size + 1
      this.#handlerIds.set(handlerKey, handlerId)
    }
    const payload = { event, event_handler_id: handlerId, data, ts: this.#portal.clock.seconds(), auth }
    this.#deliver({ event, botIds: bots.map((bot) => bot.id), mode: 'webhook', url, payload, state: 'held' })
  }

  #queued(type: string, data: Record<string, unknown>): QueuedEvent {
    return { eventId: this.#nextEventId++, type, date: phpDate(new Date(this.#portal.clock.now())), data }
  }

  // ---- Payload parts -------------------------------------------------------------------------

  #classicUser(userId: number, flags: boolean): Record<string, unknown> | undefined {
    return classicUser(this.#portal.users.get(userId), flags)
  }

  #v2UserOf(userId: number): Record<string, unknown> | undefined {
    const user = this.#portal.users.get(userId)
    return user ? v2User(this.#portal, user) : undefined
  }

  /** `{chat, user, language}` for `viewerId`. */
  #v2ChatUser(chat: PortalChat, viewerId: number, userId: number): Record<string, unknown> {
    return { chat: v2Chat(this.#portal, chat, viewerId, false), user: this.#v2UserOf(userId), language: 'en' }
  }

  /** `{message, chat, user, language}` of a message event, for `viewerId`. */
  #v2MessageData(message: PortalMessage, chat: PortalChat, viewerId: number): Record<string, unknown> {
    return { message: v2Message(this.#portal, message), ...this.#v2ChatUser(chat, viewerId, message.authorId) }
  }

  // ---- Delivery ----------------------------------------------------------------------------------

  #deliver(delivery: EventDelivery, queue?: string): void {
    this.deliveries.push(delivery)
    const pending: Pending = queue === undefined ? { delivery } : { delivery, queue }
    if (this.#holds > 0) this.#held.push(pending)
    else this.#dispatch(pending)
  }

  #busy(): number {
    return this.#held.length + this.#timers.size + this.#inFlight
  }

  #wake(): void {
    if (this.#busy() > 0) return
    for (const resolve of this.#waiters.splice(0)) resolve()
  }

  #takeFault(event: string): EventFault | undefined {
    const index = this.#faults.findIndex((fault) => fault.event === undefined || fault.event === event)
    const fault = this.#faults[index]
    if (!fault) return undefined
    fault.remaining -= 1
    if (fault.remaining <= 0) this.#faults.splice(index, 1)
    return fault
  }

  #dispatch(pending: Pending): void {
    const { delivery } = pending
    const fault = this.#takeFault(delivery.event)
    if (fault?.drop) {
      delivery.state = 'dropped'
      this.#wake()
      return
    }
    if (fault?.delayMs !== undefined && fault.delayMs > 0) {
      delivery.state = 'delayed'
      const timer = setTimeout(() => {
        this.#timers.delete(timer)
        this.#send(pending)
      }, fault.delayMs)
      this.#timers.add(timer)
      return
    }
    this.#send(pending)
  }

  #send({ delivery, queue }: Pending): void {
    if (queue !== undefined) {
      this.#queues.set(queue, [...(this.#queues.get(queue) ?? []), delivery.payload as QueuedEvent])
      delivery.state = 'queued'
      this.#wake()
      return
    }
    delivery.state = 'sending'
    this.#inFlight += 1
    const signal = AbortSignal.any([AbortSignal.timeout(DELIVERY_TIMEOUT_MS), this.#closing.signal])
    fetch(delivery.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Bitrix24 Webhook Engine' },
      body: encodeForm(delivery.payload as Readonly<Record<string, FormInput>>),
      signal,
    })
      .then(async (response) => {
        await response.arrayBuffer().catch(() => undefined)
        delivery.status = response.status
        delivery.state = response.ok ? 'delivered' : 'failed'
      })
      .catch((error: unknown) => {
        delivery.state = 'failed'
        delivery.error = error instanceof Error ? error.message : String(error)
      })
      .finally(() => {
        if (this.#closing.signal.aborted) return
        this.#inFlight -= 1
        this.#wake()
      })
  }
}
