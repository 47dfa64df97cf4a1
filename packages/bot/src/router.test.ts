import { decodeForm, encodeForm, type FormInput } from '@b24bot/core'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import { botIdentity, decodeEvent, imbot, type ImbotEvent } from '@b24bot/imbot'
import { createClient, unlimited, type Client } from '@b24bot/transport'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readEventsSpec } from '@b24bot/spec-fixtures'
import { createBot, type BotOptions } from './bot.ts'
import { BotError } from './bot-error.ts'
import { compose, Composer, type Filter, type Middleware } from './composer.ts'
import { Context } from './context.ts'
import { memorySessionStore } from './session.ts'

interface SpecEvent {
  readonly event: string
  readonly examplePayloads: Readonly<Record<string, Record<string, unknown>>>
}
const spec = readEventsSpec() as SpecEvent[]

function example(name: string, label?: string): Record<string, unknown> {
  const payloads = spec.find((event) => event.event === name)?.examplePayloads ?? {}
  const body = payloads[label ?? Object.keys(payloads)[0] ?? '']
  if (!body) throw new Error(`no example for ${name}`)
  return structuredClone(body)
}

type Loose = Record<string, Record<string, unknown>>

/** The docs' classic private-chat message with another text (and dialog). */
function classicMessage(text: string, dialogId = '27'): ImbotEvent {
  const body = example('ONIMBOTMESSAGEADD', 'Personal chat with the bot')
  const params = (body.data as Loose).PARAMS!
  params.MESSAGE = text
  params.DIALOG_ID = dialogId
  return decodeEvent(body)
}

/** The docs' classic command (`/echo test`) as another command. */
function classicCommand(name: string, params = ''): ImbotEvent {
  const body = example('ONIMCOMMANDADD', 'Personal chat with the bot')
  const entry = Object.values((body.data as Record<string, Loose>).COMMAND!)[0]!
  entry.COMMAND = name
  entry.COMMAND_PARAMS = params
  return decodeEvent(body)
}

/** A fetched v2 item made from the docs' `fetchModeData`. */
function v2Event(
  name: 'ONIMBOTV2MESSAGEADD' | 'ONIMBOTV2COMMANDADD' | 'ONIMBOTV2JOINCHAT',
  change: (data: Loose) => void = () => undefined,
): ImbotEvent {
  const data = example(name, 'fetchModeData') as Loose
  change(data)
  return decodeEvent({ eventId: 1, type: name, date: '2025-01-15T10:30:00+02:00', data })
}
const v2Message = (text: string): ImbotEvent => v2Event('ONIMBOTV2MESSAGEADD', (data) => (data.message!.text = text))
const v2Command = (command: string, params = ''): ImbotEvent =>
  v2Event('ONIMBOTV2COMMANDADD', (data) => {
    data.command!.command = command
    data.command!.params = params
  })

/** A bot that records what its error boundary got. */
function recordingBot(options: BotOptions = {}) {
  const errors: { error: unknown; event: string }[] = []
  const bot = createBot(options).catch((error, ctx) => {
    errors.push({ error, event: ctx.event.event })
  })
  return { bot, errors }
}

