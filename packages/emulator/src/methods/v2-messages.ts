import { hearsEverything, reactionSet, type PortalBot, type PortalChat, type PortalMessage } from '../model/entities.ts'
import { phpEmpty, phpIsset, phpObject, phpString } from '../rest/php.ts'
import { intval } from './classic-identity.ts'
import { editWindowMs, storedText } from '../model/message-text.ts'
import { readAttach, readButtons } from './message-params.ts'
import type { MethodContext, MethodImplementation } from './method.ts'
import { chatOfDialog, v2Message, v2User } from '../views/v2-entities.ts'
import { v2ActingBot, v2Error, v2Fields, v2Flag } from './v2-identity.ts'

/** At most this many messages are forwarded by one send (imbot-v2 §5). */
const forwardLimit = 100

/** `Chat.Message.getContext`: messages on each side of the centre, 1..50, default 50 (imbot-v2 §5). */
const contextRange = { min: 1, max: 50 }

/** The 48 reaction codes (imbot-v2 §8.6); any other is `REACTION_NOT_FOUND`. */
const reactionCodes: ReadonlySet<string> = new Set([
  'like',
  'dislike',
  'faceWithTearsOfJoy',
  'redHeart',
  'neutralFace',
  'fire',
  'cry',
  'slightlySmilingFace',
  'winkingFace',
  'laugh',
  'kiss',
  'wonder',
  'slightlyFrowningFace',
  'loudlyCryingFace',
  'faceWithStuckOutTongue',
  'faceWithStuckOutTongueAndWinkingEye',
  'smilingFaceWithSunglasses',
  'confusedFace',
  'flushedFace',
  'thinkingFace',
  'angry',
  'smilingFaceWithHorns',
  'faceWithThermometer',
  'facepalm',
  'poo',
  'flexedBiceps',
  'clappingHands',
  'raisedHand',
  'smilingFaceWithHeartEyes',
  'smilingFaceWithHearts',
  'pleadingFace',
  'relievedFace',
  'foldedHands',
  'okHand',
  'signHorns',
  'loveYouGesture',
  'clownFace',
  'partyingFace',
  'questionMark',
  'exclamationMark',
  'lightBulb',
  'bomb',
  'sleepingSymbol',
  'crossMark',
  'whiteHeavyCheckMark',
  'eyes',
  'handshake',
  'hundredPoints',
])

const accessDenied = () => v2Error('ACCESS_DENIED', 'Access denied')

/**
 * The chat a v2 `dialogId` names, as the bot posts to or reads it: a private dialog with a user is
 * made on first use; a dialog that names nothing, or a chat the bot is not in, is `ACCESS_DENIED`
 * (decision 022).
 */
export function botDialogChat(context: MethodContext, bot: PortalBot): PortalChat {
  const chat = chatOfDialog(context.portal, context.params.dialogId, bot.id)
  if (!chat?.userIds.has(bot.id)) throw accessDenied()
  return chat
}

/** The live message `messageId` names, in a chat the bot is in; anything else is `ACCESS_DENIED`. */
function visibleMessage(context: MethodContext, bot: PortalBot): PortalMessage {
  const message = context.portal.messages.get(intval(context.params.messageId))
  if (!message || message.deleted || !context.portal.chats.get(message.chatId)?.userIds.has(bot.id)) throw accessDenied()
  return message
}

/** Whether the bot administers the chat (owner or manager): it may then delete others' messages. */
function administers(chat: PortalChat | undefined, bot: PortalBot): boolean {
  return chat !== undefined && (chat.ownerId === bot.id || chat.managerIds.has(bot.id))
}

/** `{ result: true }`: what the v2 action methods answer (imbot-v2 §16.6). */
const done = (): { result: true } => ({ result: true })

/**
 * `fields.forwardIds` as `[uuid, messageId]` pairs (imbot-v2 §8.2): an object `{uuid: id}`; more than
 * 100 entries is `TOO_MANY_MESSAGES` (decision 022).
 */
function forwardPairs(value: unknown): [string, number][] {
  const pairs = Object.entries(phpObject(value)).map(([uuid, id]): [string, number] => [uuid, intval(id)])
  if (pairs.length > forwardLimit) throw v2Error('TOO_MANY_MESSAGES', `You can forward at most ${String(forwardLimit)} messages`)
  return pairs
}

/**
 * `imbot.v2.Chat.Message.send` (imbot-v2 §8.2): the bot, the dialog (`ACCESS_DENIED` unless the bot is
 * in it; a private dialog is made on first use), then the content: text stored as the classic methods
 * store it, ATTACH and KEYBOARD with the classic checks, `system` (author 0), `urlPreview`, `replyId`,
 * `templateId` (the uuid); no text, attach or forward is `EMPTY_MESSAGE`. The message is posted first,
 * then each forward as its own message. Answers `{ id, uuidMap }`.
 */
