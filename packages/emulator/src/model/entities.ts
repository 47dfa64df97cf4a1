/*
 * The portal's stored entities, as the server keeps them (`b_im_*` rows): plain data, no behaviour but
 * small helpers. Every layer reads them; this module imports nothing of the emulator.
 */

/** An application installed on the portal (an OAuth client). */
export interface PortalApp {
  /** The app's local id on the portal (`app.info` `ID`). */
  readonly id: number
  /** The OAuth `client_id` (`local.<hex>.<id>` for a local app): identifies the app at the token endpoint and owns its bots. */
  readonly clientId: string
  /** The OAuth `client_secret`, checked with `client_id` at the token endpoint. */
  readonly clientSecret: string
  /** Sent in `auth[application_token]` of every event: the only proof an event came from the portal. */
  readonly applicationToken: string
  /** The granted scopes (`imbot`, `im`, `basic`, ...), as the token answers list them, comma-separated, in `scope`. */
  readonly scopes: ReadonlySet<string>
  /**
   * What `status` says in every token answer and event `auth` block, and `app.info` `STATUS`: `L` a
   * local app, `F` free, `D` demo, `T` trial, `P` paid (server-behavior §3.4).
   */
  readonly status: AppStatus
  /** The installed version (`app.info` `VERSION`); `installApp` and `updateApp` set it. */
  version: number
}

/** An app's status on the portal: local, free, demo, trial or paid. */
export type AppStatus = 'L' | 'F' | 'D' | 'T' | 'P'

/** A user of the emulated portal. Bots are users too (`bot: true`). */
export interface PortalUser {
  /** The user id, counting up from 1 (the admin). */
  readonly id: number
  /** First name (`NAME`). */
  name: string
  /** Last name (`LAST_NAME`); `''` when none. */
  lastName: string
  /** Whether this user is a bot (its `PortalBot` has the same id). */
  readonly bot: boolean
  /** Job title (`WORK_POSITION`); `''` when none. */
  workPosition: string
  /** `'M'` or `'F'`; `''` when unknown. */
  gender: '' | 'M' | 'F'
  /** E-mail address; `''` when none. */
  email: string
  /** An extranet (external) user: `EXTRANET_SUPPORT = 'N'` commands skip them. */
  readonly extranet: boolean
  /** A portal administrator (`user.admin`): the first user is; others when created with `admin: true`. */
  readonly admin: boolean
  /** Whether the user is active (not dismissed): only active users can be added to chats. Default `true`. */
  active: boolean
}

/**
 * Bot types as `b_im_bot.TYPE` stores them: bot, Open Channels bot, human-like, supervisor,
 * personal, network. v2 names them `bot`, `openline`, `bot`, `supervisor`, `personal`, `network`.
 */
export type BotType = 'B' | 'O' | 'H' | 'S' | 'P' | 'N'

/** The API generation a bot was registered with: it hears events in that generation's format only. */
export type BotGeneration = 'classic' | 'v2'

/** The classic event handlers one application binds (`EVENT_*` of `imbot.register`). */
export type HandlerName =
  | 'EVENT_MESSAGE_ADD'
  | 'EVENT_MESSAGE_UPDATE'
  | 'EVENT_MESSAGE_DELETE'
  | 'EVENT_CONTEXT_GET'
  | 'EVENT_WELCOME_MESSAGE'
  | 'EVENT_BOT_DELETE'
  | 'EVENT_COMMAND_ADD'

/** A bot of the emulated portal. A bot is also a user, with the same id. */
export interface PortalBot {
  /** The bot id, which is also its user id. */
  readonly id: number
  /** The bot code (`CODE`), as registered. */
  code: string
  /** The bot type (`TYPE`), which decides what it hears: see {@link BotType}. */
  type: BotType
  /** Whether it takes part in Open Lines chats (`OPENLINE`, v2 `isSupportOpenline`); always set for type `O`. */
  openline: boolean
  /**
   * The owning application: an OAuth `client_id`, or `custom<CLIENT_ID>` for a bot registered through
   * a webhook (a v2 bot's `botToken` plays the `CLIENT_ID` part, so rotating it rewrites this).
   */
  appId: string
  /**
   * `auth[application_token]` of the events this bot causes: the app's token, the raw `CLIENT_ID` of
   * a classic webhook bot, or a synthetic per-bot token for a v2 webhook bot.
   */
  applicationToken: string
  /** Its first name (`PROPERTIES[NAME]`); `''` when none. */
  name: string
  /** Its last name (`PROPERTIES[LAST_NAME]`); `''` when none. */
  lastName: string
  /** The other profile fields of `PROPERTIES` (`COLOR`, `WORK_POSITION`, ...), as strings, keys as sent. */
  properties: Record<string, string>
  /** Which event format it hears: classic `ONIMBOT*` or v2 `ONIMBOTV2*`. */
  readonly generation: BotGeneration
  /** v2: pushed to `webhookUrl`, or queued for `imbot.v2.Event.get`. Classic bots are `'webhook'`. */
  eventMode: 'webhook' | 'fetch'
  /** v2 webhook mode: where events are POSTed. */
  webhookUrl: string
  /** v2 `isHidden`: whether the bot is hidden from the contact list. Default `false`. */
  isHidden: boolean
  /** v2 `isReactionsEnabled`: whether users can react to its messages. Default `true`. */
  isReactionsEnabled: boolean
  /** v2 `backgroundId`: the chat background it sets, one of the known ids; `null` for none (the default). */
  backgroundId: string | null
  /** Lower-case language code, e.g. `'en'`. */
  language: string
}

