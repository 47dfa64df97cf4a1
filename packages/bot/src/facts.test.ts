import { decodeForm, encodeForm, type FormInput } from '@b24bot/core'
import { decodeEvent, events, type EventName, type ImbotEvent } from '@b24bot/imbot'
import { createClient } from '@b24bot/transport'
import { describe, expect, it } from 'vitest'
import { readEventsSpec } from '@b24bot/spec-fixtures'
import { Context } from './context.ts'
import { factsOf, generationOf, type EventFacts } from './facts.ts'

interface SpecEvent {
  readonly event: string
  readonly examplePayloads: Readonly<Record<string, Record<string, unknown>>>
}
const spec = readEventsSpec() as SpecEvent[]

type Loose = Record<string, unknown>

function payloads(name: string): Readonly<Record<string, Loose>> {
  const found = spec.find((event) => event.event === name)
  if (!found) throw new Error(`${name} is not in the spec`)
  return found.examplePayloads
}

/** A pushed example of the spec, as given. */
function pushed(name: string, label: string): Loose {
  const body = payloads(name)[label]
  if (!body) throw new Error(`no example ${label} for ${name}`)
  return structuredClone(body)
}

/**
 * The `data` of a v2 or user event's fetch-mode example; for the events the docs give none, one
 * derived from the MESSAGEADD example as the docs' notes say (as imbot's events.test.ts does).
 */
function fetchData(name: string): Loose {
  const own = payloads(name).fetchModeData
  if (own) return structuredClone(own)
  const { message, ...rest } = fetchData(name.startsWith('ONIMBOTV2') ? 'ONIMBOTV2MESSAGEADD' : 'ONIMV2MESSAGEADD') as {
    message: { id: number }
  }
  switch (name) {
    case 'ONIMBOTV2MESSAGEUPDATE':
    case 'ONIMV2MESSAGEUPDATE':
      return { ...rest, message }
    case 'ONIMBOTV2MESSAGEDELETE':
    case 'ONIMV2MESSAGEDELETE':
      return { ...rest, messageId: message.id }
    case 'ONIMV2REACTIONCHANGE':
      return { reaction: 'like', action: 'delete', ...rest, message }
    case 'ONIMV2JOINCHAT':
      return { dialogId: 'chat5', ...rest }
    default:
      throw new Error(`no example for ${name}`)
  }
}

/** A v2 webhook body spells `null` as `""` (imbot-v2 §3), then PHP's `http_build_query` encodes it. */
function nullsAsEmpty(value: unknown): FormInput {
  if (value === null) return ''
  if (Array.isArray(value)) return value.map(nullsAsEmpty)
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, nullsAsEmpty(item)]))
  return value as FormInput
}

/** The polled item of a fetch-mode example. */
const fetched = (name: string, data: Loose = fetchData(name)): ImbotEvent =>
  decodeEvent({ eventId: 1001, type: name, date: '2025-01-15T10:30:00+02:00', data })

/** The same v2 event POSTed to a webhook-mode bot: `data.bot` reduced to `{ id, code, auth }`, through a form body. */
function webhook(name: string): ImbotEvent {
  const { webhookEnvelopeSkeleton, webhookBotObject } = payloads('ONIMBOTV2MESSAGEADD') as {
    webhookEnvelopeSkeleton: Loose
    webhookBotObject: { bot: Loose }
  }
  const body = {
    event: name,
    data: { ...fetchData(name), bot: webhookBotObject.bot },
    ts: webhookEnvelopeSkeleton.ts,
    auth: webhookEnvelopeSkeleton.auth,
  }
  return decodeEvent(decodeForm(encodeForm(nullsAsEmpty(body) as Record<string, FormInput>)))
}

/** The classic ONIMBOTCONTEXTGET (not among the spec's 22): the body imbot's events.test.ts decodes. */
const classicContextGet: Loose = {
  event: 'ONIMBOTCONTEXTGET',
  event_handler_id: '7',
  data: {
    BOT: { '39': { BOT_ID: '39', BOT_CODE: 'helper' } },
    PARAMS: {
      CHAT_TYPE: 'P',
      MESSAGE_TYPE: 'P',
      USER_ID: '1',
      CHAT_AUTHOR_ID: '1',
      CONTEXT: { entityType: 'task', entityId: '164' },
      DIALOG_ID: '1',
      LANGUAGE: 'en',
    },
    USER: {
      ID: '1',
      NAME: 'Ann Lee',
      FIRST_NAME: 'Ann',
      LAST_NAME: 'Lee',
      WORK_POSITION: '',
      GENDER: 'F',
      IS_BOT: 'N',
      IS_CONNECTOR: 'N',
      IS_NETWORK: 'N',
      IS_EXTRANET: 'N',
    },
  },
  ts: '1772093963',
  auth: { domain: 'example.bitrix24.com', application_token: 'app' },
}

