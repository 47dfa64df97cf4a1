/**
 * Schemas shared by the classic bot and chat methods (`imbot.register`, `imbot.update`, `imbot.chat.*`,
 * `imbot.dialog.get`). Decision 010 explains the choices.
 */
import * as v from 'valibot'
import { chatDialogIdSchema, clientIdSchema, fieldPath, handlerUrlSchema, idParamSchema } from './common.ts'

/**
 * The classic colour codes the portal accepts: `Bitrix\Im\Color::isSafeColor` (server-behavior §2.4).
 * The docs list the first 16; the server also accepts `COPILOT`, and refuses `ORANGE`.
 */
export const CLASSIC_COLORS = [
  'RED',
  'GREEN',
  'MINT',
  'LIGHT_BLUE',
  'DARK_BLUE',
  'PURPLE',
  'AQUA',
  'PINK',
  'LIME',
  'BROWN',
  'AZURE',
  'KHAKI',
  'SAND',
  'MARENGO',
  'GRAY',
  'GRAPHITE',
  'COPILOT',
] as const

/** A classic `COLOR`: one of {@link CLASSIC_COLORS}, upper case, as the server compares it. */
export const classicColorSchema = v.picklist(CLASSIC_COLORS, `Expected one of ${CLASSIC_COLORS.join(', ')}`)

const nonEmptyString = v.pipe(v.string(), v.nonEmpty('must not be empty'))

/**
 * A file param as `CRestUtil::saveFile` reads it: the Base64 content, or `[fileName, base64]`. The
 * portal checks the image itself (type `image/*`, at most 5000x5000 px); the content is not decoded here.
 */
export const base64FileSchema = v.union(
  [nonEmptyString, v.strictTuple([nonEmptyString, nonEmptyString])],
  'Expected Base64 content, or [fileName, base64]',
)

/** Whether `text` is a real calendar date `YYYY-MM-DD` (the portal fails on `2023-02-30`). */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** The bot profile fields both `imbot.register` and `imbot.update` take in `PROPERTIES`. */
const botPropertyEntries = {
  /** First name. */
  NAME: v.optional(v.string()),
  /** Last name. */
  LAST_NAME: v.optional(v.string()),
  /** Accent colour in the mobile app. */
  COLOR: v.optional(classicColorSchema),
  /** Contact e-mail. The bot is a user, so it must not be a real user's e-mail. */
  EMAIL: v.optional(v.string()),
  /** Birthday, `YYYY-MM-DD`. */
  PERSONAL_BIRTHDAY: v.optional(v.pipe(v.string(), v.check(isCalendarDate, 'Expected a date as YYYY-MM-DD'))),
  /** Job title, shown as the bot's description. */
  WORK_POSITION: v.optional(v.string()),
  /** Web site. */
  PERSONAL_WWW: v.optional(v.string()),
  /** `M` or `F`. */
  PERSONAL_GENDER: v.optional(v.picklist(['M', 'F'], 'Expected "M" or "F"')),
  /** Avatar: Base64 image (or `[fileName, base64]`), at most 5000x5000 px; the portal drops anything else. */
  PERSONAL_PHOTO: v.optional(base64FileSchema),
}

const hasName = (name: string | undefined): boolean => name !== undefined && name !== ''

/**
 * `PROPERTIES` of `imbot.register`: `NAME` or `LAST_NAME` must be given and not empty (`NAME_ERROR`).
 */
export const registerPropertiesSchema = v.pipe(
  v.strictObject(botPropertyEntries),
  v.forward(
    v.partialCheck(
      [['NAME'], ['LAST_NAME']],
      (properties) => hasName(properties.NAME) || hasName(properties.LAST_NAME),
      'NAME or LAST_NAME is required (the portal answers NAME_ERROR)',
    ),
    ['NAME'],
  ),
)

/**
 * `FIELDS.PROPERTIES` of `imbot.update`: every field optional, at least one given; sending both `NAME`
 * and `LAST_NAME` empty is refused (`NAME_ERROR`).
 */
export const updatePropertiesSchema = v.pipe(
  v.strictObject(botPropertyEntries),
  v.check((properties) => Object.values(properties).some((value) => value !== undefined), 'must change at least one property'),
  v.forward(
    v.partialCheck(
      [['NAME'], ['LAST_NAME']],
      (properties) => !(properties.NAME === '' && properties.LAST_NAME === ''),
      'NAME and LAST_NAME cannot both be empty (the portal answers NAME_ERROR)',
    ),
    ['NAME'],
  ),
)

