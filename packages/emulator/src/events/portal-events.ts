import { v2Bot, dialogIdFor } from '../views/v2-entities.ts'
import type { PortalApp, PortalBot, PortalChat, PortalCommand, PortalMessage } from '../model/entities.ts'
import type { PortalState } from '../model/portal-state.ts'
import type { CommandContext } from './command-context.ts'
import { appAuth, botTokens, classicBotEntry, eventAuth } from './auth-blocks.ts'
import {
  botDialogId,
  classicUser,
  commandEntry,
  commandParams,
  contextParams,
  joinParams,
  messageAddParams,
  messageChangeParams,
} from './classic-payloads.ts'
import { EventDeliveries, type EventDelivery, type EventFault, type QueueOwner, type QueueRead } from './delivery.ts'
import { EventRouter } from './routing.ts'
import { nullsAsEmpty, v2ChatUser, v2MessageData, v2UserOf } from './v2-payloads.ts'

/**
 * The portal's event source (server-behavior §3): methods and simulated users report what happened;
 * this coordinates them: `EventRouter` (routing.ts) decides who hears an event, this builds the
 * payload in the generation each bot was registered with, and `EventDeliveries` (delivery.ts) sends it
 * after the triggering response, once, without retries.
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
 * portal.as(alice.id).send(String(helper.id), 'hello')
 * await portal.events.settled()
 * portal.events.deliveries.map((delivery) => delivery.event) // ['ONIMBOTV2JOINCHAT', 'ONIMBOTV2MESSAGEADD']
 * ```
 */
export class PortalEvents {
  /** Every delivery, in the order the events happened. */
  readonly deliveries: EventDelivery[]
  readonly #portal: PortalState
  readonly #router: EventRouter
  readonly #out: EventDeliveries

  constructor(portal: PortalState) {
    this.#portal = portal
    this.#router = new EventRouter(portal)
    this.#out = new EventDeliveries(portal.clock)
    this.deliveries = this.#out.deliveries
  }

  // ---- What happened -------------------------------------------------------------------------

