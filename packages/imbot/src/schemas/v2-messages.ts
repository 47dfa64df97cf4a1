/**
 * Schemas shared by the v2 message, command, event and file methods (`imbot.v2.Chat.Message.*`,
 * `imbot.v2.Command.*`, `imbot.v2.Event.get`, `imbot.v2.File.*`, `im.v2.*`): message content, reaction
 * codes, command definitions, uploads, and the Message, File, Command and event-batch result objects.
 *
 * Result schemas are loose (unknown fields kept), ids become numbers, and only the fields every
 * documented example shows are required (decision 009).
 */
import * as v from 'valibot'
import { attachContentSchema } from './attach.ts'
import { countSchema, idSchema, messageTextSchema, phpObjectSchema, positiveIntegerSchema, v2Flag } from './common.ts'
import { keyboardContentSchema } from './keyboard.ts'

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

/** A non-negative integer param such as `offset`. */
const offsetSchema = v.pipe(v.number(), v.integer('Expected an integer'), v.minValue(0, 'Expected 0 or more'))

/** `limit` of `Event.get`: 1 to 1000 events per call (the server's default is 100). */
export const eventLimitSchema = v.pipe(
  v.number(),
  v.integer('Expected an integer'),
  v.minValue(1, 'Expected 1 to 1000'),
  v.maxValue(1000, 'Expected 1 to 1000'),
)

/** The `offset` of `Event.get`: pass the previous `nextOffset`; every event whose id is below it is acknowledged. */
export const eventOffsetSchema = offsetSchema

/** Whether an ATTACH value carries anything (`[]`, `''`, `{}` and `{ BLOCKS: [] }` do not). */
function attachHasContent(attach: unknown): boolean {
  if (attach === undefined || attach === null || attach === '' || attach === false) return false
  if (Array.isArray(attach)) return attach.length > 0
  if (typeof attach === 'object') {
    if ('BLOCKS' in attach) return Array.isArray(attach.BLOCKS) ? attach.BLOCKS.length > 0 : true
    return Object.keys(attach).length > 0
  }
  return true
}

/**
 * Whether message fields carry content the server accepts as a message: non-blank text, a non-empty
 * ATTACH, or messages to forward. A keyboard alone is not content (`EMPTY_MESSAGE`).
 */
export function hasMessageContent(fields: {
  message?: string | undefined
  attach?: unknown
  forwardIds?: Readonly<Record<string, number>> | undefined
}): boolean {
  return (
    (fields.message !== undefined && fields.message.trim() !== '') ||
    attachHasContent(fields.attach) ||
    (fields.forwardIds !== undefined && Object.keys(fields.forwardIds).length > 0)
  )
}

/** The most messages one `Chat.Message.send` may forward. */
const FORWARD_LIMIT = 100

/**
 * `fields.forwardIds`: `{ anyUuid: originalMessageId }`, at most {@link FORWARD_LIMIT} entries. The
 * result's `uuidMap` maps each key to the id of the new message.
 */
export const forwardIdsSchema = v.pipe(
  v.record(v.pipe(v.string(), v.nonEmpty('keys must not be empty')), positiveIntegerSchema),
  v.check((ids) => Object.keys(ids).length <= FORWARD_LIMIT, `must name at most ${FORWARD_LIMIT} messages to forward`),
)

/**
 * The 48 documented reaction codes (imbot.md §7.6). The portal may add or drop codes without notice,
 * so the methods' `reaction` param also accepts any other camelCase code (see {@link isKnownReaction}).
 */
export const REACTION_CODES = [
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
] as const

/** A documented reaction code. */
export type ReactionCode = (typeof REACTION_CODES)[number]

/** Whether `code` is one of the 48 documented reaction codes. */
export function isKnownReaction(code: string): code is ReactionCode {
  return (REACTION_CODES as readonly string[]).includes(code)
}

/**
 * A reaction code: one of the documented codes (suggested by the editor), or any other camelCase code,
 * because the portal changes the list without notice and answers `REACTION_NOT_FOUND` for a code it
 * does not know. Emoji, spaces or snake_case are refused before sending.
 */