/**
 * The event handler URLs of `imbot.register` and `imbot.update`. `EVENT_HANDLER`, when given, replaces
 * all the others. Each must pass the portal's check (http(s), a host with a dot).
 */
export const handlerEntries = {
  /** One URL for every bot event: the portal copies it into each `EVENT_*` below. */
  EVENT_HANDLER: v.optional(handlerUrlSchema),
  /** `ONIMBOTMESSAGEADD`: a message to the bot. */
  EVENT_MESSAGE_ADD: v.optional(handlerUrlSchema),
  /** `ONIMBOTMESSAGEUPDATE`: a message the bot sees was edited. */
  EVENT_MESSAGE_UPDATE: v.optional(handlerUrlSchema),
  /** `ONIMBOTMESSAGEDELETE`: a message the bot sees was deleted. */
  EVENT_MESSAGE_DELETE: v.optional(handlerUrlSchema),
  /** `ONIMBOTJOINCHAT`: the bot was added to a chat, or a user opened a dialog with it. */
  EVENT_WELCOME_MESSAGE: v.optional(handlerUrlSchema),
  /** `ONIMBOTDELETE`: the bot was deleted. */
  EVENT_BOT_DELETE: v.optional(handlerUrlSchema),
  /** `ONIMBOTCONTEXTGET` (undocumented; read and checked by current portals). */
  EVENT_CONTEXT_GET: v.optional(handlerUrlSchema),
}

/**
 * The chat a chat-management method acts on: `CHAT_ID`, or `DIALOG_ID` in the `chatNNN` form. The
 * portal reads `DIALOG_ID` first when both are given. One of them is required
 * ({@link hasChatTarget}).
 */
const chatTargetEntries = {
  /** The chat id (from `imbot.chat.add`, `imbot.chat.get` or an event; a decimal string is accepted). */
  CHAT_ID: v.optional(idParamSchema),
  /** The chat as a dialog id, `chatNNN`; used instead of `CHAT_ID` when given. */
  DIALOG_ID: v.optional(chatDialogIdSchema),
}

/** Whether a chat-management call names its chat: `CHAT_ID` or `DIALOG_ID`. */
function hasChatTarget(params: object): boolean {
  return Reflect.get(params, 'CHAT_ID') !== undefined || Reflect.get(params, 'DIALOG_ID') !== undefined
}

/**
 * The message of the check that a chat-management call names its chat. Used as
 * `v.forward(v.partialCheck([['CHAT_ID'], ['DIALOG_ID']], hasChatTarget, CHAT_TARGET_REQUIRED), ['CHAT_ID'])`
 * after the params object (the portal answers `CHAT_ID_EMPTY` otherwise).
 */
const CHAT_TARGET_REQUIRED = 'CHAT_ID or DIALOG_ID ("chatNNN") is required (the portal answers CHAT_ID_EMPTY)'

/**
 * The params of a chat-management method that acts as a bot: the chat (`CHAT_ID` or `DIALOG_ID`, one
 * of them required, the issue naming `CHAT_ID`), the method's own entries, and the acting bot
 * (`BOT_ID`, default the application's first bot; `CLIENT_ID` for incoming webhooks).
 *
 * @example
 * ```ts
 * import * as v from 'valibot'
 * import { chatActionParams } from './classic-bots.ts'
 *
 * const params = chatActionParams({ TITLE: v.pipe(v.string(), v.nonEmpty()) })
 * ```
 */
export function chatActionParams<const Entries extends v.ObjectEntries>(entries: Entries) {
  const params = v.strictObject({
    ...chatTargetEntries,
    ...entries,
    /** The bot that acts; default: the application's first bot. */
    BOT_ID: v.optional(idParamSchema),
    /** Incoming webhooks only: the `CLIENT_ID` the bot was registered with. */
    CLIENT_ID: v.optional(clientIdSchema),
  })
  return v.pipe(
    params,
    // Runs even when other params failed, so a missing chat is reported together with them.
    v.rawCheck<v.InferOutput<typeof params>>(({ dataset, addIssue }) => {
      const input: unknown = dataset.value
      if (typeof input !== 'object' || input === null || hasChatTarget(input)) return
      addIssue({ message: CHAT_TARGET_REQUIRED, path: fieldPath(input, 'CHAT_ID') })
    }),
  )
}
