/**
 * Schemas shared by the classic message, command and chat-app methods (`imbot.message.*`,
 * `imbot.command.*`, `imbot.app.*`). Decision 011 explains the choices.
 */
import * as v from 'valibot'
import { attachContentSchema } from './attach.ts'
import { fieldPath, messageTextSchema, ynFlag } from './common.ts'
import { keyboardContentSchema } from './keyboard.ts'
import { menuContentSchema } from './menu.ts'

/** Whether PHP's `trim()` leaves nothing of `text` (it strips only space, tab, newlines, NUL and VT). */
function isBlankForPhp(text: string): boolean {
  return /^[ \t\n\r\0\v]*$/.test(text)
}

/**
 * Message text that must hold something: the server trims `MESSAGE` and answers `MESSAGE_EMPTY` when
 * nothing is left, so a classic message can never be attachment-only. At most 20,000 characters.
 */
export const requiredMessageTextSchema = v.pipe(
  messageTextSchema,
  v.check((text: string) => !isBlankForPhp(text), 'must not be empty or only whitespace (the portal answers MESSAGE_EMPTY)'),
)

/**
 * A new message text for `imbot.message.update`: like {@link requiredMessageTextSchema}, because an
 * empty text would make the portal delete the message.
 */
export const replacementMessageTextSchema = v.pipe(
  messageTextSchema,
  v.check(
    (text: string) => !isBlankForPhp(text),
    'must not be empty: an empty MESSAGE makes the portal delete the message; call imbot.message.delete for that',
  ),
)

/** The optional parts of a classic message that `imbot.message.add` and `imbot.command.answer` share. */
export const classicMessageExtras = {
  /** Rich attachment: `{ BLOCKS }`, a bare array of blocks, or its JSON. */
  ATTACH: v.optional(attachContentSchema),
  /** Buttons under the message: `{ BUTTONS }`, a bare array of buttons, or its JSON. */
  KEYBOARD: v.optional(keyboardContentSchema),
  /** Extra context-menu items: `{ ITEMS }`, a bare array of items, or its JSON. */
  MENU: v.optional(menuContentSchema),
  /** `Y`: a system message. Default `N`. */
  SYSTEM: v.optional(ynFlag),
  /** `N`: no rich-link previews for URLs in the text. Default `Y`. */
  URL_PREVIEW: v.optional(ynFlag),
}

/**
 * A command name, as typed after `/`. Any run of non-whitespace characters; a leading `/` is dropped
 * (the server drops it on register, and compares names without it in `imbot.command.answer`).
 */