describe('the chain', () => {
  it('runs use, on, command and hears in the order they were added, each deciding whether the next runs', async () => {
    const { bot, errors } = recordingBot()
    const log: string[] = []
    bot.use(async (ctx, next) => {
      log.push(`before ${ctx.event.event}`)
      await next()
      log.push(`after ${ctx.event.event}`)
    })
    bot.on('ONIMBOTMESSAGEADD', async (_ctx, next) => {
      log.push('on message')
      await next()
    })
    bot.command('help', () => {
      log.push('command help')
    })
    bot.hears('stop', () => {
      log.push('hears stop (ends the chain)')
    })
    bot.hears(/.*/, () => {
      log.push('hears anything')
    })
    bot.use(() => {
      log.push('last')
    })

    await bot.handle(classicMessage('stop'))
    expect(log.splice(0)).toEqual(['before ONIMBOTMESSAGEADD', 'on message', 'hears stop (ends the chain)', 'after ONIMBOTMESSAGEADD'])
    await bot.handle(classicMessage('go on'))
    expect(log.splice(0)).toEqual(['before ONIMBOTMESSAGEADD', 'on message', 'hears anything', 'after ONIMBOTMESSAGEADD'])
    await bot.handle(classicCommand('help'))
    expect(log.splice(0)).toEqual(['before ONIMCOMMANDADD', 'command help', 'after ONIMCOMMANDADD'])
    await bot.handle(v2Event('ONIMBOTV2JOINCHAT'))
    expect(log.splice(0)).toEqual(['before ONIMBOTV2JOINCHAT', 'last', 'after ONIMBOTV2JOINCHAT'])
    expect(errors).toEqual([])
  })

  it('on takes an event name, a list of names, or a predicate; several handlers run as one chain', async () => {
    const { bot } = recordingBot()
    const log: string[] = []
    const mark =
      (label: string): Middleware =>
      async (_ctx, next) => {
        log.push(label)
        await next()
      }
    bot.on('ONIMBOTV2MESSAGEADD', mark('v2 name'))
    bot.on(['ONIMBOTMESSAGEADD', 'ONIMBOTV2MESSAGEADD'], mark('list a'), mark('list b'))
    bot.on((ctx) => ctx.facts.generation === 'classic', mark('predicate classic'))
    await bot.handle(classicMessage('x'))
    expect(log.splice(0)).toEqual(['list a', 'list b', 'predicate classic'])
    await bot.handle(v2Message('x'))
    expect(log.splice(0)).toEqual(['v2 name', 'list a', 'list b'])
  })

  it('handlers of on read the typed data of the events they are narrowed to; a type-guard predicate routes like any predicate', async () => {
    const { bot, errors } = recordingBot()
    const seen: string[] = []
    bot.on('ONIMBOTV2MESSAGEADD', (ctx) => {
      seen.push(`v2 ${ctx.event.data.message.text} in ${ctx.event.data.chat.dialogId}`)
    })
    bot.on(['ONIMBOTMESSAGEADD', 'ONIMCOMMANDADD'], (ctx) => {
      seen.push(`classic ${ctx.event.event === 'ONIMBOTMESSAGEADD' ? 'message' : 'command'} ${ctx.event.data.PARAMS.MESSAGE}`)
    })
    const isJoin = (ctx: Context): ctx is Filter<Context, 'ONIMBOTJOINCHAT' | 'ONIMBOTV2JOINCHAT'> =>
      ctx.event.event === 'ONIMBOTJOINCHAT' || ctx.event.event === 'ONIMBOTV2JOINCHAT'
    bot.on(isJoin, (ctx) => {
      seen.push(`join ${ctx.event.event === 'ONIMBOTV2JOINCHAT' ? ctx.event.data.dialogId : ctx.event.data.PARAMS.DIALOG_ID}`)
    })
    await bot.handle(v2Message('hi'))
    await bot.handle(classicMessage('hello', 'chat7'))
    await bot.handle(classicCommand('help', 'me'))
    await bot.handle(v2Event('ONIMBOTV2JOINCHAT'))
    await bot.handle(v2Command('/help'))
    expect(seen).toEqual(['v2 hi in chat5', 'classic message hello', 'classic command /echo test', 'join chat5'])
    expect(errors).toEqual([])
  })

  it('command and hears handlers get what their narrowing promises: the command, the text, the match', async () => {
    const { bot, errors } = recordingBot()
    const seen: unknown[] = []
    bot.command('help', (ctx) => {
      seen.push([ctx.event.event, ctx.command.name, ctx.command.params, ctx.facts.command === ctx.command])
    })
    bot.hears(/^order (\d+)$/, (ctx) => {
      seen.push([ctx.event.event, ctx.text, ctx.match[1], ctx.facts.text])
    })
    await bot.handle(classicCommand('help', 'topic'))
    await bot.handle(v2Command('/help', 'topic'))
    await bot.handle(classicMessage('order 42'))
    await bot.handle(v2Message('order 7'))
    expect(seen).toEqual([
      ['ONIMCOMMANDADD', 'help', 'topic', true],
      ['ONIMBOTV2COMMANDADD', 'help', 'topic', true],
      ['ONIMBOTMESSAGEADD', 'order 42', '42', 'order 42'],
      ['ONIMBOTV2MESSAGEADD', 'order 7', '7', 'order 7'],
    ])
    expect(errors).toEqual([])
  })

  it('command matches classic ONIMCOMMANDADD and v2 command events alike, by name without case or slash', async () => {
    const { bot } = recordingBot()
    const seen: string[] = []
    bot.command(['/Help', 'start'], (ctx) => {
      seen.push(`${ctx.facts.generation} ${ctx.command.name} [${ctx.command.params}]`)
    })
    await bot.handle(classicCommand('help', 'topic'))
    await bot.handle(classicCommand('START'))
    await bot.handle(v2Command('/help', 'topic'))
    await bot.handle(v2Command('/other'))
    await bot.handle(classicCommand('echo', 'test'))
    // A message whose text looks like the command is not a command event.
    await bot.handle(classicMessage('/help'))
    await bot.handle(v2Message('/help'))
    expect(seen).toEqual(['classic help [topic]', 'classic START []', 'v2 help [topic]'])
  })

  it('hears matches new messages (classic and v2) by trimmed, caseless string or by regex, with ctx.match', async () => {
    const { bot } = recordingBot()
    const seen: string[] = []
    bot.hears('  Hi ', (ctx) => {
      seen.push(`string: ${ctx.text}`)
    })
    bot.hears(/^order (\d+)$/i, (ctx) => {
      seen.push(`order ${ctx.match[1] ?? ''}`)
    })
    await bot.handle(classicMessage('hi'))
    await bot.handle(v2Message(' HI  '))
    await bot.handle(classicMessage('Order 42'))
    await bot.handle(v2Message('order 7'))
    await bot.handle(classicMessage('hi there'))
    // Not for command events, even though they carry the text.
    await bot.handle(v2Command('/hi'))
    expect(seen).toEqual(['string: hi', 'string:  HI  ', 'order 42', 'order 7'])
  })

  it('hears with a global or sticky regex matches every message from its start, not from where the last one ended', async () => {
    const { bot } = recordingBot()
    const seen: string[] = []
    bot.hears(/hi/gi, (ctx) => {
      seen.push(`global ${ctx.match.index}`)
    })
    bot.hears(/bye/y, (ctx) => {
      seen.push(`sticky ${ctx.text}`)
    })
    for (const text of ['hi', 'hi', 'oh hi', 'bye', 'bye']) await bot.handle(classicMessage(text))
    expect(seen).toEqual(['global 0', 'global 0', 'global 3', 'sticky bye', 'sticky bye'])
  })

  it('a Composer groups handlers and is used like middleware; compose runs a list in order', async () => {
    const { bot } = recordingBot()
    const log: string[] = []
    const admin = new Composer()
    admin.use(async (_ctx, next) => {
      log.push('admin guard')
      await next()
    })
    admin.command('stats', () => {
      log.push('admin stats')
    })
    bot.use(admin)
    bot.use(
      compose([
        async (_ctx, next) => {
          log.push('composed 1')
          await next()
        },
        async (_ctx, next) => {
          log.push('composed 2')
          await next()
        },
      ]),
    )
    await bot.handle(classicCommand('stats'))
    expect(log.splice(0)).toEqual(['admin guard', 'admin stats'])
    await bot.handle(classicCommand('other'))
    expect(log.splice(0)).toEqual(['admin guard', 'composed 1', 'composed 2'])
  })

  it('calling next() twice in one middleware is an error, sent to bot.catch', async () => {
    const { bot, errors } = recordingBot()
    let after = 0
    bot.use(async (_ctx, next) => {
      await next()
      await next()
    })
    bot.use(async (_ctx, next) => {
      after += 1
      await next()
    })
    await bot.handle(classicMessage('x'))
    expect(after).toBe(1)
    expect(errors).toHaveLength(1)
    expect(String(errors[0]?.error)).toMatch(/next\(\) was called more than once/)
  })
})

