import type { MethodParams } from '@b24bot/core'
import {
  imbotChatSendTyping,
  imbotCommandAnswer,
  imbotMessageAdd,
  imbotV2ChatInputActionNotify,
  imbotV2ChatMessageSend,
  imbotV2CommandAnswer,
  type ImbotEvent,
  type Methods,
} from '@b24bot/imbot'
import type { BaseClient, Client } from '@b24bot/transport'
import { factsOf, type CommandFact, type EventFacts } from './facts.ts'

type MessageAdd = MethodParams<Methods['imbot.message.add']>

/** What {@link Context.reply} and {@link Context.answerCommand} take besides plain text. */
export interface ReplyContent {
  /** The message text (BB-code; see `bb` in `@b24bot/imbot`). */
  readonly text: string
  /** A keyboard, e.g. `keyboard().command('Help', 'help').build()` from `@b24bot/imbot`. */
  readonly keyboard?: NonNullable<MessageAdd['KEYBOARD']>
  /** An attachment, e.g. `attach().message(...).build()`. */
  readonly attach?: NonNullable<MessageAdd['ATTACH']>
}

/** A session: whatever a handler keeps per dialog between events. */
export type Session = Record<string, unknown>

/**
 * What a {@link Context} is built from.
 *
 * @example
 * ```ts
 * import { Context } from '@b24bot/bot'
 * import { decodeEvent } from '@b24bot/imbot'
 *
 * declare const body: Record<string, unknown> // an event's body, decoded from its form
 * const ctx = new Context({ event: decodeEvent(body), client: () => client, session: {} })
 * ```
 */
export interface ContextInit<E extends ImbotEvent = ImbotEvent> {
  /** The decoded event; its type is the context's `E`. */
  readonly event: E
  /** The client calls back through, made when first needed. */
  readonly client: () => Client | BaseClient
  /** The session of the event's dialog, as read from the session store (`{}` when new). */
  readonly session: Session
}

function contentOf(content: string | ReplyContent): ReplyContent {
  return typeof content === 'string' ? { text: content } : content
}

/**
 * One event on its way through the handlers: the typed event, what handlers usually need from it,
 * the client authorised as this bot on this portal, and helpers that answer in the event's dialog
 * with the right method for its generation. For every imbot method as `ctx.api`, `ApiContext`.
 *
 * `E` is the event it carries: any event (`ImbotEvent`) by default, and just the routed ones in a
 * handler of `on`, `command` or `hears`, which give it as a `Filter` of the composer's context.
 * Write `Context<EventOf<'ONIMBOTV2MESSAGEADD'>>` for a handler of one event defined on its own.
 *
 * @example
 * ```ts
 * import type { Context } from '@b24bot/bot'
 * import { keyboard, type EventOf } from '@b24bot/imbot'
 *
 * bot.on('ONIMBOTV2MESSAGEADD', async (ctx) => {
 *   await ctx.typing() // ctx.event is EventOf<'ONIMBOTV2MESSAGEADD'>: ctx.event.data.message is typed
 *   await ctx.reply({ text: `You wrote: ${ctx.event.data.message.text}`, keyboard: keyboard().command('Help', 'help').build() })
 * })
 *
 * const greet = (ctx: Context<EventOf<'ONIMBOTV2JOINCHAT'>>) => ctx.reply(`Hello, ${ctx.event.data.user?.name ?? 'there'}!`)
 * bot.on('ONIMBOTV2JOINCHAT', greet)
 * ```
 */
export class Context<E extends ImbotEvent = ImbotEvent> {
  /** The typed event: in a handler of `on('NAME')`, that event's type; else narrow it with `ctx.event.event === '...'`. */
  readonly event: E
  /** What most handlers need from the event, read once. */
  readonly facts: EventFacts
  /** Kept per dialog between events (see the bot's `session` option). */
  session: Session
  /** What the last `hears` pattern matched: a `RegExpExecArray` in the handlers of a regular expression. */
  match: RegExpExecArray | undefined
  readonly #makeClient: () => Client | BaseClient
  #client: Client | BaseClient | undefined

  constructor(init: ContextInit<E>) {
    this.event = init.event
    this.facts = factsOf(init.event)
    this.session = init.session
    this.#makeClient = init.client
  }