const none = { botId: undefined, dialogId: undefined, userId: undefined, messageId: undefined, text: undefined, command: undefined }
const facts = (generation: EventFacts['generation'], some: Partial<EventFacts>): EventFacts => ({ generation, ...none, ...some })

interface Case {
  readonly name: EventName
  readonly label: string
  readonly event: () => ImbotEvent
  readonly facts: EventFacts
}

/** Each example of the spec (and the classic ONIMBOTCONTEXTGET), with the facts read from it. */
const cases: readonly Case[] = [
  // Classic: pushed only, as the docs give them.
  ...(
    [
      ['ONIMBOTMESSAGEADD', 'Personal chat with the bot', { botId: 567, dialogId: '27', userId: 27, messageId: 84331, text: 'Hello' }],
      // The text without the mention (MESSAGE_ORIGINAL has it); the bot is the mentioned TO_USER_ID.
      [
        'ONIMBOTMESSAGEADD',
        'Group chat',
        { botId: 567, dialogId: 'chat1157', userId: 27, messageId: 84351, text: ', how to set up the left menu' },
      ],
      [
        'ONIMBOTMESSAGEUPDATE',
        'Personal chat with the bot',
        { botId: 571, dialogId: '27', userId: 27, messageId: 84531, text: 'How to add an observer to the task?' },
      ],
      // No USER and no FROM_USER_ID: the author is AUTHOR_ID.
      [
        'ONIMBOTMESSAGEUPDATE',
        'Group chat',
        { botId: 571, dialogId: 'chat1157', userId: 27, messageId: 84537, text: 'create a task list' },
      ],
      [
        'ONIMBOTMESSAGEDELETE',
        'Personal chat with the bot',
        { botId: 571, dialogId: '27', userId: 27, messageId: 84525, text: 'Message from 02/26/2026 09:27:30 has been deleted' },
      ],
      // No USER, FROM_USER_ID or TO_USER_ID: the author is AUTHOR_ID, the bot the only one listed.
      [
        'ONIMBOTMESSAGEDELETE',
        'Group chat',
        { botId: 571, dialogId: 'chat1157', userId: 27, messageId: 84537, text: 'Message from 02/26/2026 11:14:02 has been deleted' },
      ],
      ['ONIMBOTJOINCHAT', 'Personal chat with the bot', { botId: 571, dialogId: '27', userId: 27 }],
      ['ONIMBOTJOINCHAT', 'Group chat', { botId: 571, dialogId: 'chat1157', userId: 27 }],
      ['ONIMBOTDELETE', 'default', { botId: 567 }],
      [
        'ONIMCOMMANDADD',
        'Personal chat with the bot',
        {
          botId: 1291,
          dialogId: '1269',
          userId: 1269,
          messageId: 33899,
          text: '/echo test',
          command: { name: 'echo', params: 'test', id: 103, context: 'textarea' },
        },
      ],
      [
        'ONIMCOMMANDADD',
        'Group chat',
        {
          botId: 1291,
          dialogId: 'chat2725',
          userId: 1269,
          messageId: 33871,
          text: '/echo test',
          command: { name: 'echo', params: 'test', id: 99, context: 'textarea' },
        },
      ],
    ] as const
  ).map(([name, label, some]): Case => ({ name, label, event: () => decodeEvent(pushed(name, label)), facts: facts('classic', some) })),
  {
    name: 'ONIMBOTCONTEXTGET',
    label: 'imbot events.test.ts',
    event: () => decodeEvent(structuredClone(classicContextGet)),
    facts: facts('classic', { botId: 39, dialogId: '1', userId: 1 }),
  },
  // Application events: nothing but the generation.
  ...(['ONAPPINSTALL', 'ONAPPUPDATE', 'ONAPPUNINSTALL'] as const).map((name): Case => ({
    name,
    label: 'default',
    event: () => decodeEvent(pushed(name, 'default')),
    facts: facts('app', {}),
  })),
  // v2 bot events: each fetched, and POSTed to a webhook (checked to read the same below).
  ...(
    [
      ['ONIMBOTV2MESSAGEADD', { botId: 456, dialogId: 'chat5', userId: 1, messageId: 789, text: 'Hello bot!' }],
      ['ONIMBOTV2MESSAGEUPDATE', { botId: 456, dialogId: 'chat5', userId: 1, messageId: 789, text: 'Hello bot!' }],
      ['ONIMBOTV2MESSAGEDELETE', { botId: 456, dialogId: 'chat5', userId: 1, messageId: 789 }],
      ['ONIMBOTV2JOINCHAT', { botId: 456, dialogId: 'chat5', userId: 1 }],
      ['ONIMBOTV2DELETE', { botId: 456 }],
      // `data.dialogId` (the dialog opened), not the example chat's.
      ['ONIMBOTV2CONTEXTGET', { botId: 456, dialogId: '1', userId: 1 }],
      [
        'ONIMBOTV2COMMANDADD',
        {
          botId: 456,
          dialogId: 'chat5',
          userId: 1,
          messageId: 790,
          text: '/help topic',
          command: { name: 'help', params: 'topic', id: 78, context: 'textarea' },
        },
      ],
      ['ONIMBOTV2REACTIONCHANGE', { botId: 456, dialogId: 'chat5', userId: 1, messageId: 789, text: 'Hello! How can I help?' }],
    ] as const
  ).map(([name, some]): Case => ({ name, label: 'fetchModeData', event: () => fetched(name), facts: facts('v2', some) })),
  {
    name: 'ONIMBOTV2CONTEXTGET',
    label: 'fetchModeEventFromBotContextPage',
    event: () => decodeEvent(structuredClone(payloads('ONIMBOTV2CONTEXTGET').fetchModeEventFromBotContextPage)),
    facts: facts('v2', { botId: 456, dialogId: '274', userId: 274 }),
  },
  // A user's im.v2 events: polled only; no bot.
  ...(
    [
      ['ONIMV2MESSAGEADD', { dialogId: 'chat5', userId: 1, messageId: 5012, text: 'Hello everyone!' }],
      ['ONIMV2MESSAGEUPDATE', { dialogId: 'chat5', userId: 1, messageId: 5012, text: 'Hello everyone!' }],
      ['ONIMV2MESSAGEDELETE', { dialogId: 'chat5', userId: 1, messageId: 5012 }],
      ['ONIMV2REACTIONCHANGE', { dialogId: 'chat5', userId: 1, messageId: 5012, text: 'Hello everyone!' }],
      ['ONIMV2JOINCHAT', { dialogId: 'chat5', userId: 1 }],
    ] as const
  ).map(([name, some]): Case => ({ name, label: 'fetchModeData', event: () => fetched(name), facts: facts('user', some) })),
]

