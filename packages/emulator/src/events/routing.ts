import {
  hearsEverything,
  type HandlerName,
  type PortalBot,
  type PortalChat,
  type PortalCommand,
  type PortalMessage,
} from '../model/entities.ts'
import type { PortalState } from '../model/portal-state.ts'
import { mentionedIds } from './classic-payloads.ts'

/*
 * Who hears what (server-behavior §3.2): which bots a message, an edit or a command reaches, which
 * classic handler of which app gets a classic event, and which users record im.v2 events. Routing
 * decides; `PortalEvents` builds the payloads and `EventDeliveries` sends them.
 */

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

/** One app's classic bots that hear an event, and the handler URL the app bound for it. */
export interface ClassicTarget {
  readonly appId: string
  /** In the order they were routed; the first one's payload parts stand for all. */
  readonly bots: readonly [PortalBot, ...PortalBot[]]
  readonly handler: string
}

/** A matched command line: the command, and the params text after its name. */
export interface CommandMatch {
  readonly command: PortalCommand
  readonly params: string
}

/** Decides who hears each event; keeps the users who subscribed to their im.v2 events. */
export class EventRouter {
  readonly #portal: PortalState
  readonly #subscribed: Set<number> = new Set()

  constructor(portal: PortalState) {
    this.#portal = portal
  }

  /** Starts recording a user's im.v2 events. */
  subscribe(userId: number): void {
    this.#subscribed.add(userId)
  }

  /** Stops recording a user's im.v2 events. */
  unsubscribe(userId: number): void {
    this.#subscribed.delete(userId)
  }

  /** Whether a user's im.v2 events are being recorded. */
  isSubscribed(userId: number): boolean {
    return this.#subscribed.has(userId)
  }

  /** The members of `chat` who record im.v2 events, in membership order. */
  subscribersOf(chat: PortalChat): number[] {
    return [...chat.userIds].filter((userId) => this.#subscribed.has(userId))
  }

  /** Whether a user id is a human (not a bot, not 0): only humans' actions reach bots. */
  fromHuman(userId: number): boolean {
    return userId !== 0 && this.#portal.users.has(userId) && !this.#portal.bots.has(userId)
  }

  /**
   * The bots a message in `chat` reaches (server-behavior §3.2): the bot of a private chat; in other
   * chats, member bots that are mentioned or hear everything (S, P); in open lines, member bots with OPENLINE.
   */
  hearing(chat: PortalChat, text: string): PortalBot[] {
    const members = [...chat.userIds].map((userId) => this.#portal.bots.get(userId)).filter((bot) => bot !== undefined)
    if (chat.type === 'P') return members
    if (chat.type === 'L') return members.filter((bot) => bot.openline)
    const mentioned = new Set(mentionedIds(text))
    return members.filter((bot) => mentioned.has(bot.id) || hearsEverything(bot))
  }

  /** The commands named `name` that may run in `chat` for the author `userId` (`findCommands`). */
  commandsNamed(name: string, chat: PortalChat, userId: number): PortalCommand[] {
    const author = this.#portal.users.get(userId)
    return [...this.#portal.commands.values()].filter(
      (command) =>
        command.command.toLowerCase() === name.toLowerCase() &&
        this.#portal.bots.has(command.botId) &&
        (command.common || chat.userIds.has(command.botId)) &&
        (command.extranetSupport || !author?.extranet),
    )
  }

  /** The commands a message's command lines run, in order, at most 10; none means the message reaches bots as a message. */
  commandsOf(message: PortalMessage, chat: PortalChat): CommandMatch[] {
    const matches: CommandMatch[] = []
    for (const [, name = '', params = ''] of message.text.matchAll(commandLine)) {
      for (const command of this.commandsNamed(name, chat, message.authorId)) {
        if (matches.length === MAX_COMMANDS) return matches
        matches.push({ command, params })
      }
    }
    return matches
  }

  /**
   * Classic bots grouped per app, each group with the handler its app bound for `event`; an app that
   * bound none hears nothing. v2 bots among `bots` are left out (each hears its own event).
   */
  classicTargets(bots: readonly PortalBot[], event: string): ClassicTarget[] {
    const byApp: Map<string, PortalBot[]> = new Map()
    for (const bot of bots) if (bot.generation !== 'v2') byApp.set(bot.appId, [...(byApp.get(bot.appId) ?? []), bot])
    const targets: ClassicTarget[] = []
    for (const [appId, appBots] of byApp) {
      const [first, ...rest] = appBots
      const handler = this.#portal.handlers.get(appId)?.[classicHandlers[event] ?? 'EVENT_MESSAGE_ADD']
      if (!first || handler === undefined) continue
      targets.push({ appId, bots: [first, ...rest], handler })
    }
    return targets
  }
}