/** A classic slash command of a bot. */
export interface PortalCommand {
  /** The command id, counting up from 1. */
  readonly id: number
  /** The bot that answers it. */
  readonly botId: number
  /** The owning application, as for bots. */
  readonly appId: string
  /** Without the leading `/`. */
  command: string
  /** Whether it works in any chat (`COMMON`); otherwise only in chats the bot is in. */
  common: boolean
  /** Whether it is left out of the command list users see (`HIDDEN`). */
  hidden: boolean
  /** Whether extranet users may run it (`EXTRANET_SUPPORT`). */
  extranetSupport: boolean
  /** `LANG` as stored: one `{LANGUAGE_ID, TITLE, PARAMS}` entry per language, the title and the parameters' hint users see. */
  lang: readonly Readonly<Record<string, unknown>>[]
}

/** Chat types as `b_im_chat.TYPE` stores them: group chat, open channel, private, open lines. */
export type ChatType = 'C' | 'O' | 'P' | 'L'

/** A chat of the emulated portal. */
export interface PortalChat {
  /** The chat id, counting up from 1 (the general chat): `chat<id>` as a dialog id. */
  readonly id: number
  /** The chat type: see {@link ChatType}. */
  type: ChatType
  /** The chat title; `''` for a private chat. */
  title: string
  /** The chat description; `''` when none. */
  description: string
  /** The owner's user id. */
  ownerId: number
  /**
   * The colour code (`RED`, `LIGHT_BLUE`), the one representation kept: classic events report it as
   * `CHAT_COLOR`; `imbot.dialog.get` and v2 chats render its HEX (decision 045).
   */
  color: string
  /** A Base64 avatar, when one was set. */
  avatar: string
  /** The external entity type it is bound to (`ENTITY_TYPE`), `GENERAL` for the general chat; `''` when unbound. */
  entityType: string
  /** The external entity id (`ENTITY_ID`), as a string; `''` when unbound. */
  entityId: string
  /** The members, bots included, by user id. */
  readonly userIds: Set<number>
  /** The members who may manage the chat, by user id: the owner, and those made managers. */
  readonly managerIds: Set<number>
  /** When the chat was created, on the portal clock. */
  readonly createdAt: Date
  /** Whether members can type (`imbot.v2.Chat.TextField.enabled`). */
  textFieldEnabled: boolean
  /** The last message each member has read, by user id. */
  readonly lastRead: Map<number, number>
}

/** A message of the emulated portal. */
export interface PortalMessage {
  /** The message id, counting up from 1 across the portal. */
  readonly id: number
  /** The chat it was posted in. */
  readonly chatId: number
  /** The author's user id; 0 for a system message without an author. */
  readonly authorId: number
  /** The text as stored, BB-code included. */
  text: string
  /** Message params as the server stores them: `ATTACH`, `KEYBOARD`, `MENU`, `URL_PREVIEW`, ... */
  readonly params: Record<string, unknown>
  /** Whether it is a system notice (`SYSTEM = Y`) rather than a user's message. */
  readonly system: boolean
  /** When it was posted, on the portal clock. */
  readonly createdAt: Date
  /** Set on every edit. */
  updatedAt: Date | undefined
  /** The client's `uuid` (v2 `templateId`), `''` when none was sent. */
  readonly uuid: string
  /** Reactions by code (`like`, `fire`, ...): who reacted. A classic like is the `like` reaction. */
  readonly reactions: Map<string, Set<number>>
  /** Set when deleted softly (the text is replaced, the message stays). */
  deleted: boolean
}

