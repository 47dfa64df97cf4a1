/**
 * The v2 entities decode alike whether a method returned them (`v2-entities.ts`, `v2-messages.ts`) or an
 * event carried them (`event-schemas/v2.ts`), as JSON or as a pushed form body. The types are pinned in
 * `v2-entities.test-d.ts`; this checks the values, on the spec's own examples.
 */
import { decodeForm, encodeForm, type FormInput } from '@b24bot/core'
import { readEventsSpec, readExample } from '@b24bot/spec-fixtures'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { v2EventBotSchema, v2EventChatSchema, v2EventMessageSchema, v2EventUserSchema } from '../event-schemas/v2.ts'
import { v2BotSchema, v2ChatSchema, v2UserSchema } from './v2-entities.ts'
import { v2MessageSchema } from './v2-messages.ts'

interface SpecEvent {
  readonly event: string
  readonly examplePayloads: Readonly<Record<string, Record<string, unknown>>>
}

type Entity = 'bot' | 'user' | 'chat' | 'message'

/** Both descriptions of one entity, and what an event fills in when the payload leaves a field out. */
const entities: Record<
  Entity,
  { result: v.GenericSchema; event: v.GenericSchema; eventDefaults: Record<string, unknown>; responseOnly: readonly string[] }
> = {
  bot: { result: v2BotSchema, event: v2EventBotSchema, eventDefaults: {}, responseOnly: [] },
  // A form body cannot tell `[]`/`false`/`{}` from missing (imbot-v2 §9.3), so events always carry these.
  user: { result: v2UserSchema, event: v2EventUserSchema, eventDefaults: { departments: [], phones: false }, responseOnly: [] },
  chat: {
    result: v2ChatSchema,
    event: v2EventChatSchema,
    eventDefaults: { entityLink: {}, permissions: {} },
    // imbot-v2 §10.3 "Response-only" (§9.5: never in events); the event schema keeps them undecoded.
    responseOnly: [
      'role',
      'muteList',
      'dateCreate',
      'lastMessageId',
      'lastId',
      'managerList',
      'messageCount',
      'userCounter',
      'unreadId',
      'lastMessageViews',
      'markedId',
      'public',
    ],
  },
  message: {
    result: v2MessageSchema,
    event: v2EventMessageSchema,
    eventDefaults: { date: null, forward: null, params: {} },
    // imbot-v2 §10.4: "response-only `unread` boolean, `viewed` boolean".
    responseOnly: ['unread', 'viewed'],
  },
}

/** A v2 webhook body spells `null` as `""` (imbot-v2 §3); PHP's `http_build_query` then makes every scalar a string. */
function nullsAsEmpty(value: unknown): FormInput {
  if (value === null) return ''
  if (Array.isArray(value)) return value.map(nullsAsEmpty)
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, nullsAsEmpty(item)]))
  return value as FormInput
}

/** An entity as a pushed event delivers it: form-encoded as the server does, decoded as `parse_str` does. */
function asForm(entity: Record<string, unknown>): Record<string, unknown> {
  return decodeForm(encodeForm(nullsAsEmpty(entity) as Record<string, FormInput>))
}

