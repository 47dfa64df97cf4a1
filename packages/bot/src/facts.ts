import {
  events,
  type ClassicBotEntry,
  type ClassicCommandEntry,
  type EventGeneration,
  type EventName,
  type ImbotEvent,
  type V2EventCommand,
} from '@b24bot/imbot'

/**
 * Which API generation an event comes from, and so which methods answer it: the `generation` of its
 * descriptor in the `events` table of `@b24bot/imbot`.
 *
 * @example
 * ```ts
 * import type { Generation } from '@b24bot/bot'
 *
 * const generation: Generation = ctx.facts.generation // 'classic' | 'app' | 'v2' | 'user'
 * ```
 */
export type Generation = EventGeneration

/**
 * A command as events carry it, the same for classic and v2.
 *
 * @example
 * ```ts
 * bot.command('order', (ctx) => ctx.answerCommand(`Order ${ctx.command.params} (${ctx.command.context})`))
 * ```
 */
export interface CommandFact {
  /** The command without the leading `/`, as registered (`help`). */
  readonly name: string
  /** The rest of the line after the command (`topic`), `''` when none. */
  readonly params: string
  /** The command's id, for answering it. */
  readonly id: number
  /** How it was invoked: typed, a keyboard button, a menu item. */
  readonly context: 'textarea' | 'keyboard' | 'menu'
}

/**
 * What most handlers need from any event, read once: the bot it is for, where to answer, who caused it,
 * the text and the command. Fields the event does not carry are `undefined`.
 *
 * @example
 * ```ts
 * bot.use((ctx, next) => {
 *   const { generation, botId, dialogId, userId } = ctx.facts
 *   console.log(ctx.event.event, generation, botId, dialogId, userId)
 *   return next()
 * })
 * ```
 */
export interface EventFacts {
  /** Which API generation the event comes from, and so which methods answer it. */
  readonly generation: Generation
  /**
   * The bot the event is for. For a classic event naming several bots of the app: the one the message
   * is addressed to (`TO_USER_ID`, else a mentioned one), else the first.
   */
  readonly botId: number | undefined
  /** Where to answer: `chat<id>` or, in a private chat, the other side's user id. */
  readonly dialogId: string | undefined
  /** Who caused it: the author, the user who added the bot, the user who opened the dialog. */
  readonly userId: number | undefined
  /** The message the event is about. */
  readonly messageId: number | undefined
  /** The message text (in group chats, mentions stripped, as the portal sends it). */
  readonly text: string | undefined
  /** The command, for command events. */
  readonly command: CommandFact | undefined
}

type Facts = Omit<EventFacts, 'generation'>

/** No fact at all: the application lifecycle events. */
const nothing: Facts = {
  botId: undefined,
  dialogId: undefined,
  userId: undefined,
  messageId: undefined,
  text: undefined,
  command: undefined,
}

/**
 * The generation of an event name, from the `events` table of `@b24bot/imbot` (the name compared
 * without case, as `decodeEvent` does); `undefined` for a name the table does not know.
 *
 * @example
 * ```ts
 * import { generationOf } from '@b24bot/bot'
 *
 * generationOf('ONIMBOTV2MESSAGEADD') // 'v2'
 * generationOf('ONIMV2MESSAGEADD') // 'user'
 * generationOf('ONSOMETHINGELSE') // undefined
 * ```
 */
export function generationOf(event: EventName): Generation
export function generationOf(event: string): Generation | undefined
export function generationOf(event: string): Generation | undefined {
  const name = event.toUpperCase()
  return Object.hasOwn(events, name) ? events[name as EventName].generation : undefined
}

