import type { IncomingMessage, ServerResponse } from 'node:http'
import { dialogIdFor } from '../views/v2-entities.ts'
import type { Portal } from '../portal.ts'
import type { PortalChat, PortalMessage, PortalUser } from '../model/entities.ts'
import { chatPage, renderBbCode } from './chat-page.ts'

/** Where the JSON API of the chat page lives. */
const apiPrefix = '/emulator/api/'
/** Request bodies above this many bytes get 413; a chat message is at most 20,000 characters. */
const maxBodyBytes = 1024 * 1024
/** Each dialog shows at most its latest this-many messages. */
const maxMessages = 200

/** A person or bot in the page's selects. */
interface WebPerson {
  readonly id: number
  readonly name: string
}

/** A keyboard button: its position among the message's buttons (what `press` takes) and its label. */
interface WebButton {
  readonly index: number
  readonly text: string
}

/** A message as the page shows it: its text already rendered to safe HTML. */
interface WebMessage {
  readonly id: number
  readonly authorId: number
  readonly author: string
  readonly html: string
  readonly system: boolean
  readonly deleted: boolean
  readonly edited: boolean
  /** The attachment's blocks as plain text lines. */
  readonly attach: readonly string[]
  /** Keyboard rows (split at `NEWLINE` buttons). */
  readonly keyboard: readonly (readonly WebButton[])[]
}

/** A dialog of the acting user: a private chat (`kind` of the other side) or a group chat. */
interface WebDialog {
  readonly dialogId: string
  readonly title: string
  readonly kind: 'bot' | 'user' | 'chat'
  readonly messages: readonly WebMessage[]
}

/** An API answer before it is written. */
interface WebAnswer {
  readonly status: number
  readonly body: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/** Bad input from the page: answered as `{error}` with 400. */
class BadRequest extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function fullName(user: PortalUser | undefined): string {
  return user ? `${user.name} ${user.lastName}`.trim() : 'System'
}

/** A positive integer id, given as a JSON number or a decimal string. */
function readId(value: unknown, field: string): number {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new BadRequest(`${field} must be a positive integer`)
  return id
}

/** The acting user: a person of the portal (bots act through REST, not through this page). */
function readUser(portal: Portal, value: unknown): PortalUser {
  const id = readId(value, 'userId')
  const user = portal.users.get(id)
  if (!user || user.bot) throw new BadRequest(`No user ${String(id)} (bots cannot act here)`)
  return user
}

/** Plain-text lines of an `ATTACH`: a list of blocks, or `{BLOCKS}` (as stored, whichever shape was sent). */
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

/** Keyboard rows; a button's index counts buttons only, as `press` does. */
function keyboardRows(keyboard: unknown): WebButton[][] {
  const rows: WebButton[][] = [[]]
  let index = 0
  for (const entry of Array.isArray(keyboard) ? (keyboard as unknown[]) : []) {
    if (!isRecord(entry)) continue
    if (entry.TYPE === 'NEWLINE') rows.push([])
    else rows[rows.length - 1]?.push({ index: index++, text: typeof entry.TEXT === 'string' ? entry.TEXT : '?' })
  }
  return rows.filter((row) => row.length > 0)
}

function webMessage(portal: Portal, message: PortalMessage): WebMessage {
  return {
    id: message.id,
    authorId: message.authorId,
    author: fullName(portal.users.get(message.authorId)),
    html: renderBbCode(message.text),
    system: message.system,
    deleted: message.deleted,
    edited: message.updatedAt !== undefined,
    attach: message.deleted ? [] : attachLines(message.params.ATTACH),
    keyboard: message.deleted ? [] : keyboardRows(message.params.KEYBOARD),
  }
}

function webDialog(portal: Portal, chat: PortalChat, viewerId: number, messages: readonly PortalMessage[]): WebDialog {
  const dialogId = dialogIdFor(chat, viewerId)
  if (chat.type !== 'P')
    return {
      dialogId,
      title: chat.title || `Chat ${String(chat.id)}`,
      kind: 'chat',
      messages: messages.map((message) => webMessage(portal, message)),
    }
  const other = portal.users.get(Number(dialogId))
  return {
    dialogId,
    title: fullName(other),
    kind: other?.bot ? 'bot' : 'user',
    messages: messages.map((message) => webMessage(portal, message)),
  }
}

/** `GET state`: the people and bots, and (with `userId`) that user's dialogs, most recent first. */
function state(portal: Portal, query: URLSearchParams): WebAnswer {
  const people = [...portal.users.values()].filter((user) => user.active)
  const person = (user: PortalUser): WebPerson => ({ id: user.id, name: fullName(user) })
  const users = people.filter((user) => !user.bot).map(person)
  const bots = people.filter((user) => user.bot && portal.bots.has(user.id)).map(person)
  const userIdParam = query.get('userId')
  if (userIdParam === null || userIdParam === '' || userIdParam === '0')
    return { status: 200, body: { userId: null, users, bots, dialogs: [] } }
  const user = readUser(portal, userIdParam)
  const byChat: Map<number, PortalMessage[]> = new Map()
  for (const message of portal.messages.values()) {
    const list = byChat.get(message.chatId)
    if (list) list.push(message)
    else byChat.set(message.chatId, [message])
  }
  const lastId = (chat: PortalChat): number => byChat.get(chat.id)?.at(-1)?.id ?? 0
  const dialogs = [...portal.chats.values()]
    .filter((chat) => chat.userIds.has(user.id))
    .sort((a, b) => lastId(b) - lastId(a) || b.id - a.id)
    .map((chat) => webDialog(portal, chat, user.id, (byChat.get(chat.id) ?? []).slice(-maxMessages)))
  return { status: 200, body: { userId: user.id, users, bots, dialogs } }
}

/** `POST send {userId, dialogId, text}`: the user writes; a line starting with `/` runs a command. */
function send(portal: Portal, body: Record<string, unknown>): WebAnswer {
  const user = readUser(portal, body.userId)
  const dialogId = typeof body.dialogId === 'number' ? String(body.dialogId) : body.dialogId
  if (typeof dialogId !== 'string' || dialogId === '') throw new BadRequest('dialogId must be a user id or chat<id>')
  if (typeof body.text !== 'string' || body.text.trim() === '') throw new BadRequest('text must be a non-empty string')
  const message = portal.as(user.id).send(dialogId, body.text)
  return { status: 200, body: { messageId: message.id } }
}

/** `POST press {userId, messageId, button}`: a keyboard button, by index or text. */
function press(portal: Portal, body: Record<string, unknown>): WebAnswer {
  const user = readUser(portal, body.userId)
  const messageId = readId(body.messageId, 'messageId')
  const button = body.button
  if (!(typeof button === 'string' && button !== '') && !(typeof button === 'number' && Number.isSafeInteger(button) && button >= 0)) {
    throw new BadRequest('button must be a button index or text')
  }
  portal.as(user.id).press(messageId, button)
  return { status: 200, body: { ok: true } }
}

/** `POST open {userId, withUserId}`: the private dialog with a user or bot (a bot hears JOINCHAT the first time). */
function open(portal: Portal, body: Record<string, unknown>): WebAnswer {
  const user = readUser(portal, body.userId)
  const withUserId = readId(body.withUserId, 'withUserId')
  if (!portal.users.has(withUserId)) throw new BadRequest(`No user ${String(withUserId)}`)
  const chat = portal.as(user.id).openDialog(withUserId)
  return { status: 200, body: { dialogId: dialogIdFor(chat, user.id) } }
}

const actions: Readonly<Record<string, (portal: Portal, body: Record<string, unknown>) => WebAnswer>> = { send, press, open }

/** Reads the whole body; more than the limit answers `undefined` (read to the end, so the 413 can be sent). */
async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size <= maxBodyBytes) chunks.push(chunk)
  }
  return size > maxBodyBytes ? undefined : Buffer.concat(chunks).toString('utf8')
}

