import type { ServerResponse } from 'node:http'
import type { Portal } from '../portal.ts'
import type { PortalChat, PortalFile } from '../model/entities.ts'
import { phpString } from '../rest/php.ts'
import { intval } from './classic-identity.ts'
import { storedText } from '../model/message-text.ts'
import type { MethodContext, MethodImplementation } from './method.ts'
import { chatOfDialog, dialogIdFor, v2File } from '../views/v2-entities.ts'
import { v2ActingBot, v2Error, v2Fields } from './v2-identity.ts'
import { botDialogChat } from './v2-messages.ts'

/** Files are at most 100 MB (imbot-v2 §5). */
const maxFileBytes = 104_857_600
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/

/** The URL a file is served at by the emulator (see {@link serveFile}): what `File.download` answers. */
function fileUrl(portal: Portal, file: PortalFile): string {
  return `${portal.url}/emulator/files/${String(file.id)}/${encodeURIComponent(file.name)}`
}

/**
 * `fields.name` and `fields.content` of an upload (imbot-v2 §8.4, §8.5): either missing is
 * `FILE_EMPTY`; more than 100 MB decoded is `FILE_TOO_LARGE` (counted from the length, before
 * decoding); content that is not Base64 (whitespace and missing padding tolerated, as PHP's strict
 * decoder does) is `FILE_INVALID_CONTENT`.
 */
function uploadedFile(context: MethodContext): { name: string; content: Uint8Array; caption: string } {
  const fields = v2Fields(context)
  const name = phpString(fields.name).trim()
  const raw = typeof fields.content === 'string' ? fields.content.replace(/\s+/g, '') : ''
  if (name === '' || raw === '') throw v2Error('FILE_EMPTY', 'File name or content is empty')
  const padding = raw.endsWith('==') ? 2 : raw.endsWith('=') ? 1 : 0
  if (Math.floor((raw.length * 3) / 4) - padding > maxFileBytes) throw v2Error('FILE_TOO_LARGE', 'File too large')
  if (!base64Pattern.test(raw) || raw.length % 4 === 1 || (padding > 0 && raw.length % 4 !== 0))
    throw v2Error('FILE_INVALID_CONTENT', 'File content is not valid Base64')
  return { name, content: Buffer.from(raw, 'base64'), caption: phpString(fields.message) }
}

/** Stores an upload in the chat's storage and posts the message that carries it (`params.FILE_ID`). */
function postFile(context: MethodContext, chat: PortalChat, authorId: number): { file: PortalFile; messageId: number } {
  const { name, content, caption } = uploadedFile(context)
  const file = context.portal.addFile({ chatId: chat.id, authorId, name, content })
  const message = context.portal.addMessage({ chatId: chat.id, authorId, text: storedText(caption), params: { FILE_ID: [file.id] } })
  context.portal.events.messageAdded(message)
  return { file, messageId: message.id }
}

/** The File object `imbot.v2.File.upload` answers: the five fields its example shows (decision 022). */
function briefFile(portal: Portal, file: PortalFile): Record<string, unknown> {
  const { id, chatId, name, extension, size } = v2File(portal, file)
  return { id, chatId, name, extension, size }
}

/** The File object `im.v2.File.upload` answers: the entity plus the upload fields its example shows (imbot-v2 §10.5). */
function uploadedFileView(portal: Portal, file: PortalFile): Record<string, unknown> {
  const entity = v2File(portal, file)
  const url = fileUrl(portal, file)
  return {
    ...entity,
    status: 'done',
    progress: 100,
    urlPreview: '',
    urlShow: url,
    urlDownload: url,
    viewerAttrs: {
      viewer: '',
      viewerType: entity.type === 'file' ? 'code' : entity.type,
      src: url,
      objectId: String(file.id),
      viewerGroupBy: String(file.chatId),
      imChatId: file.chatId,
      title: file.name,
      unifiedLink: url,
      actions: '[{"type":"download"}]',
    },
    mediaUrl: { preview: { 250: '' } },
  }
}

/** The chat an `im.v2` call names by `dialogId`, for the calling user: `CHAT_NOT_FOUND` / `ACCESS_DENIED`. */
function userDialogChat(context: MethodContext): PortalChat {
  const chat = chatOfDialog(context.portal, context.params.dialogId, context.userId)
  if (!chat) throw v2Error('CHAT_NOT_FOUND', 'Chat not found')
  if (!chat.userIds.has(context.userId)) throw v2Error('ACCESS_DENIED', 'Access denied')
  return chat
}

const fileNotFound = () => v2Error('FILE_NOT_FOUND', 'File not found')

