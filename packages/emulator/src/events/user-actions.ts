import { chatOfDialog, dialogIdFor } from '../views/v2-entities.ts'
import type { PortalState } from '../model/portal-state.ts'
import { reactionSet, type CreateChatOptions, type PortalChat, type PortalMessage } from '../model/entities.ts'
import type { PortalEvents } from './portal-events.ts'

/** What a simulated user acts on: the portal's state, its events, and the few writes a user's actions make. `Portal` is one. */
export interface ActingPortal extends PortalState {
  readonly events: PortalEvents
  addMessage(options: {
    readonly chatId: number
    readonly authorId: number
    readonly text: string
    readonly params?: Record<string, unknown>
    readonly uuid?: string
  }): PortalMessage
  createChat(options?: CreateChatOptions): PortalChat
  softDelete(message: PortalMessage): void
}

/** What {@link UserActions.send} takes besides the text. */
export interface SendOptions {
  /** Buttons as the server stores them (`KEYBOARD`): a list of `{ TEXT, COMMAND?, COMMAND_PARAMS?, ACTION?, ... }`. */
  readonly keyboard?: readonly Readonly<Record<string, unknown>>[]
  /** An `ATTACH` structure. */
  readonly attach?: Readonly<Record<string, unknown>>
  /** The client's message uuid (`TEMPLATE_ID`). */
  readonly uuid?: string
}

/**
 * What a simulated user does in the messenger; each action stores its effect and raises the events
 * a real portal raises for it (server-behavior §3.2). Get one with `portal.as(userId)`.
 *
 * @example
 * ```ts
 * const { portal } = emulator
 * const alice = portal.createUser({ name: 'Alice' })
 * const helper = portal.createBot({ appId: portal.addApp().clientId, code: 'helper', name: 'Helper' })
 * const chat = portal.createChat({ title: 'Support', userIds: [alice.id, helper.id] })
 * portal.as(alice.id).send(String(helper.id), 'hello') // private chat: JOINCHAT (first time), then MESSAGEADD
 * portal.as(alice.id).send(`chat${String(chat.id)}`, `[USER=${String(helper.id)}]Helper[/USER] help`) // a mention in a group
 * ```
 */
export class UserActions {
  readonly #portal: ActingPortal
  readonly #userId: number

  constructor(portal: ActingPortal, userId: number) {
    if (!portal.users.has(userId)) throw new Error(`No user ${String(userId)} on this portal`)
    this.#portal = portal
    this.#userId = userId
  }

  /** Opens the private dialog with a user or bot (made on first use, which a bot hears as JOINCHAT). */
  openDialog(userId: number): PortalChat {
    return this.#portal.privateChat(this.#userId, userId)
  }