/** A file in a chat's storage (Drive). */
export interface PortalFile {
  /** The file id (Drive `ID`), counting up from 1. */
  readonly id: number
  /** The chat whose storage holds it. */
  readonly chatId: number
  /** The user id of who uploaded it. */
  readonly authorId: number
  /** The file name, extension included. */
  readonly name: string
  /** The file bytes. */
  readonly content: Uint8Array
  /** When it was uploaded, on the portal clock. */
  readonly createdAt: Date
}

/** What `Portal.createChat` takes. Everything is optional. */
export interface CreateChatOptions {
  /** The chat title. Default: `Chat <id>`. */
  readonly title?: string
  /** `'C'` group chat (default), `'O'` open channel. */
  readonly type?: 'C' | 'O'
  /** The chat description. Default `''`. */
  readonly description?: string
  /** Owner user id. Default: the portal admin (1). */
  readonly ownerId?: number
  /** Members besides the owner. */
  readonly userIds?: readonly number[]
  /** The external entity the chat is bound to, as `imbot.chat.add` stores `ENTITY_TYPE`. */
  readonly entityType?: string
  /** As `imbot.chat.add` stores `ENTITY_ID`; numbers are kept as their decimal string. */
  readonly entityId?: string | number
  /** A colour code (`RED`, `lightBlue`); an unknown one, or none, gets the next of the palette by chat id. */
  readonly color?: string
}

/** An incoming webhook of the emulated portal: `/rest/{userId}/{secret}/`. */
export interface PortalWebhook {
  /** The user the webhook acts as: `{userId}` of its URL. */
  readonly userId: number
  /** The webhook code: `{secret}` of its URL; anyone who has it can call as `userId`. */
  readonly secret: string
  /** The scopes its calls may use (`imbot`, `im`, `basic`, ...). */
  readonly scopes: ReadonlySet<string>
}

/** A "typing" or agent-status indicator a bot showed in a chat (`imbot.v2.Chat.InputAction.notify`). */
export interface PortalInputAction {
  /** The chat the indicator was shown in. */
  readonly chatId: number
  /** The bot that showed it. */
  readonly botId: number
  /** An `IMBOT_AGENT_ACTION_*` code, or `null` for plain typing. */
  readonly statusMessageCode: string | null
  /** Seconds, 1-600; `null` when the server decides. */
  readonly duration: number | null
  /** When it was shown: milliseconds since the epoch, on the portal clock. */
  readonly at: number
}

/** A chat application of a bot (`imbot.app.register`): a JS command or an iframe in the chat's app panel. */
export interface PortalChatApp {
  /** The chat app id, counting up from 1. */
  readonly id: number
  /** The owning application, as for bots (a `botToken` rotation moves it along with the bot). */
  appId: string
  /** The bot it belongs to (`BOT_ID`). */
  readonly botId: number
  /** The app code (`CODE`), as given. */
  readonly code: string
  /** `ALL`, `USER`, `CHAT`, `BOT`, `LINES`, `CALL`, with an optional `-admin` suffix (stored as given). */
  context: string
  /** The client-side command, e.g. `BXIM.sendMessage('/help');`, or `''` for an iframe app. */
  js: string
  /** The iframe's HTTPS URL, or `''` for a JS app. */
  iframe: string
  /** The iframe width in pixels (`IFRAME_WIDTH`, at least 250, default 320); 0 for a JS app. */
  iframeWidth: number
  /** The iframe height in pixels (`IFRAME_HEIGHT`, at least 50, default 250); 0 for a JS app. */
  iframeHeight: number
  /** Whether the iframe opens as a movable window that survives switching dialogs (`IFRAME_POPUP`). */
  iframePopup: boolean
  /** The iframe app's signing token. */
  hash: string
  /** Whether the app is hidden (`HIDDEN`). */
  hidden: boolean
  /** Whether extranet users see it (`EXTRANET_SUPPORT`). */
  extranetSupport: boolean
  /** Whether it is available in live chats (Open Lines) (`LIVECHAT_SUPPORT`). */
  livechatSupport: boolean
  /** `LANG` as sent: `{LANGUAGE_ID, TITLE, DESCRIPTION, COPYRIGHT}` entries. */
  lang: unknown
}

/** The users who gave a message a reaction; made on first use. */
export function reactionSet(message: PortalMessage, reaction: string): Set<number> {
  let users = message.reactions.get(reaction)
  if (!users) {
    users = new Set()
    message.reactions.set(reaction, users)
  }
  return users
}

/** Whether the bot hears every message of its chats (types `S` and `P`), not only mentions. */
export function hearsEverything(bot: PortalBot): boolean {
  return bot.type === 'S' || bot.type === 'P'
}
