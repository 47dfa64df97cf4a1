import type { ImbotEvent } from '@b24bot/imbot'

/** Which API generation an event comes from, and so which methods answer it. */
export type Generation = 'classic' | 'v2' | 'app' | 'user'

/** A command as events carry it, the same for classic and v2. */
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
 */
export interface EventFacts {
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

type Loose = Readonly<Record<string, unknown>>

const asRecord = (value: unknown): Loose => (typeof value === 'object' && value !== null ? (value as Loose) : {})
const asNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined)

/** The generation of an event name. */
export function generationOf(event: string): Generation {
  if (event.startsWith('ONIMBOTV2')) return 'v2'
  if (event.startsWith('ONIMV2')) return 'user'
  if (event.startsWith('ONAPP')) return 'app'
  return 'classic'
}

/** A command from its wire parts (classic `COMMAND*` or v2 `command.*`); `undefined` without a name. */
function commandFact(name: unknown, params: unknown, id: unknown, context: unknown): CommandFact | undefined {
  const text = asString(name)
  if (text === undefined) return undefined
  const how = (asString(context) ?? 'textarea').toLowerCase()
  return {
    name: text.replace(/^\//, ''),
    params: asString(params) ?? '',
    id: asNumber(id) ?? 0,
    context: how === 'keyboard' || how === 'menu' ? how : 'textarea',
  }
}

/**
 * Of the app's bots a classic event lists in `data[BOT]` (several when, say, a supervisor bot and a
 * mentioned one are both in the chat): the one the event names (a join's `BOT_ID`), else the one the
 * message is addressed to (`TO_USER_ID`: the bot of a private chat, the first mention in a group),
 * else one that is mentioned, else the first.
 */
function addressedBot(data: Loose, params: Loose): number | undefined {
  const ids = Object.values(asRecord(data.BOT)).flatMap((entry) => asNumber(asRecord(entry).BOT_ID) ?? [])
  const mentioned = new Set(Object.keys(asRecord(params.MENTIONED_LIST)).map(Number))
  const named = [asNumber(params.BOT_ID), asNumber(params.TO_USER_ID)]
  return ids.find((id) => id === named[0]) ?? ids.find((id) => id === named[1]) ?? ids.find((id) => mentioned.has(id)) ?? ids[0]
}

function classicFacts(event: ImbotEvent): Omit<EventFacts, 'generation'> {
  const data = asRecord(event.data)
  const params = asRecord(data.PARAMS)
  const user = asRecord(data.USER)
  const commandEntry = asRecord(Object.values(asRecord(data.COMMAND))[0])
  const botId = asNumber(commandEntry.BOT_ID) ?? addressedBot(data, params) ?? asNumber(params.BOT_ID) ?? asNumber(data.BOT_ID)
  return {
    botId,
    dialogId: asString(params.DIALOG_ID),
    // Group-chat edits and deletes may come without `USER` and `FROM_USER_ID`: the author is `AUTHOR_ID`.
    userId: asNumber(user.ID) ?? asNumber(params.USER_ID) ?? asNumber(params.FROM_USER_ID) ?? asNumber(params.AUTHOR_ID),
    messageId: asNumber(params.MESSAGE_ID) ?? asNumber(commandEntry.MESSAGE_ID),
    text: asString(params.MESSAGE),
    command: commandFact(commandEntry.COMMAND, commandEntry.COMMAND_PARAMS, commandEntry.COMMAND_ID, commandEntry.COMMAND_CONTEXT),
  }
}

function v2Facts(event: ImbotEvent): Omit<EventFacts, 'generation'> {
  const data = asRecord(event.data)
  const chat = asRecord(data.chat)
  const message = asRecord(data.message)
  const command = asRecord(data.command)
  return {
    botId: asNumber(asRecord(data.bot).id),
    dialogId: asString(data.dialogId) ?? asString(chat.dialogId),
    userId: asNumber(asRecord(data.user).id),
    messageId: asNumber(message.id) ?? asNumber(data.messageId),
    text: asString(message.text),
    command: commandFact(command.command, command.params, command.id, command.context),
  }
}

/** Reads the {@link EventFacts} of an event. */
export function factsOf(event: ImbotEvent): EventFacts {
  const generation = generationOf(event.event)
  const facts = generation === 'v2' || generation === 'user' ? v2Facts(event) : classicFacts(event)
  return { generation, ...facts }
}