describe('ctx.facts', () => {
  it('a classic group-chat edit or delete without USER or FROM_USER_ID names its author (AUTHOR_ID) as ctx.userId', () => {
    for (const name of ['ONIMBOTMESSAGEUPDATE', 'ONIMBOTMESSAGEDELETE'] as const) {
      const body = example(name, 'Group chat')
      const data = body.data as Loose
      expect(data.USER).toBeUndefined()
      expect(
        new Context({
          event: decodeEvent(body),
          client: () => createClient({ webhookUrl: 'https://portal.example/rest/1/x/' }),
          session: {},
        }).userId,
      ).toBe(Number(data.PARAMS!.AUTHOR_ID))
    }
  })
})

describe('the error boundary', () => {
  it('a throwing handler goes to bot.catch with its context; the next event is still handled; handle never rejects', async () => {
    const { bot, errors } = recordingBot()
    const handled: string[] = []
    bot.hears('boom', () => {
      throw new Error('sync boom')
    })
    bot.hears('later', async () => {
      await Promise.resolve()
      throw new Error('async boom')
    })
    bot.on('ONIMBOTMESSAGEADD', (ctx) => {
      handled.push(ctx.text ?? '')
    })
    await expect(bot.handle(classicMessage('boom'))).resolves.toBe(true)
    await expect(bot.handle(classicMessage('later'))).resolves.toBe(true)
    await bot.handle(classicMessage('fine'))
    expect(handled).toEqual(['fine'])
    expect(errors.map(({ error, event }) => `${event}: ${((error as Error).cause as Error).message}`)).toEqual([
      'ONIMBOTMESSAGEADD: sync boom',
      'ONIMBOTMESSAGEADD: async boom',
    ])
    expect(errors.every(({ error }) => BotError.isInstance(error))).toBe(true)
  })

  it('a throw of a non-Error, and an error handler that throws too, are contained', async () => {
    const bot = createBot().catch(() => {
      throw new Error('the error handler failed')
    })
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    bot.use(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- what a careless handler does
      throw 'a string'
    })
    await expect(bot.handle(classicMessage('x'))).resolves.toBe(true)
    expect(logged).toHaveBeenCalledWith(
      'b24bot: the error handler failed too',
      expect.objectContaining({ message: 'the error handler failed' }),
    )
  })

  it('without bot.catch (and no logger), errors go to the console as a BotError naming the event', async () => {
    const bot = createBot()
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    bot.use(() => {
      throw new Error('unhandled')
    })
    await bot.handle(classicMessage('x'))
    expect(logged).toHaveBeenCalledOnce()
    const [error] = logged.mock.calls[0] as [BotError]
    expect(BotError.isInstance(error)).toBe(true)
    expect(error.message).toMatch(/^A handler failed on ONIMBOTMESSAGEADD.*: unhandled$/)
  })
})

