/**
 * The v2 entity objects (`Bot`, `Chat`, `User`) as `imbot.v2.*` methods return them (imbot.md §6.0.1).
 *
 * Result schemas: documented fields are typed and normalized (ids to numbers), unknown fields are kept
 * (`v.looseObject`). Only the identifying fields are required; the docs show abbreviated objects and the
 * server adds or drops fields between revisions, so every other field is optional. Open enumerations
 * (bot `type`, chat `type`, user `type`, `role`…) are typed as `string` so that a value added by a newer
 * portal does not make a whole call fail.
 */
import * as v from 'valibot'
import { countSchema, idParamSchema, idSchema, phpObjectSchema } from './common.ts'

/** A reference to another object where "none" is `null` or `0` (server-behavior: both occur): a number, or `null`. */
const optionalRefSchema = v.pipe(
  v.union([v.null(), countSchema], 'Expected an id, 0 or null'),
  v.transform((id): number | null => (id === null || id === 0 ? null : id)),
)

/** A date field of the user object: an ISO string, or `false` when unknown. */
const dateOrFalse = v.union([v.string(), v.literal(false)], 'Expected an ISO date or false')

/**
 * A v2 Bot. The public form has `id, code, type, isHidden, isSupportOpenline, isReactionsEnabled,
 * backgroundId, language`; the owner form adds `moduleId, eventMode, countMessage, countCommand,
 * countChat, countUser`. `appId` was removed in revision 35 (kept, untyped, if an old portal sends it).
 */
export const v2BotSchema = v.looseObject({
  /** The bot's id, which is also its user id. */
  id: idSchema,
  /** The bot's code, unique within the application that registered it. */
  code: v.string(),
  /** `bot`, `supervisor`, `personal`, `openline` or the undocumented `network`. */
  type: v.optional(v.string()),
  isHidden: v.optional(v.boolean()),
  isSupportOpenline: v.optional(v.boolean()),
  isReactionsEnabled: v.optional(v.boolean()),
  /** The bot chat background (`azure`, `mint`, …), or `null` for the user's own. */
  backgroundId: v.optional(v.nullable(v.string())),
  language: v.optional(v.string()),
  /** Owner form only. */
  moduleId: v.optional(v.string()),
  /** Owner form only: how events reach the bot. */
  eventMode: v.optional(v.picklist(['webhook', 'fetch'])),
  /** Owner form only. */
  countMessage: v.optional(countSchema),
  /** Owner form only. */
  countCommand: v.optional(countSchema),
  /** Owner form only. */
  countChat: v.optional(countSchema),
  /** Owner form only. */
  countUser: v.optional(countSchema),
})

/** A v2 User (also used for bots, whose user object has `bot: true` and `type: 'bot'`). */
export const v2UserSchema = v.looseObject({
  id: idSchema,
  active: v.optional(v.boolean()),
  /** The full display name. */
  name: v.optional(v.string()),
  firstName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  workPosition: v.optional(v.string()),
  /** The avatar color as HEX (`#df532d`), not the color code. */
  color: v.optional(v.string()),
  /** The avatar URL, or `""`. */
  avatar: v.optional(v.string()),
  /** `M` or `F` as documented; kept as sent, so a portal's other value (or `""`) is not refused. */
  gender: v.optional(v.string()),
  /** `"DD-MM"`, or `""` when unknown. */
  birthday: v.optional(v.string()),
  extranet: v.optional(v.boolean()),
  bot: v.optional(v.boolean()),
  connector: v.optional(v.boolean()),
  /** `default`, `bot`, `email`, `replica`, … */
  externalAuthId: v.optional(v.string()),
  /** `online`, `dnd`, … */
  status: v.optional(v.string()),
  idle: v.optional(dateOrFalse),
  lastActivityDate: v.optional(dateOrFalse),
  mobileLastDate: v.optional(dateOrFalse),
  desktopLastDate: v.optional(dateOrFalse),
  absent: v.optional(dateOrFalse),
  departments: v.optional(v.array(idSchema)),
  phones: v.optional(v.union([v.literal(false), phpObjectSchema], 'Expected an object or false')),
  /** `employee`, `extranet`, `email`, `collaber` or `bot`. */
  type: v.optional(v.string()),
  website: v.optional(v.string()),
  email: v.optional(v.string()),
})

/**
 * `lastMessageViews`: the server sends a JSON *string* (imbot.md §9.16); it is parsed into an object
 * (`""` becomes `{}`). An object already decoded is accepted too.
 */
const lastMessageViewsSchema = v.union(
  [
    phpObjectSchema,
    v.pipe(
      v.string(),
      v.transform((text) => (text.trim() === '' ? '{}' : text)),
      v.parseJson(undefined, 'Expected a JSON string'),
      phpObjectSchema,
    ),
  ],
  'Expected an object or its JSON string',
)

/** `textFieldEnabled`: the string `"Y"`/`"N"` (imbot.md §9.16), or a boolean; a boolean out. */
const textFieldEnabledSchema = v.pipe(
  v.union([v.picklist(['Y', 'N']), v.boolean()], 'Expected "Y", "N" or a boolean'),
  v.transform((flag): boolean => flag === true || flag === 'Y'),
)