describe('factsOf reads the typed events', () => {
  it("has a case for every event of the table: the spec's 22 and the classic ONIMBOTCONTEXTGET", () => {
    expect(new Set(cases.map((item) => item.name))).toEqual(new Set(Object.keys(events)))
    expect(spec.map((event) => event.event).every((name) => cases.some((item) => item.name === name))).toBe(true)
  })

  it.each(cases.map((item) => [item.name, item.label, item] as const))('%s (%s)', (name, _label, { event, facts: expected }) => {
    const decoded = event()
    expect(decoded.event).toBe(name)
    expect(factsOf(decoded)).toStrictEqual(expected)
  })

  it.each(Object.keys(events).filter((name) => name.startsWith('ONIMBOTV2')))(
    '%s: the same facts fetched and POSTed to a webhook',
    (name) => {
      expect(factsOf(webhook(name))).toStrictEqual(factsOf(fetched(name)))
    },
  )

  it('a v2 event without a user (a system message) has no userId', () => {
    for (const name of ['ONIMBOTV2MESSAGEADD', 'ONIMV2MESSAGEADD'] as const) {
      expect(factsOf(fetched(name, { ...fetchData(name), user: null })).userId).toBeUndefined()
    }
  })

  it('a classic event without USER names its author: FROM_USER_ID, else AUTHOR_ID', () => {
    const body = pushed('ONIMBOTMESSAGEADD', 'Personal chat with the bot')
    const data = body.data as { USER?: unknown; PARAMS: Loose }
    delete data.USER
    data.PARAMS.FROM_USER_ID = '31'
    expect(factsOf(decodeEvent(body)).userId).toBe(31)
    const update = pushed('ONIMBOTMESSAGEUPDATE', 'Group chat')
    ;(update.data as { PARAMS: Loose }).PARAMS.AUTHOR_ID = '45'
    expect(factsOf(decodeEvent(update)).userId).toBe(45)
  })

  it('commands: the classic context lower-cased, the v2 slash dropped', () => {
    const body = pushed('ONIMCOMMANDADD', 'Personal chat with the bot')
    for (const entry of Object.values((body.data as { COMMAND: Record<string, Loose> }).COMMAND)) {
      entry.COMMAND_CONTEXT = 'KEYBOARD'
      entry.COMMAND_PARAMS = ''
    }
    expect(factsOf(decodeEvent(body)).command).toEqual({ name: 'echo', params: '', id: 103, context: 'keyboard' })
    const data = fetchData('ONIMBOTV2COMMANDADD') as { command: Loose }
    data.command.context = 'menu'
    expect(factsOf(fetched('ONIMBOTV2COMMANDADD', data)).command).toEqual({ name: 'help', params: 'topic', id: 78, context: 'menu' })
  })
})