  /**
   * Writes in a dialog: a user id (the private chat with them, made on first use) or `chat<id>`.
   * A line starting with `/` runs a matching command instead of reaching bots as a message.
   */
  send(dialogId: string | number, text: string, options: SendOptions = {}): PortalMessage {
    const chat = this.#chat(dialogId)
    const params: Record<string, unknown> = {}
    if (options.keyboard) params.KEYBOARD = options.keyboard
    if (options.attach) params.ATTACH = options.attach
    const message = this.#portal.addMessage({
      chatId: chat.id,
      authorId: this.#userId,
      text,
      params,
      ...(options.uuid === undefined ? {} : { uuid: options.uuid }),
    })
    this.#portal.events.messageAdded(message)
    return message
  }

  /** Edits one of the user's messages. */
  edit(messageId: number, text: string): PortalMessage {
    const message = this.#ownMessage(messageId)
    message.text = text
    message.updatedAt = new Date(this.#portal.clock.now())
    this.#portal.events.messageUpdated(message, this.#userId)
    return message
  }

  /** Deletes one of the user's messages (softly, as the messenger does: the text becomes a placeholder). */
  delete(messageId: number): PortalMessage {
    const message = this.#ownMessage(messageId)
    const text = message.text
    this.#portal.softDelete(message)
    this.#portal.events.messageDeleted(message, this.#userId, text)
    return message
  }

  /** Adds a reaction (default `like`) to a message of one of the user's chats. */
  react(messageId: number, reaction = 'like'): void {
    const message = this.#visibleMessage(messageId)
    const users = reactionSet(message, reaction)
    if (users.has(this.#userId)) return
    users.add(this.#userId)
    this.#portal.events.reactionChanged(message, this.#userId, reaction, 'add')
  }

  /** Takes a reaction back. */
  unreact(messageId: number, reaction = 'like'): void {
    const message = this.#visibleMessage(messageId)
    if (!message.reactions.get(reaction)?.delete(this.#userId)) return
    this.#portal.events.reactionChanged(message, this.#userId, reaction, 'delete')
  }

  /**
   * Presses a keyboard button of a message, by its position among the buttons (0-based, line
   * breaks not counted) or by its `TEXT`. A `COMMAND` button raises the command event
   * (`COMMAND_CONTEXT = KEYBOARD`) without a new message; `ACTION: 'SEND'` sends `ACTION_VALUE`;
   * other actions (`PUT`, `COPY`, `CALL`, `DIALOG`, links) stay on the client, like in the messenger.
   */
  press(messageId: number, button: number | string): void {
    const message = this.#visibleMessage(messageId)
    const buttons = (Array.isArray(message.params.KEYBOARD) ? (message.params.KEYBOARD as unknown[]) : []).filter(
      (entry): entry is Readonly<Record<string, unknown>> =>
        typeof entry === 'object' && entry !== null && (entry as Record<string, unknown>).TYPE !== 'NEWLINE',
    )
    const pressed = typeof button === 'number' ? buttons[button] : buttons.find((entry) => entry.TEXT === button)
    if (!pressed) throw new Error(`Message ${String(messageId)} has no button ${JSON.stringify(button)}`)
    if (typeof pressed.COMMAND === 'string' && pressed.COMMAND !== '') {
      const params =
        typeof pressed.COMMAND_PARAMS === 'string' || typeof pressed.COMMAND_PARAMS === 'number' ? String(pressed.COMMAND_PARAMS) : ''
      this.#portal.events.commandInvoked(message, this.#userId, pressed.COMMAND.replace(/^\//, ''), params, 'KEYBOARD')
    } else if (pressed.ACTION === 'SEND' && typeof pressed.ACTION_VALUE === 'string') {
      const chat = this.#portal.chats.get(message.chatId)
      if (chat) this.send(dialogIdFor(chat, this.#userId), pressed.ACTION_VALUE)
    }
  }

  /** Creates a group chat owned by the user with these members (bots among them hear JOINCHAT). */
  createChat(options: { readonly title?: string; readonly userIds?: readonly number[] } = {}): PortalChat {
    const chat = this.#portal.createChat({ ...(options.title === undefined ? {} : { title: options.title }), ownerId: this.#userId })
    this.addToChat(chat.id, options.userIds ?? [])
    return chat
  }

  /** Adds members to a chat the user is in (bots among them hear JOINCHAT). */
  addToChat(chatId: number, userIds: readonly number[]): void {
    const chat = this.#member(this.#portal.chats.get(chatId), `chat${String(chatId)}`)
    const added = userIds.filter((userId) => this.#portal.users.has(userId) && !chat.userIds.has(userId))
    for (const userId of added) chat.userIds.add(userId)
    if (added.length > 0) this.#portal.events.joined(chat, added, this.#userId)
  }

  /** Opens the private dialog with a bot carrying a context (`BOT_CONTEXT`): the bot hears CONTEXTGET. */
  sendContext(botId: number, context: Readonly<Record<string, unknown>>): void {
    const bot = this.#portal.bots.get(botId)
    if (!bot) throw new Error(`No bot ${String(botId)} on this portal`)
    this.#portal.events.contextRequested(bot, this.#userId, context)
  }

  #chat(dialogId: string | number): PortalChat {
    return this.#member(chatOfDialog(this.#portal, dialogId, this.#userId), String(dialogId))
  }

  #member(chat: PortalChat | undefined, dialogId: string): PortalChat {
    if (!chat) throw new Error(`No dialog ${dialogId} on this portal`)
    if (!chat.userIds.has(this.#userId)) throw new Error(`User ${String(this.#userId)} is not a member of ${dialogId}`)
    return chat
  }

  #visibleMessage(messageId: number): PortalMessage {
    const message = this.#portal.messages.get(messageId)
    if (!message || message.deleted) throw new Error(`No message ${String(messageId)} on this portal`)
    this.#member(this.#portal.chats.get(message.chatId), `chat${String(message.chatId)}`)
    return message
  }

  #ownMessage(messageId: number): PortalMessage {
    const message = this.#visibleMessage(messageId)
    if (message.authorId !== this.#userId) throw new Error(`Message ${String(messageId)} is not by user ${String(this.#userId)}`)
    return message
  }
}
