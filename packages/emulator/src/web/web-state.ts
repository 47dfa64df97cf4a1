import { dialogIdFor } from '../views/v2-entities.ts'
import type { Portal } from '../portal.ts'
import type { PortalChat, PortalMessage, PortalUser } from '../model/entities.ts'
import { renderBbCode } from './chat-page.ts'
import { reactionEmoji } from './reaction-emoji.ts'

/*
 * What `GET state` answers: a read-only view of the portal for the chat page. Nothing here writes.
 */

/** Each dialog shows at most its latest this-many messages. */
const maxMessages = 200

/**
 * A colour the page may apply to a button: `#rgb` or `#rrggbb`, nothing else. The page sets it through
 * the CSSOM (`node.style.backgroundColor = ...`), which the CSP allows and which takes one value of one
 * property, so a checked hex colour cannot carry any other CSS; anything else is dropped here.
 */
const hexColor = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i

/** A person or bot in the page's selects. */
export interface WebPerson {
  readonly id: number
  readonly name: string
}

/** A member of a dialog: enough for the page to offer "@name" mentions of bots. */
export interface WebMember extends WebPerson {
  readonly bot: boolean
}

/**
 * A keyboard button: its position among the message's buttons (what `press` takes), its label and
 * layout. `display: 'LINE'` buttons take a row of their own; colours are present only when they are
 * safe `#hex` values.
 */
export interface WebButton {
  readonly index: number
  readonly text: string
  readonly display: 'LINE' | 'BLOCK'
  readonly disabled: boolean
  readonly bgColor?: string
  readonly textColor?: string
}

/** A reaction on a message: its code, its emoji when the code is a known one, how many and whether the viewer is among them. */
export interface WebReaction {
  readonly reaction: string
  readonly emoji: string | null
  readonly count: number
  readonly mine: boolean
}

/** A message as the page shows it: its text already rendered to safe HTML. */
export interface WebMessage {
  readonly id: number
  readonly authorId: number
  readonly author: string
  readonly html: string
  readonly system: boolean
  readonly deleted: boolean
  readonly edited: boolean
  /** The attachment's blocks as lines of safe HTML (BB-code rendered by `renderBbCode`). */
  readonly attach: readonly string[]
  /** Keyboard rows: split at `NEWLINE` buttons, a `LINE` button alone in its row. */
  readonly keyboard: readonly (readonly WebButton[])[]
  /** Reactions with at least one user, in the order they were first given. */
  readonly reactions: readonly WebReaction[]
}

/** A dialog of the acting user: a private chat (`kind` of the other side) or a group chat. */
export interface WebDialog {
  readonly dialogId: string
  readonly title: string
  readonly kind: 'bot' | 'user' | 'chat'
  /** Everyone in the chat (the viewer too), by id. */
  readonly members: readonly WebMember[]
  readonly messages: readonly WebMessage[]
}

/** The whole answer of `GET state`. */
export interface WebState {
  readonly userId: number | null
  readonly users: readonly WebPerson[]
  readonly bots: readonly WebPerson[]
  readonly dialogs: readonly WebDialog[]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function fullName(user: { readonly name: string; readonly lastName: string }): string {
  return `${user.name} ${user.lastName}`.trim()
}

/**
 * How the page names a user or bot: a bot by its profile name (`imbot.register` keeps `PROPERTIES.NAME`
 * on the bot, while its user row may still carry the code), else the user's name, else the bot's code;
 * 0 is the system.
 */
function displayName(portal: Portal, userId: number): string {
  if (userId === 0) return 'System'
  const bot = portal.bots.get(userId)
  const user = portal.users.get(userId)
  const names = [bot ? fullName(bot) : '', user ? fullName(user) : '', bot?.code ?? '']
  return names.find((name) => name !== '') ?? `User ${String(userId)}`
}

/** Lines of an `ATTACH`, as BB-code: a list of blocks, or `{BLOCKS}` (as stored, whichever shape was sent). */
function attachLines(attach: unknown): string[] {
  const blocks = Array.isArray(attach) ? attach : isRecord(attach) ? attach.BLOCKS : undefined
  const list: unknown[] = Array.isArray(blocks) ? blocks : isRecord(blocks) ? Object.values(blocks) : []
  const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '')
  const label = (value: unknown): string => {
    if (!isRecord(value)) return text(value)
    const name = text(value.NAME) || text(value.TITLE) || text(value.LINK)
    const detail = text(value.VALUE) || text(value.DESC)
    return name && detail ? `${name}: ${detail}` : name || detail
  }
  return list.filter(isRecord).flatMap((block) =>
    Object.entries(block).flatMap(([kind, value]) => {
      if (kind === 'DELIMITER') return ['—']
      const items: unknown[] = Array.isArray(value) ? value : [value]
      return items.map(label).filter((line) => line !== '')
    }),
  )
}

