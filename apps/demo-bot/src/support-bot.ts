import { Composer, createBot, memorySessionStore, type Bot, type BotOptions, type Context, type SessionStore } from '@b24bot/bot'
import {
  attach,
  bb,
  button,
  grid,
  imbotChatAdd,
  imbotChatGet,
  imbotV2ChatMessageReactionAdd,
  imbotV2ChatMessageSend,
  keyboard,
  type EventOf,
} from '@b24bot/imbot'
import { isTopic, memoryRequests, TOPICS, type RequestStore, type SupportRequest, type Topic } from './requests.ts'

/** The bot's code on the portal; it finds itself by it after a restart. */
export const BOT_CODE = 'b24bot_demo_support'

/** How the portal shows the bot. */
export const BOT_NAME = 'Support desk'

/** The entity a request's chat is bound to: `imbot.chat.get` finds the chat again by it. */
export const REQUEST_ENTITY = 'B24BOT_REQUEST'

/** The commands the bot registers (`hidden` ones are pressed on keyboards, not typed). */
export const COMMANDS: readonly {
  readonly command: string
  readonly title: string
  readonly params?: string
  readonly hidden?: boolean
}[] = [
  { command: 'help', title: 'What I can do' },
  { command: 'request', title: 'Open a support request' },
  { command: 'status', title: 'Look up a request', params: 'number' },
  { command: 'cancel', title: 'Stop what we are doing' },
  { command: 'topic', title: 'Pick a topic', hidden: true },
  { command: 'confirm', title: 'Confirm the request', hidden: true },
]

/** Where a conversation about a new request stands, kept in `ctx.session` between messages. */
type Draft =
  | { readonly step: 'topic' }
  | { readonly step: 'description'; readonly topic: Topic }
  | { readonly step: 'confirm'; readonly topic: Topic; readonly description: string }

/** Reads the draft from a session, whatever a store gave back. */
function draftOf(ctx: Context): Draft | undefined {
  const draft = ctx.session.draft
  return typeof draft === 'object' && draft !== null && 'step' in draft ? (draft as Draft) : undefined
}

/** What the demo bot is made of besides its handlers. */
export interface SupportBotOptions extends Pick<BotOptions, 'client' | 'urlSecret' | 'logger'> {
  /** Where sessions live (default: in memory). */
  readonly session?: SessionStore
  /** Where requests live (default: in memory). */
  readonly requests?: RequestStore
  /** Where the bot reports a handler's failure; never given a token. Default `console.error`. */
  readonly report?: (line: string) => void
}

const helpText = bb.join(
  [
    'I open support requests and keep a chat for each.',
    bb.fmt`${bb.bold('/request')} opens one, step by step; ${bb.bold('/cancel')} stops at any step.`,
    bb.fmt`${bb.bold('/status 1')} finds request 1 and its chat.`,
    'In a group chat, mention me and I will answer.',
  ],
  bb.br,
)

const mainKeyboard = () => keyboard().command('Open a request', 'request').command('Help', 'help').build()

function topicKeyboard() {
  const topics = Object.entries(TOPICS).map(([key, title]) => button.command(title, 'topic', key, { display: 'LINE' }))
  return keyboard()
    .row(...topics)
    .row(button.command('Cancel', 'cancel'))
    .build()
}