export const reactionSchema = v.union(
  [
    v.picklist(REACTION_CODES),
    v.pipe(
      v.custom<string & Record<never, never>>((value) => typeof value === 'string', 'Expected a reaction code'),
      v.regex(/^[a-z][a-zA-Z0-9]*$/, 'Expected a camelCase reaction code such as "like" or "redHeart"'),
    ),
  ],
  'Expected a reaction code such as "like" or "redHeart"',
)

/** Two lower-case letters: a Bitrix24 language id (`en`, `de`, `ru`, `ua`, `la`, ...). */
const languageSchema = v.pipe(v.string(), v.regex(/^[a-z]{2}$/, 'Expected a lower-case two-letter language code such as "en"'))

/** `{ en: 'Show help', de: 'Hilfe anzeigen' }`: localized texts for `Command.register`. */
export const localizedTextSchema = v.record(languageSchema, v.string())

/** A per-language patch for `Command.update`: a string sets a translation, `null` deletes it, a missing key keeps it. */
export const localizedPatchSchema = v.record(languageSchema, v.nullable(v.string()))

/**
 * A command word without spaces. The server takes it without the leading `/` (`help`) and returns it
 * with one (`/help`); a word given as `/help`, as users type it, is sent as `help`.
 */
export const commandWordSchema = v.pipe(
  v.string(),
  v.transform((word) => (word.startsWith('/') ? word.slice(1) : word)),
  v.nonEmpty('must not be empty'),
  v.regex(/^\S+$/, 'must be a single word without spaces'),
)

/** The three availability flags of a command. */
export const commandFlags = {
  /** `true`: callable in every chat, even without the bot; `false` (default): only where the bot is. */
  common: v.optional(v2Flag),
  /** Hidden from the suggestion list (still callable, e.g. from keyboard buttons). Default `false`. */
  hidden: v.optional(v2Flag),
  /** Extranet users may call it. Default `false`. */
  extranetSupport: v.optional(v2Flag),
}

/** Largest file `File.upload` accepts: 100 MB (`FILE_TOO_LARGE`). */
const FILE_UPLOAD_LIMIT = 104_857_600

/** The number of bytes a Base64 text decodes to (whitespace ignored). */
export function base64ByteLength(text: string): number {
  // Counted without copying: content may be 100 MB.
  let length = text.length - (text.match(/\s/g)?.length ?? 0)
  for (let index = text.length - 1; index >= 0; index--) {
    const char = text[index] ?? ''
    if (char === '=') length -= 1
    else if (!/\s/.test(char)) break
  }
  return Math.floor((length * 3) / 4)
}

/**
 * `fields.content` of a file upload: raw Base64 (no `data:` prefix), not empty, at most 100 MB once
 * decoded. Whitespace and missing padding are tolerated, as PHP's strict `base64_decode` does.
 */
const base64ContentSchema = v.pipe(
  v.string(),
  v.nonEmpty('must not be empty'),
  v.check((text) => !/^data:/i.test(text), 'must be raw Base64, without the "data:...;base64," prefix'),
  v.check(
    (text) => base64ByteLength(text) <= FILE_UPLOAD_LIMIT,
    `decodes to more than ${FILE_UPLOAD_LIMIT} bytes (100 MB), which the server refuses`,
  ),
  v.check((text) => {
    // Oversize content is already refused above; scanning 100 MB of it again would only cost time.
    if (base64ByteLength(text) > FILE_UPLOAD_LIMIT) return true
    const body = text.replace(/\s+/g, '')
    return /^[A-Za-z0-9+/]*={0,2}$/.test(body) && body.replace(/=+$/, '').length % 4 !== 1
  }, 'must be Base64 (A-Z, a-z, 0-9, "+", "/", "=" padding)'),
)