describe('ctx.session', () => {
  it('is kept per portal, bot and dialog across events, with memorySessionStore', async () => {
    const { bot, errors } = recordingBot({ session: memorySessionStore() })
    const counts: number[] = []
    bot.on(['ONIMBOTMESSAGEADD', 'ONIMBOTV2MESSAGEADD'], (ctx) => {
      const count = Number(ctx.session.count ?? 0) + 1
      ctx.session.count = count
      ctx.session.texts = [...((ctx.session.texts as string[] | undefined) ?? []), ctx.text ?? '']
      counts.push(count)
    })
    let texts: unknown
    bot.hears('show', (ctx) => {
      texts = ctx.session.texts
    })
    await bot.handle(classicMessage('one'))
    await bot.handle(classicMessage('two'))
    await bot.handle(classicMessage('elsewhere', 'chat99'))
    await bot.handle(v2Message('v2 one'))
    await bot.handle(classicMessage('three'))
    expect(counts).toEqual([1, 2, 1, 1, 3])
    // A later event of the same dialog sees what the earlier ones left.
    const reader = createBot({ session: bot.options.session! })
    reader.use((ctx) => {
      texts = ctx.session.texts
    })
    await reader.handle(classicMessage('show'))
    expect(texts).toEqual(['one', 'two', 'three'])
    expect(errors).toEqual([])
  })

  it('is not saved when a handler fails, and starts empty without a store', async () => {
    const { bot } = recordingBot({ session: memorySessionStore() })
    bot.use((ctx) => {
      ctx.session.count = Number(ctx.session.count ?? 0) + 1
      if (ctx.text === 'fail') throw new Error('no save')
    })
    const seen: unknown[] = []
    bot.use(() => undefined)
    await bot.handle(classicMessage('ok'))
    await bot.handle(classicMessage('fail'))
    const check = createBot({ session: bot.options.session! })
    check.use((ctx) => {
      seen.push(ctx.session.count)
    })
    await check.handle(classicMessage('x'))
    expect(seen).toEqual([1])

    const stateless = createBot()
    stateless.use((ctx) => {
      seen.push(ctx.session.count)
      ctx.session.count = 5
    })
    await stateless.handle(classicMessage('a'))
    await stateless.handle(classicMessage('b'))
    expect(seen).toEqual([1, undefined, undefined])
  })
})

