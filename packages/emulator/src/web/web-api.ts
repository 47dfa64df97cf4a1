import type { IncomingMessage, ServerResponse } from 'node:http'
import { dialogIdFor } from '../views/v2-entities.ts'
import type { Portal } from '../portal.ts'
import type { PortalUser } from '../model/entities.ts'
import { chatPage } from './chat-page.ts'
import { keyboardRows, webState } from './web-state.ts'

/** Where the JSON API of the chat page lives. */
const apiPrefix = '/emulator/api/'
/** Request bodies above this many bytes get 413; a chat message is at most 20,000 characters. */
const maxBodyBytes = 1024 * 1024
/** A name, chat title and the like: this many characters at most. */
const maxNameLength = 100
/** A chat title: this many characters at most (the messenger's limit is 255). */
const maxTitleLength = 255
/** A new chat takes at most this many members at once. */
const maxMembers = 100
/** A reaction code as the messenger names them: camelCase letters and digits (`like`, `redHeart`). */
const reactionPattern = /^[a-z][a-zA-Z0-9]{0,63}$/

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

/** A one-line text of at most `maxLength` characters, trimmed; required unless `optional`. */
function readLine(value: unknown, field: string, maxLength: number, optional = false): string {
  if (value === undefined && optional) return ''
  if (typeof value !== 'string') throw new BadRequest(`${field} must be a string`)
  const text = value.trim()
  if (text === '' && !optional) throw new BadRequest(`${field} must not be empty`)
  if (text.length > maxLength) throw new BadRequest(`${field} must be at most ${String(maxLength)} characters`)
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new BadRequest(`${field} must be one line of text`)
  return text
}

/** Other active users or bots to put in a chat: ids, deduplicated, the acting user left out. */
function readMemberIds(portal: Portal, value: unknown, actingId: number): number[] {
  if (!Array.isArray(value)) throw new BadRequest('memberIds must be a list of user or bot ids')
  if (value.length > maxMembers) throw new BadRequest(`memberIds must name at most ${String(maxMembers)} members`)
  const ids = new Set((value as unknown[]).map((id) => readId(id, 'memberIds[]')))
  for (const id of ids) if (!portal.users.get(id)?.active) throw new BadRequest(`No user ${String(id)}`)
  ids.delete(actingId)
  return [...ids]
}

/** `GET state?userId=`: the people and bots, and (with `userId`) that user's dialogs with members and messages. */
function state(portal: Portal, query: URLSearchParams): WebAnswer {
  const userIdParam = query.get('userId')
  const viewer = userIdParam === null || userIdParam === '' || userIdParam === '0' ? undefined : readUser(portal, userIdParam)
  return { status: 200, body: webState(portal, viewer) }
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
  // The messenger does not let a disabled button be pressed; the page shows it disabled, and so does the API.
  const shown = keyboardRows(portal.messages.get(messageId)?.params.KEYBOARD).flat()
  const target = typeof button === 'number' ? shown[button] : shown.find((candidate) => candidate.text === button)
  if (target?.disabled) throw new BadRequest(`Button ${JSON.stringify(target.text)} is disabled`)
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

/** `POST user {name, lastName?}`: a new person of the portal (in the general chat, as employees are), to act as. */
function user(portal: Portal, body: Record<string, unknown>): WebAnswer {
  const name = readLine(body.name, 'name', maxNameLength)
  const lastName = readLine(body.lastName, 'lastName', maxNameLength, true)
  const created = portal.createUser({ name, lastName })
  return { status: 200, body: { userId: created.id } }
}

/** `POST chat {userId, title, memberIds}`: a group chat the user owns, with these members (bots among them hear JOINCHAT). */
function chat(portal: Portal, body: Record<string, unknown>): WebAnswer {
  const acting = readUser(portal, body.userId)
  const title = readLine(body.title, 'title', maxTitleLength)
  const userIds = readMemberIds(portal, body.memberIds, acting.id)
  const created = portal.as(acting.id).createChat({ title, userIds })
  return { status: 200, body: { dialogId: dialogIdFor(created, acting.id) } }
}

/** `POST invite {userId, dialogId, memberIds}`: adds members to a group chat the user is in (bots among them hear JOINCHAT). */
function invite(portal: Portal, body: Record<string, unknown>): WebAnswer {
  const acting = readUser(portal, body.userId)
  const match = typeof body.dialogId === 'string' ? /^chat(\d+)$/.exec(body.dialogId) : null
  const target = match ? portal.chats.get(Number(match[1])) : undefined
  if (!target || target.type === 'P') throw new BadRequest('dialogId must be a group chat, chat<id>')
  const userIds = readMemberIds(portal, body.memberIds, acting.id)
  portal.as(acting.id).addToChat(target.id, userIds)
  return { status: 200, body: { ok: true } }
}

/** `POST react {userId, messageId, reaction?}`: toggles the user's reaction (default `like`) on a message; answers whether it is now set. */
function react(portal: Portal, body: Record<string, unknown>): WebAnswer {
  const acting = readUser(portal, body.userId)
  const messageId = readId(body.messageId, 'messageId')
  const reaction = body.reaction ?? 'like'
  if (typeof reaction !== 'string' || !reactionPattern.test(reaction)) throw new BadRequest('reaction must be a reaction code such as like')
  const actions = portal.as(acting.id)
  const reacted = portal.messages.get(messageId)?.reactions.get(reaction)?.has(acting.id) ?? false
  if (reacted) actions.unreact(messageId, reaction)
  else actions.react(messageId, reaction)
  return { status: 200, body: { reacted: !reacted } }
}

const actions: Readonly<Record<string, (portal: Portal, body: Record<string, unknown>) => WebAnswer>> = {
  send,
  press,
  open,
  user,
  chat,
  invite,
  react,
}

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
 * `POST send`, `press`, `open`, `user`, `chat`, `invite`, `react`), acting through `portal.as(userId)` so every action raises
 * the events a portal raises. Bad input answers `{error}` with 400. Returns `false` for any other
 * path, for the caller to route.
 *
 * @example
 * ```ts
 * import type { RequestListener } from 'node:http'
 * import { Portal } from '../portal.ts'
 * import { serveWebChat } from './web-api.ts'
 *
 * const portal = new Portal()
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