/** `fields` of `File.upload` (both `imbot.v2` and `im.v2`): the file and an optional caption. */
export const fileUploadFieldsSchema = v.strictObject({
  /** The file name, with its extension. */
  name: v.pipe(v.string(), v.nonEmpty('must not be empty')),
  /** The file as raw Base64, at most 100 MB decoded. */
  content: base64ContentSchema,
  /** Text sent with the file. */
  message: v.optional(messageTextSchema),
})

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

/** The original of a forwarded message. */
const forwardSchema = v.looseObject({
  /** A message id, or a string such as `chat12/345` (the forward's context); numeric strings become numbers. */
  id: v.optional(v.union([idSchema, v.string()])),
  userId: v.optional(countSchema),
  chatId: v.optional(countSchema),
  date: v.optional(v.nullable(v.string())),
})

/**
 * A v2 Message. `authorId` is `0` for system messages; attachments, keyboards and files come back in
 * `params`. Method responses may add `unread` and `viewed`.
 */
export const v2MessageSchema = v.looseObject({
  id: idSchema,
  chatId: idSchema,
  /** The author's user id; `0` for a system message. */
  authorId: countSchema,
  /** ISO 8601, or `null`. */
  date: v.optional(v.nullable(v.string())),
  /** BB-code text (at most 20,000 characters). */
  text: v.string(),
  isSystem: v.optional(v.boolean()),
  /** The client uuid used for de-duplication; often `""`. */
  uuid: v.optional(v.nullable(v.string())),
  /** `{ id, userId, chatId, date }` of the original, or `null`. */
  forward: v.optional(v.nullable(forwardSchema)),
  /** Extra data: `ATTACH`, `KEYBOARD`, `FILE_ID`, ... */
  params: v.optional(phpObjectSchema),
  viewedByOthers: v.optional(v.boolean()),
  unread: v.optional(v.boolean()),
  viewed: v.optional(v.boolean()),
})

/** A v2 Command as `Command.register`/`update` return it; `Command.list` adds the localized texts. */
export const v2CommandSchema = v.looseObject({
  id: idSchema,
  botId: idSchema,
  /** With the leading slash: `/help`. */
  command: v.string(),
  common: v.boolean(),
  hidden: v.boolean(),
  extranetSupport: v.boolean(),
  /** `Command.list` only: the title in the portal language. */
  title: v.optional(v.string()),
  /** `Command.list` only: the parameter hint in the portal language. */
  params: v.optional(v.string()),
  /** `Command.list` only: the owning bot's name. */
  category: v.optional(v.string()),
  /** `Command.list` only. */
  context: v.optional(v.string()),
})

/** Preview size of an image file, or `false`. */
const imageSizeSchema = v.union(
  [v.literal(false), v.looseObject({ height: v.optional(countSchema), width: v.optional(countSchema) })],
  'Expected { height, width } or false',
)

/** The fields of a v2 File besides the five every response carries. */
const fileDetails = {
  /** ISO 8601 upload time, or `null`. */
  date: v.nullable(v.string()),
  /** `file`, `image`, `video` or `audio`. */
  type: v.string(),
  /** `{ height, width }` for images, otherwise `false`. */
  image: imageSizeSchema,
  authorId: countSchema,
  authorName: v.string(),
  isTranscribable: v.boolean(),
  isVideoNote: v.boolean(),
  isVoiceNote: v.boolean(),
}

const fileCore = {
  /** The Drive file id: pass it as `fileId` to `File.download`. */
  id: idSchema,
  chatId: idSchema,
  /** The file name with its extension. */
  name: v.string(),
  /** Lower-case extension. */
  extension: v.string(),
  /** Size in bytes. */
  size: countSchema,
}

/** A v2 File as `imbot.v2.File.upload` returns it (only `id, chatId, name, extension, size` are sure). */
export const v2FileSchema = v.looseObject({
  ...fileCore,
  date: v.optional(fileDetails.date),
  type: v.optional(fileDetails.type),
  image: v.optional(fileDetails.image),
  authorId: v.optional(fileDetails.authorId),
  authorName: v.optional(fileDetails.authorName),
  isTranscribable: v.optional(fileDetails.isTranscribable),
  isVideoNote: v.optional(fileDetails.isVideoNote),
  isVoiceNote: v.optional(fileDetails.isVoiceNote),
})