/** A classic `data[COMMAND][id]` entry as a {@link CommandFact}. */
function classicCommand(entry: ClassicCommandEntry): CommandFact {
  const how = entry.COMMAND_CONTEXT.toLowerCase()
  return {
    name: entry.COMMAND.replace(/^\//, ''),
    params: entry.COMMAND_PARAMS,
    id: entry.COMMAND_ID,
    context: how === 'keyboard' || how === 'menu' ? how : 'textarea',
  }
}

/** A v2 `data.command` as a {@link CommandFact}. */
function v2Command(command: V2EventCommand): CommandFact {
  return { name: command.command.replace(/^\//, ''), params: command.params, id: command.id, context: command.context }
}

/**
 * Of the app's bots a classic event lists in `data[BOT]` (several when, say, a supervisor bot and a
 * mentioned one are both in the chat): the first of `named` that is listed (a join's `BOT_ID`, then
 * `TO_USER_ID`, the bot of a private chat or the first mention in a group), else one that is
 * mentioned, else the first.
 */
function addressedBot(
  bots: Readonly<Record<number, ClassicBotEntry>>,
  named: readonly (number | undefined)[],
  mentioned: Readonly<Record<number, number>> = {},
): number | undefined {
  const ids = Object.values(bots).map((entry) => entry.BOT_ID)
  for (const id of named) if (id !== undefined && ids.includes(id)) return id
  const mentions = new Set(Object.keys(mentioned).map(Number))
  return ids.find((id) => mentions.has(id)) ?? ids[0]
}

/** The facts of an event, from its typed `data`. */
function factsFrom(event: ImbotEvent): Facts {
  switch (event.event) {
    case 'ONIMBOTMESSAGEADD': {
      const { BOT, PARAMS, USER } = event.data
      return {
        botId: addressedBot(BOT, [PARAMS.TO_USER_ID], PARAMS.MENTIONED_LIST),
        dialogId: PARAMS.DIALOG_ID,
        userId: USER?.ID ?? PARAMS.FROM_USER_ID,
        messageId: PARAMS.MESSAGE_ID,
        text: PARAMS.MESSAGE,
        command: undefined,
      }
    }
    case 'ONIMBOTMESSAGEUPDATE':
    case 'ONIMBOTMESSAGEDELETE': {
      const { BOT, PARAMS, USER } = event.data
      return {
        botId: addressedBot(
          BOT,
          [PARAMS.TO_USER_ID],
          event.event === 'ONIMBOTMESSAGEUPDATE' ? event.data.PARAMS.MENTIONED_LIST : undefined,
        ),
        dialogId: PARAMS.DIALOG_ID,
        // Group-chat edits and deletes may come without `USER` and `FROM_USER_ID`: the author is `AUTHOR_ID`.
        userId: USER?.ID ?? PARAMS.FROM_USER_ID ?? PARAMS.AUTHOR_ID,
        messageId: PARAMS.MESSAGE_ID,
        text: PARAMS.MESSAGE,
        command: undefined,
      }
    }
    case 'ONIMBOTJOINCHAT': {
      const { BOT, PARAMS, USER } = event.data
      return {
        ...nothing,
        botId: addressedBot(BOT, [PARAMS.BOT_ID, PARAMS.TO_USER_ID]) ?? PARAMS.BOT_ID,
        dialogId: PARAMS.DIALOG_ID,
        userId: USER?.ID ?? PARAMS.USER_ID,
      }
    }
    case 'ONIMBOTCONTEXTGET': {
      const { BOT, PARAMS, USER } = event.data
      return { ...nothing, botId: addressedBot(BOT, []), dialogId: PARAMS.DIALOG_ID, userId: USER?.ID ?? PARAMS.USER_ID }
    }
    case 'ONIMBOTDELETE':
      return { ...nothing, botId: event.data.BOT_ID }
    case 'ONIMCOMMANDADD': {
      const { COMMAND, PARAMS, USER } = event.data
      // One event per command: the entry of the command run, with its bot.
      const entry = Object.values(COMMAND)[0]
      return {
        botId: entry?.BOT_ID,
        dialogId: PARAMS.DIALOG_ID,
        userId: USER?.ID ?? PARAMS.FROM_USER_ID,
        messageId: PARAMS.MESSAGE_ID,
        text: PARAMS.MESSAGE,
        command: entry && classicCommand(entry),
      }
    }
    case 'ONAPPINSTALL':
    case 'ONAPPUPDATE':
    case 'ONAPPUNINSTALL':
      return nothing
    case 'ONIMBOTV2MESSAGEADD':
    case 'ONIMBOTV2MESSAGEUPDATE':
    case 'ONIMBOTV2REACTIONCHANGE': {
      const { bot, chat, user, message } = event.data
      return { botId: bot.id, dialogId: chat.dialogId, userId: user?.id, messageId: message.id, text: message.text, command: undefined }
    }
    case 'ONIMBOTV2COMMANDADD': {
      const { bot, chat, user, message, command } = event.data
      return {
        botId: bot.id,
        dialogId: chat.dialogId,
        userId: user?.id,
        messageId: message.id,
        text: message.text,
        command: v2Command(command),
      }
    }
    case 'ONIMBOTV2MESSAGEDELETE': {
      const { bot, chat, user, messageId } = event.data
      return { ...nothing, botId: bot.id, dialogId: chat.dialogId, userId: user?.id, messageId }
    }
    case 'ONIMBOTV2JOINCHAT':
    case 'ONIMBOTV2CONTEXTGET': {
      const { bot, dialogId, user } = event.data
      return { ...nothing, botId: bot.id, dialogId, userId: user?.id }
    }
    case 'ONIMBOTV2DELETE':
      return { ...nothing, botId: event.data.bot.id }
    case 'ONIMV2MESSAGEADD':
    case 'ONIMV2MESSAGEUPDATE':
    case 'ONIMV2REACTIONCHANGE': {
      const { chat, user, message } = event.data
      return { ...nothing, dialogId: chat.dialogId, userId: user?.id, messageId: message.id, text: message.text }
    }
    case 'ONIMV2MESSAGEDELETE': {
      const { chat, user, messageId } = event.data
      return { ...nothing, dialogId: chat.dialogId, userId: user?.id, messageId }
    }
    case 'ONIMV2JOINCHAT': {
      const { dialogId, user } = event.data
      return { ...nothing, dialogId, userId: user?.id }
    }
  }
}

/**
 * Reads the {@link EventFacts} of a decoded event: from its typed `data`, event by event, and its
 * generation from the `events` table.
 *
 * @example
 * ```ts
 * import { factsOf } from '@b24bot/bot'
 *
 * const { generation, botId, dialogId, text } = factsOf(event)
 * if (generation === 'v2' && text !== undefined) await api.v2.Chat.Message.send({ botId: botId!, dialogId: dialogId!, fields: { message: text } })
 * ```
 */
export function factsOf(event: ImbotEvent): EventFacts {
  return { generation: events[event.event].generation, ...factsFrom(event) }
}