describe('ctx.reply, ctx.answerCommand and ctx.typing, against the emulator', () => {
  let emulator: Emulator
  /** Where classic handlers point: nothing listens there; these tests take the events from the deliveries. */
  const nowhere = 'http://127.0.0.1:9/events'

  beforeEach(async () => {
    emulator = await startEmulator()
  })
  afterEach(async () => {
    await emulator.close()
  })

  const webhookClient = (bot: { clientId?: string; botToken?: string }): Client =>
    createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity(bot)], retry: false, limiter: unlimited })

  /** The methods the portal ran, in order, from `since` on. */
  const methodsRun = (since: number): string[] => emulator.portal.calls.slice(since).map((call) => call.method)
  /** What the bot wrote, in order. */
  const botMessages = (botId: number): string[] =>
    [...emulator.portal.messages.values()].filter((message) => message.authorId === botId).map((message) => message.text)

  it('a classic bot answers with imbot.message.add, imbot.chat.sendTyping and imbot.command.answer', async () => {
    const client = webhookClient({ clientId: 'router-classic' })
    const api = imbot(client)
    const botId = await api.register({ CODE: 'router', EVENT_HANDLER: nowhere, PROPERTIES: { NAME: 'Router' } })
    await api.command.register({ BOT_ID: botId, COMMAND: 'help', EVENT_COMMAND_ADD: nowhere, LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Help' }] })
    const alice = emulator.portal.createUser({ name: 'Alice' })
    emulator.portal.as(alice.id).send(String(botId), 'hi')
    emulator.portal.as(alice.id).send(String(botId), '/help me')
    await emulator.portal.events.settled()
    // What was POSTed, as the wire carries it.
    const pushed = emulator.portal.events.deliveries
      .filter((delivery) => delivery.botIds.includes(botId))
      .map((delivery) => decodeEvent(decodeForm(encodeForm(delivery.payload as Record<string, FormInput>))))
    expect(pushed.map((event) => event.event)).toEqual(['ONIMBOTJOINCHAT', 'ONIMBOTMESSAGEADD', 'ONIMCOMMANDADD'])

    const { bot, errors } = recordingBot({ client })
    bot.on('ONIMBOTMESSAGEADD', async (ctx) => {
      await ctx.typing()
      expect(await ctx.reply({ text: `echo: ${ctx.text ?? ''}` })).toBeGreaterThan(0)
    })
    bot.command('help', (ctx) => ctx.answerCommand(`help on ${ctx.command.params}`))
    const since = emulator.portal.calls.length
    for (const event of pushed) await bot.handle(event)

    expect(errors).toEqual([])
    expect(methodsRun(since)).toEqual(['imbot.chat.sendTyping', 'imbot.message.add', 'imbot.command.answer'])
    expect(botMessages(botId)).toEqual(['echo: hi', 'help on me'])
  })

  it('a v2 bot answers with imbot.v2.Chat.Message.send, imbot.v2.Chat.InputAction.notify and imbot.v2.Command.answer', async () => {
    const botToken = 'router-v2-token'
    const client = webhookClient({ botToken })
    const api = imbot(client)
    const { bot: registered } = await api.v2.Bot.register({
      fields: { code: 'router2', botToken, eventMode: 'fetch', properties: { name: 'Router 2' } },
    })
    await api.v2.Command.register({ botId: registered.id, fields: { command: 'help', title: { en: 'Help' } } })
    const alice = emulator.portal.createUser({ name: 'Alice' })
    emulator.portal.as(alice.id).send(String(registered.id), 'hi')
    emulator.portal.as(alice.id).send(String(registered.id), '/help me')
    await emulator.portal.events.settled()
    const { events } = await api.v2.Event.get({ botId: registered.id })
    const fetched = events.map((item) => decodeEvent(item))
    expect(fetched.map((event) => event.event)).toEqual(['ONIMBOTV2JOINCHAT', 'ONIMBOTV2MESSAGEADD', 'ONIMBOTV2COMMANDADD'])

    const { bot, errors } = recordingBot({ client })
    bot.on('ONIMBOTV2MESSAGEADD', async (ctx) => {
      await ctx.typing()
      expect(await ctx.reply(`echo: ${ctx.text ?? ''}`)).toBeGreaterThan(0)
    })
    bot.command('help', (ctx) => ctx.answerCommand({ text: `help on ${ctx.command.params}` }))
    const since = emulator.portal.calls.length
    for (const event of fetched) await bot.handle(event)

    expect(errors).toEqual([])
    expect(methodsRun(since)).toEqual(['imbot.v2.Chat.InputAction.notify', 'imbot.v2.Chat.Message.send', 'imbot.v2.Command.answer'])
    expect(botMessages(registered.id)).toEqual(['echo: hi', 'help on me'])
    expect(emulator.portal.inputActions.map((action) => action.botId)).toEqual([registered.id])
  })

  it('a classic event listing two bots of the app answers as the one the message is addressed to', async () => {
    const client = webhookClient({ clientId: 'router-duo' })
    const api = imbot(client)
    // A supervisor hears every message of its chats; the helper only when mentioned. Both are the app's.
    const supervisor = await api.register({ CODE: 'watcher', TYPE: 'S', EVENT_HANDLER: nowhere, PROPERTIES: { NAME: 'Watcher' } })
    const helper = await api.register({ CODE: 'helper', TYPE: 'B', EVENT_HANDLER: nowhere, PROPERTIES: { NAME: 'Helper' } })
    const alice = emulator.portal.createUser({ name: 'Alice' })
    const chat = emulator.portal.as(alice.id).createChat({ userIds: [supervisor, helper] })
    await emulator.portal.events.settled()
    const since = emulator.portal.events.deliveries.length
    emulator.portal.as(alice.id).send(`chat${String(chat.id)}`, `[USER=${String(helper)}]Helper[/USER], hi`)
    await emulator.portal.events.settled()
    const pushed = emulator.portal.events.deliveries
      .slice(since)
      .map((delivery) => decodeEvent(decodeForm(encodeForm(delivery.payload as Record<string, FormInput>))))
    expect(pushed).toHaveLength(1)
    expect(Object.keys((pushed[0]!.data as { BOT: object }).BOT).map(Number)).toEqual([supervisor, helper])

    const { bot, errors } = recordingBot({ client })
    bot.hears('hi', (ctx) => ctx.reply('Hello from the helper'))
    await bot.handle(pushed[0]!)
    expect(errors).toEqual([])
    expect(botMessages(helper)).toEqual(['Hello from the helper'])
    expect(botMessages(supervisor)).toEqual([])
  })

  it("of an OAuth app's event listing two bots, ctx.client calls with the tokens of the bot it answers as", async () => {
    const app = emulator.portal.addApp()
    const supervisor = emulator.portal.createBot({ appId: app.clientId, code: 'watcher', type: 'S', name: 'Watcher' })
    const helper = emulator.portal.createBot({ appId: app.clientId, code: 'helper', type: 'B', name: 'Helper' })
    emulator.portal.handlers.set(app.clientId, { EVENT_MESSAGE_ADD: nowhere, EVENT_WELCOME_MESSAGE: nowhere })
    const alice = emulator.portal.createUser({ name: 'Alice' })
    const chat = emulator.portal.as(alice.id).createChat({ userIds: [supervisor.id, helper.id] })
    await emulator.portal.events.settled()
    const since = emulator.portal.events.deliveries.length
    emulator.portal.as(alice.id).send(`chat${String(chat.id)}`, `[USER=${String(helper.id)}]Helper[/USER], hi`)
    await emulator.portal.events.settled()
    const [event] = emulator.portal.events.deliveries
      .slice(since)
      .map((delivery) => decodeEvent(decodeForm(encodeForm(delivery.payload as Record<string, FormInput>))))
    const entries = (event!.data as { BOT: Record<number, { access_token?: string }> }).BOT
    expect(Object.keys(entries).map(Number)).toEqual([supervisor.id, helper.id])

    // The supervisor's token is made unusable: the reply only lands if it goes with the helper's.
    expect(emulator.portal.tokens.check(entries[helper.id]!.access_token!)).toMatchObject({ userId: helper.id })
    entries[supervisor.id]!.access_token = 'not-the-helpers-token'

    const { bot, errors } = recordingBot()
    bot.hears('hi', (ctx) => ctx.reply('Hello from the helper'))
    await bot.handle(event!)
    expect(errors).toEqual([])
    expect(botMessages(helper.id)).toEqual(['Hello from the helper'])
  })

  it('a helper that cannot apply (no dialog, no command) fails into bot.catch, not the process', async () => {
    const { bot, errors } = recordingBot({ client: webhookClient({ clientId: 'x' }) })
    bot.on('ONAPPUNINSTALL', (ctx) => ctx.reply('bye'))
    bot.on('ONIMBOTMESSAGEADD', (ctx) => ctx.answerCommand('not a command'))
    const install = example('ONAPPUNINSTALL')
    await bot.handle(decodeEvent(install))
    await bot.handle(classicMessage('x'))
    expect(errors.map(({ error }) => ((error as Error).cause as Error).message)).toEqual([
      'reply needs an event with a bot and a dialog; ONAPPUNINSTALL has none',
      'answerCommand needs a command event; this is ONIMBOTMESSAGEADD',
    ])
  })
})