/** The extended File `im.v2.File.upload` returns: every File field, plus upload status and viewer URLs. */
export const imV2FileSchema = v.looseObject({
  ...fileCore,
  ...fileDetails,
  /** Upload status, such as `done`. */
  status: v.string(),
  /** Upload progress in percent. */
  progress: countSchema,
  /** Preview URL, or `""`. */
  urlPreview: v.string(),
  urlShow: v.string(),
  urlDownload: v.string(),
  viewerAttrs: v.optional(phpObjectSchema),
  mediaUrl: v.optional(phpObjectSchema),
})

/** The `{ downloadUrl }` result of `File.download`: a one-time link, not to be cached. */
export const downloadUrlResult = v.looseObject({
  /** A one-time tokenized link (`https://{portal}/rest/download.json?token=...`). Use it once. */
  downloadUrl: v.string(),
})

/** One queued event of `Event.get`. `data` is the event payload, typed loosely for now. */
const v2QueuedEventSchema = v.looseObject({
  /** The event's queue id. Acknowledge with the batch's `nextOffset`, not with this id. */
  eventId: idSchema,
  /** The event name, such as `ONIMBOTV2MESSAGEADD` or `ONIMV2MESSAGEADD`. */
  type: v.string(),
  /** ISO 8601. */
  date: v.string(),
  /** The payload (`bot`, `message`, `chat`, `user`, `language`, ...). */
  data: phpObjectSchema,
})

/**
 * A batch of `Event.get` (`imbot.v2` and `im.v2`): `{ events, nextOffset, hasMore }`. Servers older
 * than the 25.09.2026 cut-over may send `lastEventId` instead of `nextOffset`; then `nextOffset` is
 * `lastEventId + 1` (or `0`, which acknowledges nothing, when `lastEventId` is `null`).
 */
export const v2EventBatchSchema = v.pipe(
  v.looseObject({
    events: v.array(v2QueuedEventSchema),
    nextOffset: v.optional(countSchema),
    lastEventId: v.optional(v.nullable(countSchema)),
    hasMore: v.boolean(),
  }),
  v.check((batch) => batch.nextOffset !== undefined || batch.lastEventId !== undefined, 'Expected nextOffset'),
  v.transform(({ nextOffset, lastEventId, ...batch }) => ({
    ...batch,
    /** Send this as `offset` next time, even when no events came: it acknowledges everything returned so far. */
    nextOffset: nextOffset ?? (lastEventId ? lastEventId + 1 : 0),
  })),
)

/** `uuidMap` of `Chat.Message.send`: `{ uuid: newMessageId }` for forwards; `[]` (PHP's empty array) becomes `{}`. */
export const uuidMapSchema = v.pipe(phpObjectSchema, v.record(v.string(), idSchema))

/** A `dialogId` in a result: a string (`chat5`, or a user id); a number from the server becomes a string. */
export const dialogIdResult = v.union([v.string(), v.pipe(v.number(), v.transform(String))], 'Expected a dialog id')

/** The content fields of a new v2 message, shared by `Chat.Message.send` and `Command.answer`. */
export const v2MessageContentEntries = {
  /** BB-code text, at most 20,000 characters. */
  message: v.optional(messageTextSchema),
  /** An ATTACH: `{ ID?, COLOR_TOKEN?, BLOCKS }` or an array of blocks; under 60,000 characters serialized. */
  attach: v.optional(attachContentSchema),
  /** A KEYBOARD: an array of buttons or `{ BOT_ID, BUTTONS }`. */
  keyboard: v.optional(keyboardContentSchema),
  /** A system message (`authorId` becomes 0: the bot can no longer edit it). Default `false`. */
  system: v.optional(v2Flag),
  /** Turn links into rich previews. Default `true`. */
  urlPreview: v.optional(v2Flag),
}