export const commandNameSchema = v.pipe(
  v.string(),
  v.regex(/^\/?[^\s/]\S*$/, 'must be one word without spaces (the text typed after "/")'),
  v.transform((name): string => name.replace(/^\//, '')),
)

const nonEmptyString = v.pipe(v.string(), v.nonEmpty('must not be empty'))

/** One localization of a command: `LANGUAGE_ID` (`en`, `de`...), `TITLE`, and an optional `PARAMS` hint. */
export const commandLangSchema = v.pipe(
  v.array(
    v.strictObject({
      /** Language code, such as `en` or `de`. */
      LANGUAGE_ID: nonEmptyString,
      /** The command title in that language. */
      TITLE: nonEmptyString,
      /** A hint describing the command's parameters. */
      PARAMS: v.optional(v.string()),
    }),
  ),
  v.minLength(1, 'must hold at least one language (the portal answers LANG_ERROR)'),
)

/** Where a chat app is shown; a `-admin` suffix restricts it to administrators. */
const chatAppContextSchema = v.picklist([
  'ALL',
  'USER',
  'CHAT',
  'BOT',
  'LINES',
  'CALL',
  'ALL-admin',
  'USER-admin',
  'CHAT-admin',
  'BOT-admin',
  'LINES-admin',
  'CALL-admin',
])

/** The JS command types of a chat app. */
const chatAppJsMethodSchema = v.picklist(['PUT', 'SEND', 'CALL', 'SUPPORT'])

/** What `JS_PARAM` must contain for each `JS_METHOD`: the server's own patterns, else the command is dropped. */
const jsParamPatterns = {
  PUT: /\/([a-zA-Z0-9\-_+]+)((\s)?([a-zA-Z0-9\-_+]+))+/m,
  SEND: /\/([a-zA-Z0-9\-_+]+)((\s)?([a-zA-Z0-9\-_+]+))+/m,
  CALL: /\+?[ \-\d+()#]+$/m,
  SUPPORT: /[a-f0-9]{32}$/im,
} as const

/** Whether `param` is a usable `JS_PARAM` for `method` (as the server matches it). */
function isJsParamFor(method: v.InferOutput<typeof chatAppJsMethodSchema>, param: string): boolean {
  return jsParamPatterns[method].test(param)
}

/** The message for a `JS_PARAM` that does not fit its `JS_METHOD`; the portal would ignore it. */
const jsParamMessage =
  'must fit JS_METHOD: a command such as "/help" for PUT and SEND (a slash and at least two of a-z A-Z 0-9 - _ +), a phone number for CALL, a line code of 32 hexadecimal digits for SUPPORT'

/** An iframe URL: `https://` (lower case, as the server compares it) with a host; else `IFRAME_HTTPS`. */
const chatAppIframeSchema = v.pipe(
  v.string(),
  v.check((text) => text.startsWith('https://') && URL.canParse(text), 'must be an https:// URL (the portal answers IFRAME_HTTPS)'),
)

/** An iframe size in pixels, as a positive integer or its decimal string. The portal raises width to 250 and height to 50 at least. */
const chatAppSizeSchema = v.union(
  [
    v.pipe(v.number(), v.safeInteger('Expected a positive integer'), v.minValue(1, 'Expected a positive integer')),
    v.pipe(v.string(), v.regex(/^[1-9][0-9]*$/, 'Expected a positive integer')),
  ],
  'Expected a positive integer (pixels) or its decimal string',
)

/** The token that signs iframe calls: at most 32 characters (the portal keeps 32). */
const chatAppHashSchema = v.pipe(v.string(), v.nonEmpty('must not be empty'), v.maxLength(32, 'must be at most 32 characters'))

/** An icon: Base64 image data, or `[fileName, base64]` as `CRestUtil::saveFile` also reads. A non-image is dropped by the portal. */
const chatAppIconSchema = v.union(
  [nonEmptyString, v.tuple([v.string(), nonEmptyString])],
  'Expected Base64 image data or [fileName, base64]',
)

/** The translations of a chat app: `LANGUAGE_ID`, `TITLE`, and optional `DESCRIPTION` and `COPYRIGHT` (iframe apps). */
export const chatAppLangSchema = v.pipe(
  v.array(
    v.strictObject({
      /** Language code, such as `en` or `de`. */
      LANGUAGE_ID: nonEmptyString,
      /** The app title in that language. */
      TITLE: nonEmptyString,
      /** What the app does. */
      DESCRIPTION: v.optional(v.string()),
      /** Copyright line (iframe apps). */
      COPYRIGHT: v.optional(v.string()),
    }),
  ),
  v.minLength(1, 'must hold at least one language (the portal answers LANG_ERROR)'),
)

/** The fields of a chat app that `imbot.app.register` takes and `imbot.app.update` can change. */
export const chatAppFieldEntries = {
  /** JS command apps: `PUT` (insert into the input), `SEND` (send), `CALL` (dial), `SUPPORT` (open a support line). */
  JS_METHOD: v.optional(chatAppJsMethodSchema),
  /** JS command apps: the command (`/help`), phone number or 32-hex-digit line code; with `JS_METHOD`. */
  JS_PARAM: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'))),
  /** Iframe apps: the `https://` URL of the iframe. */
  IFRAME: v.optional(chatAppIframeSchema),
  /** Iframe width in pixels (at least 250; smaller is raised). Default 320. */
  IFRAME_WIDTH: v.optional(chatAppSizeSchema),
  /** Iframe height in pixels (at least 50; smaller is raised). Default 250. */
  IFRAME_HEIGHT: v.optional(chatAppSizeSchema),
  /** `Y`: the iframe opens as a movable window that survives switching dialogs. */
  IFRAME_POPUP: v.optional(ynFlag),
  /** Iframe apps: the token (up to 32 characters) that signs the iframe's calls. */
  HASH: v.optional(chatAppHashSchema),
  /** `Y`: a hidden app. */
  HIDDEN: v.optional(ynFlag),
  /** The icon, Base64; without it the app is listed only in the "Chat applications" dialog. */
  ICON_FILE: v.optional(chatAppIconSchema),
  /** Where the app is shown. Default `ALL`. */
  CONTEXT: v.optional(chatAppContextSchema),
  /** `Y`: extranet users may use it. Default `N`. */
  EXTRANET_SUPPORT: v.optional(ynFlag),
  /** `Y`: available in live chat (Open Channels). Default `N`. */
  LIVECHAT_SUPPORT: v.optional(ynFlag),
}

/**
 * The JS command rules of `imbot.app.register` and `imbot.app.update`, as a pipe item for the object
 * holding the fields: `JS_METHOD` and `JS_PARAM` come together, and `JS_PARAM` fits `JS_METHOD`.
 * Runs even when other fields failed, so every problem is reported at once.
 */
export function chatAppJsCommandCheck<Fields extends object>() {
  return v.rawCheck<Fields>(({ dataset, addIssue }) => {
    const input: unknown = dataset.value
    if (typeof input !== 'object' || input === null) return
    const method: unknown = Reflect.get(input, 'JS_METHOD')
    const param: unknown = Reflect.get(input, 'JS_PARAM')
    if (param !== undefined && method === undefined) addIssue({ message: 'is required with JS_PARAM', path: fieldPath(input, 'JS_METHOD') })
    if (method !== undefined && param === undefined) addIssue({ message: 'is required with JS_METHOD', path: fieldPath(input, 'JS_PARAM') })
    // `safeParse`, not `v.is`: the same answer, with a function every bundle that validates already has.
    const jsMethod = v.safeParse(chatAppJsMethodSchema, method)
    if (jsMethod.success && typeof param === 'string' && !isJsParamFor(jsMethod.output, param)) {
      addIssue({ message: jsParamMessage, path: fieldPath(input, 'JS_PARAM') })
    }
  })
}