const send: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const chat = botDialogChat(context, bot)
    const fields = v2Fields(context)
    const text = typeof fields.message === 'string' ? fields.message.trim() : ''
    const params: Record<string, unknown> = {}
    if (!phpEmpty(fields.attach)) params.ATTACH = readAttach(fields.attach)
    if (!phpEmpty(fields.keyboard)) {
      const keyboard = readButtons(fields.keyboard, 'KEYBOARD')
      if (keyboard) params.KEYBOARD = keyboard
    }
    const forwards = forwardPairs(fields.forwardIds)
    if (text === '' && params.ATTACH === undefined && forwards.length === 0) throw v2Error('EMPTY_MESSAGE', 'Message is empty')
    if (v2Flag(fields.urlPreview) === false) params.URL_PREVIEW = 'N'
    const reply = context.portal.messages.get(intval(fields.replyId))
    if (reply?.chatId === chat.id) params.REPLY_ID = reply.id

    const system = v2Flag(fields.system) ?? false
    const author = system ? 0 : bot.id
    let id: number | null = null
    if (text !== '' || params.ATTACH !== undefined) {
      const message = context.portal.addMessage({
        chatId: chat.id,
        authorId: author,
        text: storedText(text),
        params,
        system,
        uuid: phpString(fields.templateId),
      })
      context.portal.events.messageAdded(message)
      id = message.id
    }
    const uuidMap: Record<string, number> = {}
    for (const [uuid, originalId] of forwards) {
      const original = context.portal.messages.get(originalId)
      if (!original || original.deleted || !context.portal.chats.get(original.chatId)?.userIds.has(bot.id)) continue
      const forward = context.portal.addMessage({
        chatId: chat.id,
        authorId: author,
        text: original.text,
        params: { ...original.params, FORWARD_ID: original.id, FORWARD_USER_ID: original.authorId, FORWARD_CHAT_ID: original.chatId },
      })
      context.portal.events.messageAdded(forward)
      uuidMap[uuid] = forward.id
    }
    return { id, uuidMap }
  },
}

/**
 * `imbot.v2.Chat.Message.update` (imbot-v2 §8.2): only the bot's own live message younger than three
 * days on the portal clock (`ACCESS_DENIED` otherwise, system messages included). `message` replaces
 * the text (blank deletes it, as classic update does); `attach` and `keyboard` replace theirs, `'N'` or
 * an empty value removes them; `urlPreview`. Answers `{ result: true }`.
 */
const update: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const message = visibleMessage(context, bot)
    if (message.authorId !== bot.id || context.portal.clock.now() - message.createdAt.getTime() >= editWindowMs) throw accessDenied()
    const fields = v2Fields(context)
    for (const [field, kind] of [
      ['attach', 'ATTACH'],
      ['keyboard', 'KEYBOARD'],
    ] as const) {
      if (!phpIsset(fields[field])) continue
      if (phpEmpty(fields[field]) || fields[field] === 'N') Reflect.deleteProperty(message.params, kind)
      else message.params[kind] = kind === 'ATTACH' ? readAttach(fields[field]) : readButtons(fields[field], kind, true)
    }
    const urlPreview = v2Flag(fields.urlPreview)
    if (urlPreview === false) message.params.URL_PREVIEW = 'N'
    if (urlPreview === true) Reflect.deleteProperty(message.params, 'URL_PREVIEW')
    if (phpIsset(fields.message)) {
      const text = phpString(fields.message).trim()
      if (text === '') {
        context.portal.softDelete(message)
        context.portal.events.messageDeleted(message, bot.id)
        return done()
      }
      message.text = storedText(text)
    }
    message.updatedAt = new Date(context.portal.clock.now())
    context.portal.events.messageUpdated(message, bot.id)
    return done()
  },
}

/**
 * `imbot.v2.Chat.Message.delete` (imbot-v2 §8.2): the bot's own message at any age, or any message
 * (system ones included) of a chat the bot administers; else `ACCESS_DENIED`. Soft unless `complete`.
 * Answers `{ result: true }`.
 */
const remove: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const message = visibleMessage(context, bot)
    if (message.authorId !== bot.id && !administers(context.portal.chats.get(message.chatId), bot)) throw accessDenied()
    if (v2Flag(context.params.complete) === true) context.portal.messages.delete(message.id)
    else context.portal.softDelete(message)
    context.portal.events.messageDeleted(message, bot.id)
    return done()
  },
}

/** The messages of a chat still stored, oldest first. */
function chatMessages(context: MethodContext, chatId: number): PortalMessage[] {
  return [...context.portal.messages.values()].filter((message) => message.chatId === chatId).sort((a, b) => a.id - b.id)
}

/**
 * `imbot.v2.Chat.Message.read` (imbot-v2 §8.2): marks the chat read up to `messageId` (which must be a
 * message of that chat: `MESSAGE_NOT_FOUND`) or to its last message; the read mark never moves back.
 * Answers `{ chatId, lastId, counter, viewedMessages }`: the others' messages newly read, and how
 * many of theirs stay unread.
 */