  /**
   * The client authorised as this bot on this portal (the event's tokens, the bot's webhook and
   * identity, or the client the bot was given), made when first read. Call any method by its
   * descriptor, which bundles only that method; for all of them as `ctx.api`, `ApiContext`.
   *
   * @example
   * ```ts
   * import { imbotV2ChatGet } from '@b24bot/imbot'
   *
   * bot.on('ONIMBOTV2JOINCHAT', async (ctx) => {
   *   const { chat } = await ctx.client.call(imbotV2ChatGet, { botId: ctx.botId!, dialogId: ctx.dialogId! })
   *   await ctx.reply(`Hello, ${chat.name}!`)
   * })
   * ```
   */
  get client(): Client | BaseClient {
    this.#client ??= this.#makeClient()
    return this.#client
  }

  /** The bot the event is for. */
  get botId(): number | undefined {
    return this.facts.botId
  }

  /** Where to answer: `chat<id>`, or the other side's user id in a private chat. */
  get dialogId(): string | undefined {
    return this.facts.dialogId
  }

  /** Who caused the event. */
  get userId(): number | undefined {
    return this.facts.userId
  }

  /** The message text, for message events: a `string` in `hears` handlers. */
  get text(): string | undefined {
    return this.facts.text
  }

  /** The command, for command events: a {@link CommandFact} in `command` handlers. */
  get command(): CommandFact | undefined {
    return this.facts.command
  }

  /**
   * Sends a message to the event's dialog as the bot: `imbot.message.add` for a classic bot,
   * `imbot.v2.Chat.Message.send` for a v2 one. Resolves to the new message's id.
   *
   * @example
   * ```ts
   * import { keyboard } from '@b24bot/imbot'
   *
   * await ctx.reply('Done!')
   * await ctx.reply({ text: 'Pick one', keyboard: keyboard().command('Yes', 'yes').build() })
   * ```
   */
  async reply(content: string | ReplyContent): Promise<number> {
    const { text, keyboard, attach } = contentOf(content)
    const { botId, dialogId } = this.#target('reply')
    if (this.facts.generation === 'v2') {
      const sent = await this.client.call(imbotV2ChatMessageSend, {
        botId,
        dialogId,
        fields: { message: text, ...(keyboard === undefined ? {} : { keyboard }), ...(attach === undefined ? {} : { attach }) },
      })
      return sent.id
    }
    return this.client.call(imbotMessageAdd, {
      BOT_ID: botId,
      DIALOG_ID: dialogId,
      MESSAGE: text,
      ...(keyboard === undefined ? {} : { KEYBOARD: keyboard }),
      ...(attach === undefined ? {} : { ATTACH: attach }),
    })
  }

  /**
   * Answers the event's command (`imbot.command.answer` / `imbot.v2.Command.answer`): allowed for 10
   * minutes after the command, even where the bot is not a member.
   *
   * @example
   * ```ts
   * bot.command('help', (ctx) => ctx.answerCommand('Commands: /help, /order <id>'))
   * ```
   */
  async answerCommand(content: string | ReplyContent): Promise<void> {
    const command = this.facts.command
    const messageId = this.facts.messageId
    if (!command || messageId === undefined) throw new Error(`answerCommand needs a command event; this is ${this.event.event}`)
    const { text, keyboard, attach } = contentOf(content)
    if (this.facts.generation === 'v2') {
      const { botId, dialogId } = this.#target('answerCommand')
      await this.client.call(imbotV2CommandAnswer, {
        botId,
        commandId: command.id,
        messageId,
        dialogId,
        fields: { message: text, ...(keyboard === undefined ? {} : { keyboard }), ...(attach === undefined ? {} : { attach }) },
      })
      return
    }
    await this.client.call(imbotCommandAnswer, {
      COMMAND_ID: command.id,
      MESSAGE_ID: messageId,
      MESSAGE: text,
      ...(keyboard === undefined ? {} : { KEYBOARD: keyboard }),
      ...(attach === undefined ? {} : { ATTACH: attach }),
    })
  }

  /**
   * Shows "typing…" for the bot in the event's dialog.
   *
   * @example
   * ```ts
   * declare function slowModel(prompt: string | undefined): Promise<string> // a model that takes a while to answer
   *
   * await ctx.typing()
   * const answer = await slowModel(ctx.text)
   * await ctx.reply(answer)
   * ```
   */
  async typing(): Promise<void> {
    const { botId, dialogId } = this.#target('typing')
    if (this.facts.generation === 'v2') await this.client.call(imbotV2ChatInputActionNotify, { botId, dialogId })
    else await this.client.call(imbotChatSendTyping, { BOT_ID: botId, DIALOG_ID: dialogId })
  }

  #target(action: string): { botId: number; dialogId: string } {
    const { botId, dialogId } = this.facts
    if (botId === undefined || dialogId === undefined)
      throw new Error(`${action} needs an event with a bot and a dialog; ${this.event.event} has none`)
    return { botId, dialogId }
  }
}