/** The card of a request: the fields a support engineer reads first. Every user-given value is escaped. */
function requestCard(request: Pick<SupportRequest, 'topic' | 'description' | 'authorId'> & { readonly id?: number }, author: string) {
  return attach({ color: 'primary' })
    .message(request.id === undefined ? bb.bold('New request (not sent yet)') : bb.fmt`${bb.bold(`Request #${String(request.id)}`)}`)
    .grid(
      grid.row('Topic', TOPICS[request.topic]),
      grid.row('From', bb.escapeBb(author)),
      grid.row('Description', bb.escapeBb(request.description)),
    )
    .build()
}

/** The display name of whoever caused the event, as the event carries it. */
function authorName(ctx: Context): string {
  const user = (ctx.event.data as { readonly user?: { readonly name?: string } | null }).user
  return user?.name ?? `User ${String(ctx.userId ?? '')}`
}

/** The bot and the person of an event: messages and commands always name both. */
function who(ctx: Context): { readonly botId: number; readonly userId: number } {
  const { botId, userId } = ctx
  if (botId === undefined || userId === undefined) throw new Error(`${ctx.event.event} names no bot or no user`)
  return { botId, userId }
}

/** A group chat (`chatNNN`), rather than a private dialog (the other user's id). */
function inGroupChat(ctx: Context): boolean {
  return ctx.dialogId?.startsWith('chat') ?? false
}

/**
 * Finds the chat bound to a request with `imbot.chat.get` (the seed method), or creates it with
 * `imbot.chat.add` and that binding, the author in it. Resolves to the chat id.
 */
async function requestChat(ctx: Context, request: SupportRequest): Promise<number> {
  const found = await ctx.client.call(imbotChatGet, { ENTITY_TYPE: REQUEST_ENTITY, ENTITY_ID: request.id })
  if (found !== null) return found
  return ctx.client.call(imbotChatAdd, {
    BOT_ID: who(ctx).botId,
    TITLE: `Request #${String(request.id)}: ${TOPICS[request.topic]}`,
    USERS: [request.authorId],
    ENTITY_TYPE: REQUEST_ENTITY,
    ENTITY_ID: String(request.id),
  })
}

/**
 * The handlers of the demo's support bot, as a composer other bots can mount: commands with
 * keyboards, a three-step conversation in `ctx.session`, a card, a reaction, typing, groups.
 */
function supportHandlers(requests: RequestStore): Composer {
  const handlers = new Composer()

  handlers.on('ONIMBOTV2JOINCHAT', (ctx) =>
    inGroupChat(ctx)
      ? ctx.reply(bb.fmt`Hello, everyone! Mention ${bb.bold(BOT_NAME)} and I will answer here.`.text)
      : ctx.reply({ text: bb.fmt`Hello, ${authorName(ctx)}! ${helpText}`.text, keyboard: mainKeyboard() }),
  )

  handlers.command('help', (ctx) => ctx.answerCommand({ text: helpText.text, keyboard: mainKeyboard() }))

  handlers.command('cancel', async (ctx) => {
    const had = draftOf(ctx) !== undefined
    delete ctx.session.draft
    await ctx.reply({ text: had ? 'Cancelled. Nothing was sent.' : 'There was nothing to cancel.', keyboard: mainKeyboard() })
  })

  handlers.command('request', async (ctx) => {
    if (inGroupChat(ctx)) {
      await ctx.reply('Requests are opened in a private chat: write /request to me there.')
      return
    }
    ctx.session.draft = { step: 'topic' } satisfies Draft
    await ctx.reply({ text: 'What is it about?', keyboard: topicKeyboard() })
  })

  handlers.command('topic', async (ctx) => {
    const topic = ctx.command.params.trim()
    if (draftOf(ctx)?.step !== 'topic' || !isTopic(topic)) {
      await ctx.reply({ text: 'Start with /request.', keyboard: mainKeyboard() })
      return
    }
    ctx.session.draft = { step: 'description', topic } satisfies Draft
    await ctx.reply(bb.fmt`${bb.bold(TOPICS[topic])}. Now describe the problem in one message (or /cancel).`.text)
  })

  handlers.command('confirm', async (ctx) => {
    const draft = draftOf(ctx)
    if (draft?.step !== 'confirm') {
      await ctx.reply({ text: 'There is no request to confirm. Start with /request.', keyboard: mainKeyboard() })
      return
    }
    await ctx.typing()
    const request = requests.create({ topic: draft.topic, description: draft.description, authorId: who(ctx).userId })
    request.chatId = await requestChat(ctx, request)
    await ctx.client.call(imbotV2ChatMessageSend, {
      botId: who(ctx).botId,
      dialogId: `chat${String(request.chatId)}`,
      fields: {
        message: bb.fmt`A new request from ${bb.mention(request.authorId, authorName(ctx))}.`.text,
        attach: requestCard(request, authorName(ctx)),
      },
    })
    delete ctx.session.draft
    await ctx.reply({
      text: bb.fmt`Request ${bb.bold(`#${String(request.id)}`)} is open. We talk about it in ${bb.chatMention(request.chatId, `Request #${String(request.id)}`)}.`
        .text,
      keyboard: mainKeyboard(),
    })
  })

  handlers.command('status', async (ctx) => {
    const id = Number(ctx.command.params.trim())
    const request = Number.isSafeInteger(id) && id > 0 ? requests.get(id) : undefined
    // The chat is found by the entity it was bound to, as any other process of the bot would find it.
    const chatId =
      request === undefined ? null : await ctx.client.call(imbotChatGet, { ENTITY_TYPE: REQUEST_ENTITY, ENTITY_ID: request.id })
    if (request === undefined || chatId === null) {
      await ctx.reply(
        bb.fmt`I know no request ${bb.bold(ctx.command.params.trim() || '(no number)')}. Write /status and its number, e.g. /status 1.`
          .text,
      )
      return
    }
    await ctx.reply({
      text: bb.fmt`Request #${String(request.id)} is open, in ${bb.chatMention(chatId, `Request #${String(request.id)}`)}.`.text,
      attach: requestCard(request, request.authorId === ctx.userId ? authorName(ctx) : `User ${String(request.authorId)}`),
    })
  })

  handlers.on('ONIMBOTV2MESSAGEADD', async (ctx: Context<EventOf<'ONIMBOTV2MESSAGEADD'>>) => {
    const text = ctx.text ?? ''
    if (inGroupChat(ctx)) {
      // In a group chat the portal sends the bot only the messages that mention it.
      await ctx.reply(
        bb.fmt`${bb.mention(who(ctx).userId, authorName(ctx))}, I open support requests in a private chat with me: write /request there.`
          .text,
      )
      return
    }
    const draft = draftOf(ctx)
    if (draft?.step !== 'description') {
      await ctx.reply({ text: 'Write /help to see what I can do.', keyboard: mainKeyboard() })
      return
    }
    await ctx.typing()
    await ctx.client.call(imbotV2ChatMessageReactionAdd, { botId: who(ctx).botId, messageId: ctx.event.data.message.id, reaction: 'like' })
    ctx.session.draft = { step: 'confirm', topic: draft.topic, description: text } satisfies Draft
    await ctx.reply({
      text: 'Here is your request. Send it?',
      attach: requestCard({ topic: draft.topic, description: text, authorId: who(ctx).userId }, authorName(ctx)),
      keyboard: keyboard().command('Send it', 'confirm').command('Cancel', 'cancel').build(),
    })
  })

  return handlers
}

/**
 * The demo's support bot: `createBot` from `@b24bot/bot` with the support handlers, sessions, and
 * a `bot.catch` that reports the event and the error's message (b24bot's errors carry no secret).
 *
 * @example
 * ```ts
 * const bot = createSupportBot({ client, urlSecret })
 * createServer(toNodeHandler(bot)).listen(3000)
 * ```
 */
export function createSupportBot(options: SupportBotOptions = {}): Bot {
  const { session = memorySessionStore(), requests = memoryRequests(), report = console.error, ...botOptions } = options
  const bot = createBot({ ...botOptions, session })
  bot.use(supportHandlers(requests))
  bot.catch((error, ctx) => {
    const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : 'a non-error value'
    report(`${ctx.event.event} failed: ${cause}`)
  })
  return bot
}