const read: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const chat = botDialogChat(context, bot)
    const messages = chatMessages(context, chat.id)
    let upTo = messages.at(-1)?.id ?? 0
    if (phpIsset(context.params.messageId)) {
      const message = context.portal.messages.get(intval(context.params.messageId))
      if (message?.chatId !== chat.id) throw v2Error('MESSAGE_NOT_FOUND', 'Message not found')
      upTo = message.id
    }
    const before = chat.lastRead.get(bot.id) ?? 0
    const lastId = Math.max(before, upTo)
    chat.lastRead.set(bot.id, lastId)
    const others = messages.filter((message) => message.authorId !== bot.id)
    return {
      chatId: chat.id,
      lastId,
      counter: others.filter((message) => message.id > lastId).length,
      viewedMessages: others.filter((message) => message.id > before && message.id <= lastId).map((message) => message.id),
    }
  },
}

/**
 * The message a reading method (`get`, `getContext`) names, for a supervisor or personal bot only
 * (`BOT_TYPE_NOT_ALLOWED`): it must exist (`MESSAGE_NOT_FOUND`) in a chat the bot is in
 * (`MESSAGE_ACCESS_DENIED`).
 */
function readableMessage(context: MethodContext): PortalMessage {
  const bot = v2ActingBot(context)
  if (!hearsEverything(bot)) throw v2Error('BOT_TYPE_NOT_ALLOWED', 'Bot type not allowed')
  const message = context.portal.messages.get(intval(context.params.messageId))
  if (!message) throw v2Error('MESSAGE_NOT_FOUND', 'Message not found')
  if (!context.portal.chats.get(message.chatId)?.userIds.has(bot.id)) throw v2Error('MESSAGE_ACCESS_DENIED', 'Message access denied')
  return message
}

/** The User object of a message's author; `null` for a system message without one. */
function authorOf(context: MethodContext, message: PortalMessage): Record<string, unknown> | null {
  const user = context.portal.users.get(message.authorId)
  return user ? v2User(context.portal, user) : null
}

/** `imbot.v2.Chat.Message.get` (imbot-v2 §8.2): `{ message, user }` for a supervisor or personal bot. */
const get: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const message = readableMessage(context)
    return { message: v2Message(context.portal, message), user: authorOf(context, message) }
  },
}

/**
 * `imbot.v2.Chat.Message.getContext` (imbot-v2 §8.2): up to `range` (1..50, default 50; out of range
 * is clamped) messages on each side of `messageId`, oldest first, their authors once each, and whether
 * older or newer messages lie beyond the window.
 */
const getContext: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const centre = readableMessage(context)
    const given = phpIsset(context.params.range) ? intval(context.params.range) : contextRange.max
    const range = Math.min(contextRange.max, Math.max(contextRange.min, given))
    const messages = chatMessages(context, centre.chatId)
    const index = messages.indexOf(centre)
    const start = Math.max(0, index - range)
    const window = messages.slice(start, index + range + 1)
    const users = [...new Set(window.map((message) => message.authorId))].flatMap((userId) => {
      const user = context.portal.users.get(userId)
      return user ? [v2User(context.portal, user)] : []
    })
    return {
      messages: window.map((message) => v2Message(context.portal, message)),
      users,
      hasPrevPage: start > 0,
      hasNextPage: index + range + 1 < messages.length,
    }
  },
}

/** The bot, the message (in a chat it is in: `ACCESS_DENIED`) and a known reaction code (`REACTION_NOT_FOUND`). */
function reactionTarget(context: MethodContext): { bot: PortalBot; message: PortalMessage; reaction: string } {
  const bot = v2ActingBot(context)
  const message = visibleMessage(context, bot)
  const reaction = phpString(context.params.reaction)
  if (!reactionCodes.has(reaction)) throw v2Error('REACTION_NOT_FOUND', 'Reaction not found')
  return { bot, message, reaction }
}

/** `imbot.v2.Chat.Message.Reaction.add` (imbot-v2 §8.2): the bot's reaction; a second time is `REACTION_ALREADY_SET`. */
const reactionAdd: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const { bot, message, reaction } = reactionTarget(context)
    const users = reactionSet(message, reaction)
    if (users.has(bot.id)) throw v2Error('REACTION_ALREADY_SET', 'Reaction already set')
    users.add(bot.id)
    context.portal.events.reactionChanged(message, bot.id, reaction, 'add')
    return done()
  },
}

/** `imbot.v2.Chat.Message.Reaction.delete` (imbot-v2 §8.2): removes the bot's reaction; one it never set is a quiet success. */
const reactionDelete: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const { bot, message, reaction } = reactionTarget(context)
    if (message.reactions.get(reaction)?.delete(bot.id)) context.portal.events.reactionChanged(message, bot.id, reaction, 'delete')
    return done()
  },
}

/** `imbot.v2.Chat.Message.*` (messages and reactions), keyed by lower-cased method name. */
export const v2MessageMethods: Readonly<Record<string, MethodImplementation>> = {
  'imbot.v2.chat.message.send': send,
  'imbot.v2.chat.message.update': update,
  'imbot.v2.chat.message.delete': remove,
  'imbot.v2.chat.message.read': read,
  'imbot.v2.chat.message.get': get,
  'imbot.v2.chat.message.getcontext': getContext,
  'imbot.v2.chat.message.reaction.add': reactionAdd,
  'imbot.v2.chat.message.reaction.delete': reactionDelete,
}