/** The result output, with what an event adds for a field the payload left out. */
function withEventDefaults(result: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> {
  const filled = { ...result }
  for (const [key, value] of Object.entries(defaults)) if (filled[key] === undefined) filled[key] = value
  return filled
}

const spec = readEventsSpec() as SpecEvent[]
const eventExamples = spec.flatMap((event) => {
  const data = event.examplePayloads.fetchModeData
  if (!event.event.includes('V2') || !data) return []
  return (Object.keys(entities) as Entity[])
    .filter((entity) => typeof data[entity] === 'object' && data[entity] !== null)
    .map((entity) => ({ name: `${event.event} data.${entity}`, entity, payload: data[entity] as Record<string, unknown> }))
})

describe('an entity in an event example (imbot-v2 §9.5)', () => {
  it('covers every entity', () => {
    expect(new Set(eventExamples.map((example) => example.entity))).toEqual(new Set(Object.keys(entities)))
  })

  it.each(eventExamples)('$name decodes as the method result schema decodes it', ({ entity, payload }) => {
    const { result, event, eventDefaults } = entities[entity]
    const fromResult = v.parse(result, payload) as Record<string, unknown>
    expect(v.parse(event, payload)).toStrictEqual(withEventDefaults(fromResult, eventDefaults))
  })

  it.each(eventExamples)('$name decodes the same from a webhook form body, every scalar a string', ({ entity, payload }) => {
    const { result, event, eventDefaults } = entities[entity]
    const fromResult = v.parse(result, payload) as Record<string, unknown>
    expect(v.parse(event, asForm(payload))).toStrictEqual(withEventDefaults(fromResult, eventDefaults))
  })
})

const resultExamples: { name: string; entity: Entity; payload: Record<string, unknown> }[] = (() => {
  const result = (method: string) => (readExample(method) as { response: { result: Record<string, unknown> } }).response.result
  const users = (method: string, list: unknown) =>
    (list as Record<string, unknown>[]).map((user, index) => ({ name: `${method} user ${index}`, entity: 'user' as const, payload: user }))
  const botGet = result('imbot.v2.Bot.get')
  const chatGet = result('imbot.v2.Chat.get')
  const messageGet = result('imbot.v2.Chat.Message.get')
  return [
    { name: 'imbot.v2.Bot.get bot', entity: 'bot', payload: botGet.bot as Record<string, unknown> },
    ...users('imbot.v2.Bot.get', botGet.users),
    { name: 'imbot.v2.Chat.get chat', entity: 'chat', payload: chatGet.chat as Record<string, unknown> },
    { name: 'imbot.v2.Chat.Message.get message', entity: 'message', payload: messageGet.message as Record<string, unknown> },
    { name: 'imbot.v2.Chat.Message.get user', entity: 'user', payload: messageGet.user as Record<string, unknown> },
    ...users('imbot.v2.Chat.User.list', result('imbot.v2.Chat.User.list')),
  ]
})()

describe('an entity in a method result example (imbot-v2 §8)', () => {
  it.each(resultExamples)('$name: every field an event may carry decodes alike on both sides', ({ entity, payload }) => {
    const { result, event, responseOnly } = entities[entity]
    const fromResult = v.parse(result, payload) as Record<string, unknown>
    const fromEvent = v.parse(event, payload) as Record<string, unknown>
    const shared = Object.keys(payload).filter((key) => !responseOnly.includes(key))
    expect(shared.length).toBeGreaterThan(0)
    for (const key of shared) expect({ [key]: fromEvent[key] }).toStrictEqual({ [key]: fromResult[key] })
  })

  it('has response-only fields that the event schema would not decode (so they are left out above)', () => {
    const chat = resultExamples.find((example) => example.entity === 'chat')!.payload
    expect(v.parse(v2ChatSchema, chat)).toMatchObject({ lastMessageViews: expect.any(Object) as unknown })
    expect(typeof chat.lastMessageViews).toBe('string')
  })
})

describe('fields a portal may fill beyond the docs', () => {
  it('keeps a `gender` other than `M`/`F` (or `""`) on both sides instead of refusing the user', () => {
    for (const gender of ['', 'X']) {
      expect(v.parse(entities.user.result, { id: 7, gender })).toMatchObject({ gender })
      expect(v.parse(entities.user.event, { id: 7, gender })).toMatchObject({ gender })
    }
  })

  it('reads a `null` uuid as `null` and `""` as `""`, alike on both sides', () => {
    const message = { id: 1, chatId: 2, authorId: 3, date: null, text: 'hi', forward: null, params: {} }
    for (const uuid of [null, '', 'a-b']) {
      expect(v.parse(entities.message.result, { ...message, uuid })).toMatchObject({ uuid })
      expect(v.parse(entities.message.event, { ...message, uuid })).toMatchObject({ uuid })
    }
  })

  it('reads `forward.id` as a message id, or keeps a context string such as `chat12/345`', () => {
    const message = { id: 1, chatId: 2, authorId: 3, date: null, text: 'hi', params: {} }
    for (const [id, expected] of [
      [345, 345],
      ['345', 345],
      ['chat12/345', 'chat12/345'],
    ] as const) {
      const forward = { id, userId: 5, chatId: 12, date: null }
      expect(v.parse(entities.message.result, { ...message, forward })).toMatchObject({ forward: { id: expected } })
      expect(v.parse(entities.message.event, { ...message, forward })).toMatchObject({ forward: { id: expected } })
    }
  })
})