/**
 * `imbot.v2.File.upload` (imbot-v2 §8.4, §12): as the bot, into a dialog it is in (`ACCESS_DENIED`),
 * stores the file and posts it with the optional caption. Answers `{ file, messageId, chatId, dialogId }`.
 */
const botUpload: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const chat = botDialogChat(context, bot)
    const { file, messageId } = postFile(context, chat, bot.id)
    return { file: briefFile(context.portal, file), messageId, chatId: chat.id, dialogId: dialogIdFor(chat, bot.id) }
  },
}

/**
 * `imbot.v2.File.download` (imbot-v2 §8.4): `fileId` must name a file (`FILE_NOT_FOUND`) of a chat the
 * bot is in (`FILE_ACCESS_ERROR`); `dialogId` is not needed. Answers `{ downloadUrl }`.
 */
const botDownload: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const file = context.portal.files.get(intval(context.params.fileId))
    if (!file) throw fileNotFound()
    if (!context.portal.chats.get(file.chatId)?.userIds.has(bot.id)) throw v2Error('FILE_ACCESS_ERROR', 'File access error')
    return { downloadUrl: fileUrl(context.portal, file) }
  },
}

/**
 * `im.v2.File.upload` (imbot-v2 §8.5): as the calling user, into a dialog (`CHAT_NOT_FOUND`) they are
 * in (`ACCESS_DENIED`). Answers `{ file, messageId, chatId, dialogId }` with the richer File object.
 */
const userUpload: MethodImplementation = {
  scope: 'im',
  handle(context) {
    const chat = userDialogChat(context)
    const { file, messageId } = postFile(context, chat, context.userId)
    return { file: uploadedFileView(context.portal, file), messageId, chatId: chat.id, dialogId: dialogIdFor(chat, context.userId) }
  },
}

/**
 * `im.v2.File.download` (imbot-v2 §8.5): the dialog (its refusals as in upload; a dialog that names
 * nothing is `ACCESS_DENIED` here, the only chat error documented), then a file of that chat
 * (`FILE_NOT_FOUND`). Answers `{ downloadUrl }`.
 */
const userDownload: MethodImplementation = {
  scope: 'im',
  handle(context) {
    const chat = chatOfDialog(context.portal, context.params.dialogId, context.userId)
    if (!chat?.userIds.has(context.userId)) throw v2Error('ACCESS_DENIED', 'Access denied')
    const file = context.portal.files.get(intval(context.params.fileId))
    if (file?.chatId !== chat.id) throw fileNotFound()
    return { downloadUrl: fileUrl(context.portal, file) }
  },
}

/** `imbot.v2.File.*` and `im.v2.File.*`, keyed by lower-cased method name. */
export const fileMethods: Readonly<Record<string, MethodImplementation>> = {
  'imbot.v2.file.upload': botUpload,
  'imbot.v2.file.download': botDownload,
  'im.v2.file.upload': userUpload,
  'im.v2.file.download': userDownload,
}

/** The media type of an avatar by its signature: PNG, JPEG, GIF or WebP (the kinds `Chat.add`/`update` keep). */
function imageType(bytes: Uint8Array): string {
  if (bytes[0] === 0x89) return 'image/png'
  if (bytes[0] === 0xff) return 'image/jpeg'
  if (bytes[0] === 0x47) return 'image/gif'
  return 'image/webp'
}

/**
 * Answers `GET /emulator/avatar/chat<id>`, the `avatar` URL of a v2 Chat object (imbot-v2 §10.3),
 * with the chat's image. `false` for a chat without one.
 */
function serveChatAvatar(portal: Portal, pathname: string, response: ServerResponse): boolean {
  const match = /^\/emulator\/avatar\/chat(\d+)$/.exec(pathname)
  const avatar = match ? portal.chats.get(Number(match[1]))?.avatar : undefined
  if (avatar === undefined || avatar === '') return false
  const bytes = Buffer.from(avatar, 'base64')
  response.writeHead(200, { 'content-type': imageType(bytes), 'content-length': bytes.byteLength })
  response.end(bytes)
  return true
}

/**
 * Answers `GET /emulator/files/<id>/<name>`, the `downloadUrl` of `File.download`, with the file's
 * bytes, and `GET /emulator/avatar/chat<id>`, a chat's `avatar` URL, with its image. Returns `false`
 * for any other path or an unknown file, for the caller's 404.
 */
export function serveFile(portal: Portal, pathname: string, response: ServerResponse): boolean {
  if (serveChatAvatar(portal, pathname, response)) return true
  const match = /^\/emulator\/files\/(\d+)(?:\/|$)/.exec(pathname)
  const file = match ? portal.files.get(Number(match[1])) : undefined
  if (!file) return false
  response.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': file.content.byteLength,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
  })
  response.end(file.content)
  return true
}