  /** A message was posted, by a user or a bot: commands, or message events, and users' events. */
  messageAdded(message: PortalMessage, options: { readonly commandContext?: CommandContext } = {}): void {
    const chat = this.#portal.chats.get(message.chatId)
    if (!chat) return
    this.#userEvents(chat, 'ONIMV2MESSAGEADD', (viewerId) => v2MessageData(this.#portal, message, chat, viewerId))
    if (!this.#router.fromHuman(message.authorId)) return
    const context = options.commandContext ?? 'TEXTAREA'
    if (!message.system) {
      const commands = this.#router.commandsOf(message, chat)
      for (const { command, params } of commands) this.#commandEvent(command, params, message, chat, message.authorId, context)
      // A message that runs a command reaches bots as that command only.
      if (commands.length > 0) return
    }
    this.#toBots(this.#router.hearing(chat, message.text), {
      classic: 'ONIMBOTMESSAGEADD',
      v2: 'ONIMBOTV2MESSAGEADD',
      userId: message.authorId,
      classicData: (bot) => ({
        PARAMS: messageAddParams(this.#portal, message, chat, bot.id, context),
        USER: classicUser(this.#portal.users.get(message.authorId), true),
      }),
      v2Data: (bot) => v2MessageData(this.#portal, message, chat, bot.id),
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
    const data = (viewerId: number) => ({
      reaction,
      action,
      ...v2MessageData(this.#portal, message, chat, viewerId),
      user: v2UserOf(this.#portal, userId),
    })
    this.#userEvents(chat, 'ONIMV2REACTIONCHANGE', data)
    const author = this.#portal.bots.get(message.authorId)
    if (!author || !this.#router.fromHuman(userId)) return
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
        ...v2ChatUser(this.#portal, chat, viewerId, memberId),
      }))
    }
    for (const memberId of memberIds) {
      const bot = this.#portal.bots.get(memberId)
      if (!bot) continue
      // In a private chat the bot greets the human on the other side, whoever opened it; in a group, whoever added it.
      const userId = chat.type === 'P' ? ([...chat.userIds].find((id) => id !== bot.id) ?? 0) : byUserId
      // A bot that adds itself hears nothing; a private chat of two bots is nobody's dialog.
      if (userId === bot.id || (chat.type === 'P' && !this.#router.fromHuman(userId))) continue
      this.#toBots([bot], {
        classic: 'ONIMBOTJOINCHAT',
        v2: 'ONIMBOTV2JOINCHAT',
        userId,
        classicData: () => ({ PARAMS: joinParams(chat, bot.id, userId), USER: classicUser(this.#portal.users.get(userId), false) }),
        v2Data: () => ({ dialogId: dialogIdFor(chat, bot.id), ...v2ChatUser(this.#portal, chat, bot.id, userId) }),
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
      classicData: () => ({
        PARAMS: contextParams(chat, bot.id, userId, context),
        USER: classicUser(this.#portal.users.get(userId), true),
      }),
      v2Data: () => ({ dialogId: dialogIdFor(chat, bot.id), context, ...v2ChatUser(this.#portal, chat, bot.id, userId) }),
    })
  }

  /**
   * A keyboard button or menu item with a `COMMAND` was used by `userId` on `message`: the command
   * event, with the message's id and the button's params, and no new message.
   */
  commandInvoked(message: PortalMessage, userId: number, command: string, params: string, context: 'KEYBOARD' | 'MENU'): void {
    const chat = this.#portal.chats.get(message.chatId)
    if (!chat || !this.#router.fromHuman(userId)) return
    const candidates = this.#router.commandsNamed(command, chat, userId)
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
    this.#out.post(event, [], url, `${app.clientId}|${event}`, data, auth)
  }

  // ---- Fetch queues ----------------------------------------------------------------------------

  /** Starts recording a user's im.v2 events (`im.v2.Event.subscribe`). */
  subscribe(userId: number): void {
    this.#router.subscribe(userId)
  }

  /** Stops recording; what was recorded stays readable (`im.v2.Event.unsubscribe`). */
  unsubscribe(userId: number): void {
    this.#router.unsubscribe(userId)
  }

  /** Whether a user's im.v2 events are being recorded. */
  isSubscribed(userId: number): boolean {
    return this.#router.isSubscribed(userId)
  }

  /**
   * Reads queues the way `Event.get` does (imbot-v2 §9.2): `offset` first acknowledges (deletes) every
   * event with `eventId < offset`; then up to `limit` events, oldest first; `nextOffset` is the last
   * returned id + 1 (or, with nothing to return, `offset`, else the id the next event will get).
   */
  readQueues(queues: readonly QueueOwner[], offset: number | undefined, limit: number): QueueRead {
    return this.#out.readQueues(queues, offset, limit)
  }

  // ---- Delivery control --------------------------------------------------------------------------

  /**
   * Drops or delays the next matching deliveries (of POSTs and queue entries alike). Returns a
   * function that cancels the fault.
   *
   * @example
   * ```ts
   * const { portal } = emulator
   * portal.events.fault({ event: 'ONIMBOTMESSAGEADD', drop: true }) // the next one is lost
   * portal.events.fault({ delayMs: 2_000, times: 3 }) // the next three arrive two seconds late
   * ```
   */
  fault(fault: EventFault): () => void {
    return this.#out.fault(fault)
  }

  /** Holds deliveries until the returned function is called: a request's events go out after its response. */
  hold(): () => void {
    return this.#out.hold()
  }

  /** Resolves once no delivery is held, delayed or in flight: every event so far has landed or failed. */
  settled(): Promise<void> {
    return this.#out.settled()
  }

  /** Aborts deliveries in flight and pending delays (the emulator is closing). */
  close(): void {
    this.#out.close()
  }

  // ---- Events for bots and users -------------------------------------------------------------------

  /** Edits and deletes go to the audience an add with `routedText` would reach (server-behavior §3.2). */
  #messageChanged(message: PortalMessage, byUserId: number, deleted: boolean, routedText: string): void {
    const chat = this.#portal.chats.get(message.chatId)
    if (!chat) return
    const v2Data = (viewerId: number) =>
      deleted
        ? { messageId: message.id, ...v2ChatUser(this.#portal, chat, viewerId, message.authorId) }
        : v2MessageData(this.#portal, message, chat, viewerId)
    this.#userEvents(chat, deleted ? 'ONIMV2MESSAGEDELETE' : 'ONIMV2MESSAGEUPDATE', v2Data)
    if (!this.#router.fromHuman(message.authorId) || !this.#router.fromHuman(byUserId)) return
    this.#toBots(this.#router.hearing(chat, routedText), {
      classic: deleted ? 'ONIMBOTMESSAGEDELETE' : 'ONIMBOTMESSAGEUPDATE',
      v2: deleted ? 'ONIMBOTV2MESSAGEDELETE' : 'ONIMBOTV2MESSAGEUPDATE',
      userId: byUserId,
      classicData: (bot) => ({
        PARAMS: messageChangeParams(message, chat, bot.id, deleted),
        USER: classicUser(this.#portal.users.get(message.authorId), true),
      }),
      v2Data: (bot) => v2Data(bot.id),
    })
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
        USER: classicUser(this.#portal.users.get(userId), false),
      }),
      v2Data: () => ({
        command: { id: command.id, command: `/${command.command}`, params, context: context.toLowerCase() },
        ...v2MessageData(this.#portal, message, chat, bot.id),
        user: v2UserOf(this.#portal, userId),
      }),
      noBotEntry: true,
    })
  }

  /** Records an im.v2 event for every subscribed member of the chat. */
  #userEvents(chat: PortalChat, type: string, data: (viewerId: number) => Record<string, unknown>): void {
    for (const userId of this.#router.subscribersOf(chat)) this.#out.enqueue({ userId }, type, data(userId))
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
    for (const bot of bots) if (bot.generation === 'v2') this.#toV2Bot(bot, route.v2, route.userId, route.v2Data(bot))
    const { classic, classicData } = route
    if (!classic || !classicData) return
    for (const { appId, bots: appBots, handler } of this.#router.classicTargets(bots, classic)) {
      const [first] = appBots
      const data = route.noBotEntry
        ? classicData(first)
        : { BOT: Object.fromEntries(appBots.map((bot) => [String(bot.id), classicBotEntry(this.#portal, bot)])), ...classicData(first) }
      const botIds = appBots.map((bot) => bot.id)
      this.#out.post(classic, botIds, handler, `${appId}|${classic}`, data, eventAuth(this.#portal, first, classic, route.userId))
    }
  }

  #toV2Bot(bot: PortalBot, type: string, userId: number, data: Record<string, unknown>): void {
    if (bot.eventMode === 'fetch') {
      this.#out.enqueue({ botId: bot.id }, type, { bot: v2Bot(this.#portal, bot, true), ...data })
      return
    }
    if (bot.webhookUrl === '') return
    const tokens = botTokens(this.#portal, bot)
    const botData = { id: bot.id, code: bot.code, ...(tokens ? { auth: tokens } : {}) }
    this.#out.post(
      type,
      [bot.id],
      bot.webhookUrl,
      `bot${String(bot.id)}|${type}`,
      nullsAsEmpty({ bot: botData, ...data }),
      eventAuth(this.#portal, bot, type, userId),
    )
  }
}