async function answerApi(portal: Portal, request: IncomingMessage, name: string, query: URLSearchParams): Promise<WebAnswer> {
  const method = request.method ?? 'GET'
  if (name === 'state')
    return method === 'GET' || method === 'HEAD'
      ? state(portal, query)
      : { status: 405, headers: { allow: 'GET' }, body: { error: 'Use GET' } }
  const action = Object.hasOwn(actions, name) ? actions[name] : undefined
  if (!action) return { status: 404, body: { error: `No API ${name}` } }
  if (method !== 'POST') return { status: 405, headers: { allow: 'POST' }, body: { error: 'Use POST' } }
  // Only JSON: a page of another site cannot send that without a CORS preflight, which is never allowed.
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new BadRequest('Content-Type must be application/json')
  const text = await readBody(request)
  if (text === undefined) return { status: 413, body: { error: 'Request body too large' } }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new BadRequest('The body must be a JSON object')
  }
  if (!isRecord(body)) throw new BadRequest('The body must be a JSON object')
  return action(portal, body)
}

function reply(response: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: string): void {
  response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) })
  response.end(body)
}

/**
 * Serves the chat page for humans at `GET /` and its JSON API under `/emulator/api/` (`GET state?userId=`,
 * `POST send`, `POST press`, `POST open`), acting through `portal.as(userId)` so every action raises
 * the events a portal raises. Bad input answers `{error}` with 400. Returns `false` for any other
 * path, for the caller to route.
 *
 * @example
 * ```ts
 * const listener: RequestListener = (request, response) => {
 *   if (serveWebChat(portal, request, response)) return
 *   // ... REST
 * }
 * ```
 */
export function serveWebChat(portal: Portal, request: IncomingMessage, response: ServerResponse): boolean {
  const url = new URL(request.url ?? '/', 'http://emulator')
  if (url.pathname === '/') {
    if (request.method === 'GET' || request.method === 'HEAD') reply(response, 200, chatPage.headers, chatPage.html)
    else reply(response, 405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET' }, 'Method Not Allowed')
    return true
  }
  if (!url.pathname.startsWith(apiPrefix)) return false
  // Events the action causes go out after its response, as for REST calls.
  response.once('close', portal.events.hold())
  const json = { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' }
  void answerApi(portal, request, url.pathname.slice(apiPrefix.length), url.searchParams)
    .catch((error: unknown): WebAnswer => {
      // What a user cannot do (not a member, no such button...) the user actions throw as plain errors;
      // anything else (a TypeError...) is the emulator's bug.
      if (error instanceof BadRequest || (error instanceof Error && error.name === 'Error'))
        return { status: 400, body: { error: error.message } }
      return { status: 500, body: { error: `Emulator failure: ${String(error)}` } }
    })
    .then((answer) => {
      reply(response, answer.status, { ...json, ...answer.headers }, JSON.stringify(answer.body))
    })
    .catch(() => response.destroy())
  return true
}
