/*
 * The portal's stored entities, as the server keeps them (`b_im_*` rows): plain data, no behaviour but
 * small helpers. Every layer reads them; this module imports nothing of the emulator.
 */

/** An application installed on the portal (an OAuth client). */
export interface PortalApp {
  /** The app's local id on the portal (`app.info` `ID`). */
  readonly id: number
  readonly clientId: string
  readonly clientSecret: string
  /** Sent in `auth[application_token]` of every event: the only proof an event came from the portal. */
  readonly applicationToken: string
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
  readonly id: number
  name: string
  lastName: string
  readonly bot: boolean
  workPosition: string
  /** `'M'` or `'F'`; `''` when unknown. */
  gender: '' | 'M' | 'F'
  email: string
  /** An extranet (external) user: `EXTRANET_SUPPORT = 'N'` commands skip them. */
  readonly extranet: boolean
  /** A portal administrator (`user.admin`): the first user is; others when created with `admin: true`. */
  readonly admin: boolean
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
  readonly id: number
  code: string
  type: BotType
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
  name: string
  lastName: string
  properties: Record<string, string>
  /** Which event format it hears: classic `ONIMBOT*` or v2 `ONIMBOTV2*`. */
  readonly generation: BotGeneration
  /** v2: pushed to `webhookUrl`, or queued for `imbot.v2.Event.get`. Classic bots are `'webhook'`. */
  eventMode: 'webhook' | 'fetch'
  /** v2 webhook mode: where events are POSTed. */
  webhookUrl: string
  isHidden: boolean
  isReactionsEnabled: boolean
  backgroundId: string | null
  /** Lower-case language code, e.g. `'en'`. */
  language: string
}

/** A classic slash command of a bot. */
export interface PortalCommand {
  readonly id: number
  readonly botId: number
  /** The owning application, as for bots. */
  readonly appId: string
  /** Without the leading `/`. */
  command: string
  common: boolean
  hidden: boolean
  extranetSupport: boolean
  lang: readonly Readonly<Record<string, unknown>>[]
}

/** Chat types as `b_im_chat.TYPE` stores them: group chat, open channel, private, open lines. */
export type ChatType = 'C' | 'O' | 'P' | 'L'

/** A chat of the emulated portal. */
export interface PortalChat {
  readonly id: number
  type: ChatType
  title: string
  description: string
  ownerId: number
  /**
   * The colour code (`RED`, `LIGHT_BLUE`), the one representation kept: classic events report it as
   * `CHAT_COLOR`; `imbot.dialog.get` and v2 chats render its HEX (decision 045).
   */
  color: string
  /** A Base64 avatar, when one was set. */
  avatar: string
  entityType: string
  entityId: string
  readonly userIds: Set<number>
  readonly managerIds: Set<number>
  readonly createdAt: Date
  /** Whether members can type (`imbot.v2.Chat.TextField.enabled`). */
  textFieldEnabled: boolean
  /** The last message each member has read, by user id. */
  readonly lastRead: Map<number, number>
}

/** A message of the emulated portal. */
export interface PortalMessage {
  readonly id: number
  readonly chatId: number
  /** The author's user id; 0 for a system message without an author. */
  readonly authorId: number
  text: string
  /** Message params as the server stores them: `ATTACH`, `KEYBOARD`, `MENU`, `URL_PREVIEW`, ... */
  readonly params: Record<string, unknown>
  readonly system: boolean
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
  readonly id: number
  readonly chatId: number
  readonly authorId: number
  readonly name: string
  readonly content: Uint8Array
  readonly createdAt: Date
}

/** What `Portal.createChat` takes. Everything is optional. */
export interface CreateChatOptions {
  readonly title?: string
  /** `'C'` group chat (default), `'O'` open channel. */
  readonly type?: 'C' | 'O'
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
  readonly userId: number
  readonly secret: string
  readonly scopes: ReadonlySet<string>
}

/** A "typing" or agent-status indicator a bot showed in a chat (`imbot.v2.Chat.InputAction.notify`). */
export interface PortalInputAction {
  readonly chatId: number
  readonly botId: number
  /** An `IMBOT_AGENT_ACTION_*` code, or `null` for plain typing. */
  readonly statusMessageCode: string | null
  /** Seconds, 1-600; `null` when the server decides. */
  readonly duration: number | null
  readonly at: number
}

/** A chat application of a bot (`imbot.app.register`): a JS command or an iframe in the chat's app panel. */
export interface PortalChatApp {
  readonly id: number
  /** The owning application, as for bots (a `botToken` rotation moves it along with the bot). */
  appId: string
  readonly botId: number
  readonly code: string
  /** `ALL`, `USER`, `CHAT`, `BOT`, `LINES`, `CALL`, with an optional `-admin` suffix (stored as given). */
  context: string
  /** The client-side command, e.g. `BXIM.sendMessage('/help');`, or `''` for an iframe app. */
  js: string
  /** The iframe's HTTPS URL, or `''` for a JS app. */
  iframe: string
  iframeWidth: number
  iframeHeight: number
  iframePopup: boolean
  /** The iframe app's signing token. */
  hash: string
  hidden: boolean
  extranetSupport: boolean
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