describe('the bot of a classic event listing several bots of the app', () => {
  /** The group-chat message with bots 567 and 600 listed. */
  function twoBots(change: (params: Loose) => void): ImbotEvent {
    const body = pushed('ONIMBOTMESSAGEADD', 'Group chat')
    const data = body.data as { BOT: Record<string, Loose>; PARAMS: Loose }
    data.BOT['600'] = { ...data.BOT['567'], BOT_ID: '600', BOT_CODE: 'other' }
    change(data.PARAMS)
    return decodeEvent(body)
  }

  it('is the one the message is addressed to (TO_USER_ID), else a mentioned one, else the first', () => {
    expect(factsOf(twoBots((params) => (params.TO_USER_ID = '600'))).botId).toBe(600)
    expect(
      factsOf(
        twoBots((params) => {
          params.TO_USER_ID = '0'
          params.MENTIONED_LIST = { '600': '600' }
        }),
      ).botId,
    ).toBe(600)
    expect(
      factsOf(
        twoBots((params) => {
          params.TO_USER_ID = '0'
          delete params.MENTIONED_LIST
        }),
      ).botId,
    ).toBe(567)
  })

  it('of a join, is the one it names (BOT_ID), and BOT_ID when none is listed', () => {
    const body = pushed('ONIMBOTJOINCHAT', 'Personal chat with the bot')
    const data = body.data as { BOT: Record<string, Loose>; PARAMS: Loose }
    data.BOT = { '500': { ...data.BOT['571'], BOT_ID: '500', BOT_CODE: 'first' }, ...data.BOT }
    expect(factsOf(decodeEvent(body)).botId).toBe(571)
    data.BOT = {}
    expect(factsOf(decodeEvent(body)).botId).toBe(571)
  })
})

describe('the generation', () => {
  it("is the events table's, for every event", () => {
    for (const { event } of cases) {
      const decoded = event()
      expect(factsOf(decoded).generation).toBe(events[decoded.event].generation)
    }
  })

  it('generationOf reads the table, the name compared without case; undefined for an unknown name', () => {
    for (const [name, descriptor] of Object.entries(events)) {
      expect(generationOf(name as EventName)).toBe(descriptor.generation)
      expect(generationOf(name.toLowerCase())).toBe(descriptor.generation)
    }
    expect(generationOf('ONIMBOTCONTEXTGET')).toBe('classic')
    expect(generationOf('ONIMBOTV2SOMETHINGNEW')).toBeUndefined()
    expect(generationOf('__proto__')).toBeUndefined()
  })
})

describe('the context', () => {
  it('reads the facts once, and its getters are the facts', () => {
    const client = () => createClient({ webhookUrl: 'https://portal.example/rest/1/x/' })
    for (const { event } of cases) {
      const decoded = event()
      const ctx = new Context({ event: decoded, client, session: {} })
      expect(ctx.facts).toStrictEqual(factsOf(decoded))
      expect([ctx.botId, ctx.dialogId, ctx.userId, ctx.text, ctx.command]).toEqual([
        ctx.facts.botId,
        ctx.facts.dialogId,
        ctx.facts.userId,
        ctx.facts.text,
        ctx.facts.command,
      ])
    }
  })
})