/** A v2 Chat. `role` and `muteList` only in method responses; `dateCreate`…`userCounter` likewise. */
export const v2ChatSchema = v.looseObject({
  id: idSchema,
  /** `chat{id}` for group chats, the other user's id for one-to-one chats. */
  dialogId: v.string(),
  name: v.optional(v.string()),
  description: v.optional(v.string()),
  /** `chat`, `open`, `channel`, `openChannel`, `copilot`, `thread`, `generalChannel`, … */
  type: v.optional(v.string()),
  /** `C`, `O`, `P`, … (imbot.md §7.6). */
  messageType: v.optional(v.string()),
  /** The owner's user id (`0` for none). */
  owner: v.optional(countSchema),
  /** The chat color as HEX, or `null`. */
  color: v.optional(v.nullable(v.string())),
  avatar: v.optional(v.string()),
  extranet: v.optional(v.boolean()),
  containsCollaber: v.optional(v.boolean()),
  entityType: v.optional(v.string()),
  /** Sent as a string; a number from an older portal becomes a string. */
  entityId: v.optional(v.union([v.string(), v.pipe(v.number(), v.transform(String))], 'Expected a string')),
  entityData1: v.optional(v.string()),
  entityData2: v.optional(v.string()),
  entityData3: v.optional(v.string()),
  entityLink: v.optional(phpObjectSchema),
  diskFolderId: v.optional(optionalRefSchema),
  /** The bot's role: `owner`, `manager`, `member`, `guest` or `none`. Method responses only. */
  role: v.optional(v.string()),
  permissions: v.optional(phpObjectSchema),
  /** Method responses only. */
  muteList: v.optional(v.union([v.array(idSchema), phpObjectSchema], 'Expected an array of ids or an object')),
  /** The parent chat of a thread, or `null`. The server sends `null` or `0` for none: both become `null`. */
  parentChatId: v.optional(optionalRefSchema),
  /** The message a thread hangs from, or `null` (`0` becomes `null`). */
  parentMessageId: v.optional(optionalRefSchema),
  isNew: v.optional(v.boolean()),
  /** Whether users can type in the chat. The server sends `"Y"`/`"N"`: a boolean here. */
  textFieldEnabled: v.optional(textFieldEnabledSchema),
  backgroundId: v.optional(v.nullable(v.string())),
  dateCreate: v.optional(v.nullable(v.string())),
  lastMessageId: v.optional(optionalRefSchema),
  /** Who saw the last message. The server sends a JSON string; parsed here. */
  lastMessageViews: v.optional(lastMessageViewsSchema),
  lastId: v.optional(optionalRefSchema),
  managerList: v.optional(v.array(idSchema)),
  markedId: v.optional(optionalRefSchema),
  messageCount: v.optional(countSchema),
  /** `""` for a private chat; the public link data otherwise. */
  public: v.optional(v.union([v.string(), phpObjectSchema], 'Expected a string or an object')),
  unreadId: v.optional(optionalRefSchema),
  userCounter: v.optional(countSchema),
})

/** The `{ bot, users }` result of `Bot.register`, `Bot.update` and `Bot.get`. */
export const v2BotWithUsersSchema = v.looseObject({
  bot: v2BotSchema,
  users: v.optional(v.array(v2UserSchema), []),
})

// Params pieces shared by the v2 bot and chat methods.

/** The v2 color codes (imbot.md §7.6) that `properties.color` and chat `fields.color` take. Results carry HEX instead. */
const V2_COLOR_CODES = [
  'red',
  'green',
  'mint',
  'lightBlue',
  'darkBlue',
  'purple',
  'aqua',
  'pink',
  'lime',
  'brown',
  'azure',
  'khaki',
  'sand',
  'marengo',
  'gray',
  'graphite',
] as const

/** A v2 color code (`'mint'`, `'lightBlue'`, …), not a HEX value. */
export const v2ColorSchema = v.picklist(V2_COLOR_CODES, `Expected one of ${V2_COLOR_CODES.join(', ')}`)

/** The bot chat backgrounds (imbot.md §7.6): dark `azure`…`cornflower`, light `sky`, `peach`, `frost`. */
const V2_BACKGROUND_IDS = ['azure', 'mint', 'steel', 'slate', 'teal', 'cornflower', 'sky', 'peach', 'frost'] as const

/** A bot chat background, or `null` for the user's own background. */
export const v2BackgroundIdSchema = v.nullable(v.picklist(V2_BACKGROUND_IDS, `Expected null or one of ${V2_BACKGROUND_IDS.join(', ')}`))

/**
 * The bot types `Bot.register` and `Bot.list`'s filter take: the four documented ones, and `network`,
 * which the server's own type check accepts (its `BOT_INVALID_TYPE` text lists it; imbot.md §9.13)
 * although no page describes it.
 */
export const V2_BOT_TYPES = ['bot', 'supervisor', 'personal', 'openline', 'network'] as const

/** A list of user ids, as the chat-membership methods take them. */
export const v2UserIdsSchema = v.array(idParamSchema, 'Expected an array of user ids')