/** A keyboard entry as the page shows it; the colours only when they are plain `#hex`. */
function webButton(entry: Readonly<Record<string, unknown>>, index: number): WebButton {
  const color = (value: unknown): string | undefined => (typeof value === 'string' && hexColor.test(value) ? value : undefined)
  const bgColor = color(entry.BG_COLOR)
  const textColor = color(entry.TEXT_COLOR)
  return {
    index,
    text: typeof entry.TEXT === 'string' ? entry.TEXT : '?',
    display: entry.DISPLAY === 'LINE' ? 'LINE' : 'BLOCK',
    disabled: entry.DISABLED === 'Y' || entry.DISABLED === true,
    ...(bgColor === undefined ? {} : { bgColor }),
    ...(textColor === undefined ? {} : { textColor }),
  }
}

/**
 * Keyboard rows as the messenger lays them out: a `NEWLINE` entry ends a row, a `DISPLAY: 'LINE'`
 * button has a row to itself, `BLOCK` buttons (the default) share one. A button's index counts
 * buttons only, as `press` does.
 */
export function keyboardRows(keyboard: unknown): WebButton[][] {
  const rows: WebButton[][] = [[]]
  let index = 0
  for (const entry of Array.isArray(keyboard) ? (keyboard as unknown[]) : []) {
    if (!isRecord(entry)) continue
    if (entry.TYPE === 'NEWLINE') {
      rows.push([])
      continue
    }
    const button = webButton(entry, index++)
    if (button.display === 'LINE') rows.push([button], [])
    else rows[rows.length - 1]?.push(button)
  }
  return rows.filter((row) => row.length > 0)
}

function webReactions(message: PortalMessage, viewerId: number): WebReaction[] {
  return [...message.reactions]
    .filter(([, users]) => users.size > 0)
    .map(([reaction, users]) => ({ reaction, emoji: reactionEmoji(reaction) ?? null, count: users.size, mine: users.has(viewerId) }))
}

function webMessage(portal: Portal, message: PortalMessage, viewerId: number): WebMessage {
  return {
    id: message.id,
    authorId: message.authorId,
    author: displayName(portal, message.authorId),
    html: renderBbCode(message.text),
    system: message.system,
    deleted: message.deleted,
    edited: message.updatedAt !== undefined,
    attach: message.deleted ? [] : attachLines(message.params.ATTACH).map(renderBbCode),
    keyboard: message.deleted ? [] : keyboardRows(message.params.KEYBOARD),
    reactions: message.deleted ? [] : webReactions(message, viewerId),
  }
}

function webDialog(portal: Portal, chat: PortalChat, viewerId: number, messages: readonly PortalMessage[]): WebDialog {
  const dialogId = dialogIdFor(chat, viewerId)
  const members = [...chat.userIds]
    .sort((a, b) => a - b)
    .map((id) => ({ id, name: displayName(portal, id), bot: portal.users.get(id)?.bot ?? portal.bots.has(id) }))
  const shown = messages.map((message) => webMessage(portal, message, viewerId))
  if (chat.type !== 'P') return { dialogId, title: chat.title || `Chat ${String(chat.id)}`, kind: 'chat', members, messages: shown }
  const otherId = Number(dialogId)
  return {
    dialogId,
    title: displayName(portal, otherId),
    kind: portal.users.get(otherId)?.bot ? 'bot' : 'user',
    members,
    messages: shown,
  }
}

/**
 * The people and bots (by display name), and for `viewer` their dialogs, most recent first, each with
 * its members and latest messages.
 */
export function webState(portal: Portal, viewer: PortalUser | undefined): WebState {
  const active = [...portal.users.values()].filter((user) => user.active)
  const person = (user: PortalUser): WebPerson => ({ id: user.id, name: displayName(portal, user.id) })
  const users = active.filter((user) => !user.bot).map(person)
  const bots = active.filter((user) => user.bot && portal.bots.has(user.id)).map(person)
  if (!viewer) return { userId: null, users, bots, dialogs: [] }
  const byChat: Map<number, PortalMessage[]> = new Map()
  for (const message of portal.messages.values()) {
    const list = byChat.get(message.chatId)
    if (list) list.push(message)
    else byChat.set(message.chatId, [message])
  }
  const lastId = (chat: PortalChat): number => byChat.get(chat.id)?.at(-1)?.id ?? 0
  const dialogs = [...portal.chats.values()]
    .filter((chat) => chat.userIds.has(viewer.id))
    .sort((a, b) => lastId(b) - lastId(a) || b.id - a.id)
    .map((chat) => webDialog(portal, chat, viewer.id, (byChat.get(chat.id) ?? []).slice(-maxMessages)))
  return { userId: viewer.id, users, bots, dialogs }
}
