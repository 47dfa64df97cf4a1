import { inspect } from 'node:util'
import { decodeForm, encodeForm, type FormInput } from '@b24bot/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readEventsSpec } from '@b24bot/spec-fixtures'
import { decodeEvent, EventDecodeError, events, type ImbotEvent } from './index.ts'

interface SpecEvent {
  readonly event: string
  readonly transport: string
  readonly examplePayloads: Readonly<Record<string, Record<string, unknown>>>
}

const spec = readEventsSpec() as SpecEvent[]
const specOf = (name: string): SpecEvent => spec.find((candidate) => candidate.event === name)!

/** A v2 webhook body spells `null` as `""` (imbot-v2 §3), then PHP's `http_build_query` encodes it. */
function nullsAsEmpty(value: unknown): FormInput {
  if (value === null) return ''
  if (Array.isArray(value)) return value.map(nullsAsEmpty)
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, nullsAsEmpty(item)]))
  return value as FormInput
}

/** What a handler receives for a body: form-encoded like the server does it, then decoded like `parse_str`. */
function formRoundTrip(body: Record<string, unknown>, nulls: 'drop' | 'empty'): Record<string, unknown> {
  return decodeForm(encodeForm((nulls === 'empty' ? nullsAsEmpty(body) : body) as Record<string, FormInput>))
}

/** The `data` of a fetch-mode example; for the events the docs give none, one derived as the docs' notes say. */
function fetchExample(name: string): Record<string, unknown> {
  const own = specOf(name).examplePayloads.fetchModeData
  if (own) return own
  const { message, ...rest } = fetchExample(name.startsWith('ONIMBOTV2') ? 'ONIMBOTV2MESSAGEADD' : 'ONIMV2MESSAGEADD') as {
    message: { id: number }
  }
  switch (name) {
    // "No own example in the docs; examples shown are from the corresponding MESSAGEADD example."
    case 'ONIMBOTV2MESSAGEUPDATE':
    case 'ONIMV2MESSAGEUPDATE':
      return { ...rest, message }
    // No example: the documented paths (messageId, chat, user, language) filled from the MESSAGEADD one.
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

const classicNames = spec.filter((event) => !event.event.includes('V2')).map((event) => event.event)
const botV2Names = spec.filter((event) => event.event.startsWith('ONIMBOTV2')).map((event) => event.event)
const userNames = spec.filter((event) => event.event.startsWith('ONIMV2')).map((event) => event.event)

const webhookSkeleton = specOf('ONIMBOTV2MESSAGEADD').examplePayloads.webhookEnvelopeSkeleton as {
  ts: number
  auth: Record<string, unknown>
}
const webhookBot = (specOf('ONIMBOTV2MESSAGEADD').examplePayloads.webhookBotObject as { bot: Record<string, unknown> }).bot

/** The POSTed body of a v2 webhook-mode bot for a fetch-mode example: `data.bot` reduced to `{ id, code, auth }`. */
function webhookBody(name: string, data: Record<string, unknown>): Record<string, unknown> {
  return { event: name, data: { ...data, bot: webhookBot }, ts: webhookSkeleton.ts, auth: webhookSkeleton.auth }
}

/** `data` without `bot` (reduced in a webhook) and `context` (kept as delivered: its scalars are strings in a form body). */
function comparable(event: ImbotEvent): Record<string, unknown> {
  return Object.fromEntries(Object.entries(event.data).filter(([key]) => key !== 'bot' && key !== 'context'))
}

function decodeError(input: unknown): EventDecodeError {
  try {
    decodeEvent(input)
  } catch (error) {
    if (EventDecodeError.isInstance(error)) return error
    throw error
  }
  throw new Error('decoded without an error')
}

describe('the events table', () => {
  it('has the 22 events of the spec and the classic ONIMBOTCONTEXTGET, each keyed by its own name, frozen', () => {
    expect(Object.keys(events).sort()).toEqual([...spec.map((event) => event.event), 'ONIMBOTCONTEXTGET'].sort())
    for (const [name, descriptor] of Object.entries(events)) {
      expect(descriptor.event).toBe(name)
      expect(Object.isFrozen(descriptor)).toBe(true)
      expect(descriptor.docs).toMatch(/^https:\/\/apidocs\.bitrix24\.com\/api-reference\/.+\.html$/)
    }
    expect(Object.isFrozen(events)).toBe(true)
  })

  it('knows how each event is delivered', () => {
    for (const event of spec) {
      const { deliveries } = events[event.event as keyof typeof events]
      if (event.transport.startsWith('Fetch only')) expect(deliveries, event.event).toEqual(['fetch'])
      else if (event.transport.startsWith('Fetch mode')) expect(deliveries, event.event).toEqual(['fetch', 'webhook'])
      else expect(deliveries, event.event).toEqual(['webhook'])
    }
  })
})

describe('every event decodes from its spec examples', () => {
  it.each(classicNames)('%s: each pushed example, as given and through a form body', (name) => {
    const examples = Object.entries(specOf(name).examplePayloads)
    expect(examples.length).toBeGreaterThan(0)
    for (const [label, body] of examples) {
      const decoded = decodeEvent(body)
      expect(decoded.event, label).toBe(name)
      expect(decoded.delivery).toBe('webhook')
      expect(decoded.ts).toBe(Number(body.ts))
      expect(decoded.auth?.application_token).toBe((body.auth as { application_token: string }).application_token)
      expect(decodeEvent(formRoundTrip(body, 'drop')), label).toEqual(decoded)
    }
  })

  it.each(botV2Names)('%s: the fetched item, and the same event POSTed to a webhook, decode to the same data', (name) => {
    const data = fetchExample(name)
    const fetched = decodeEvent({ eventId: 1001, type: name, date: '2025-01-15T10:30:00+02:00', data })
    expect(fetched).toMatchObject({ event: name, delivery: 'fetch', eventId: 1001, date: '2025-01-15T10:30:00+02:00' })

    const pushed = decodeEvent(formRoundTrip(webhookBody(name, data), 'empty'))
    expect(pushed).toMatchObject({ event: name, delivery: 'webhook', ts: webhookSkeleton.ts, auth: { application_token: '...' } })
    expect(comparable(pushed)).toEqual(comparable(fetched))
    if (pushed.event === 'ONIMBOTV2CONTEXTGET') expect(pushed.data.context).toEqual({ entityId: '164', entityType: 'task', source: 'link' })
    // The webhook bot is only { id, code, auth }, typed; the fetched one is the full owner form.
    expect((pushed.data as { bot: unknown }).bot).toEqual({
      id: 456,
      code: 'support_bot',
      auth: expect.objectContaining({
        expires: 1772093963,
        expires_in: 3600,
        user_id: 27,
        application_token: '831c76b092f9f135d9b6b36c3a720757',
      }) as unknown,
    })
    expect((fetched.data as { bot: unknown }).bot).toMatchObject({
      id: 456,
      isHidden: false,
      backgroundId: null,
      eventMode: 'fetch',
      countMessage: 150,
    })
  })

  it.each(userNames)('%s: the polled item', (name) => {
    const decoded = decodeEvent({ eventId: 7, type: name, date: '2025-01-15T10:30:00+02:00', data: fetchExample(name) })
    expect(decoded).toMatchObject({ event: name, delivery: 'fetch', eventId: 7 })
    expect(decoded.data).toMatchObject({ chat: { id: 5, dialogId: 'chat5' }, user: { id: 1 }, language: 'en' })
  })

  it('the bot-context page item (no eventId, a reduced bot, chat and user) decodes too', () => {
    const item = specOf('ONIMBOTV2CONTEXTGET').examplePayloads.fetchModeEventFromBotContextPage
    const decoded = decodeEvent(item)
    expect(decoded).toEqual({
      event: 'ONIMBOTV2CONTEXTGET',
      delivery: 'fetch',
      data: {
        bot: { id: 456, code: 'my_bot', eventMode: 'fetch' },
        dialogId: '274',
        context: { action: 'openTask', taskId: 456 },
        chat: { id: 4511, dialogId: '274', type: 'private', entityLink: {}, permissions: {} },
        user: { id: 274, name: 'John Smith', departments: [], phones: false },
        language: 'en',
      },
    })
  })
})

describe('decoded values are typed', () => {
  it('classic: ids and counts are numbers, Y/N stays, maps keyed by id, envelope fields typed', () => {
    const { 'Personal chat with the bot': personal, 'Group chat': group } = specOf('ONIMBOTMESSAGEADD').examplePayloads
    const decoded = decodeEvent(personal)
    if (decoded.event !== 'ONIMBOTMESSAGEADD') throw new Error('narrowing')
    expect(decoded).toMatchObject({ handlerId: 403, ts: 1771928985, auth: { user_id: 27, expires_in: 3600 } })
    expect(decoded.data.PARAMS).toMatchObject({
      MESSAGE: 'Hello',
      MESSAGE_ID: 84331,
      FROM_USER_ID: 27,
      DIALOG_ID: '27',
      TO_CHAT_ID: 1407,
      SYSTEM: 'N',
      FAKE_RELATION: 0,
    })
    expect(decoded.data.PARAMS.MENTIONED_LIST).toEqual({})
    expect(decoded.data.BOT[567]).toMatchObject({
      BOT_ID: 567,
      BOT_CODE: 'BOT1',
      expires: 1771932585,
      user_id: 567,
      AUTH: { user_id: 567 },
    })
    expect(decoded.data.USER).toMatchObject({ ID: 27, NAME: 'Svetlana Ivanova', IS_BOT: 'N' })

    const inGroup = decodeEvent(group)
    if (inGroup.event !== 'ONIMBOTMESSAGEADD') throw new Error('narrowing')
    expect(inGroup.data.PARAMS).toMatchObject({
      MENTIONED_LIST: { 567: 567 },
      CHAT_ID: 1157,
      CHAT_ENTITY_TYPE: 'THREAD',
      CHAT_ENTITY_ID: '',
      CHAT_AVATAR: '0',
    })
  })

  it('classic: a missing USER is null; a command map is typed; app flags are booleans', () => {
    expect(decodeEvent(specOf('ONIMBOTMESSAGEUPDATE').examplePayloads['Group chat']).data).toMatchObject({ USER: null })
    const command = decodeEvent(specOf('ONIMCOMMANDADD').examplePayloads['Group chat'])
    if (command.event !== 'ONIMCOMMANDADD') throw new Error('narrowing')
    expect(command.data.COMMAND[99]).toMatchObject({
      COMMAND: 'echo',
      COMMAND_ID: 99,
      COMMAND_PARAMS: 'test',
      COMMAND_CONTEXT: 'TEXTAREA',
      MESSAGE_ID: 33871,
      BOT_ID: 1291,
    })
    expect(command.data.PARAMS.BOT_IN_CHAT).toEqual({ 1291: 1291 })
    const join = decodeEvent(specOf('ONIMBOTJOINCHAT').examplePayloads['Group chat'])
    expect(join.data).toMatchObject({ PARAMS: { ACCESS_HISTORY: true, BOT_ID: 571, USER_ID: 27 } })
    expect(decodeEvent(specOf('ONAPPUNINSTALL').examplePayloads.default).data).toEqual({ LANGUAGE_ID: 'de', CLEAN: true })
    expect(
      decodeEvent({ ...specOf('ONAPPUNINSTALL').examplePayloads.default, data: { LANGUAGE_ID: 'de', CLEAN: '0' } }).data,
    ).toMatchObject({ CLEAN: false })
  })

  it('v2: webhook strings become the fetch types: numbers, booleans, null, string|false, lists', () => {
    const pushed = decodeEvent(formRoundTrip(webhookBody('ONIMBOTV2MESSAGEADD', fetchExample('ONIMV2MESSAGEADD')), 'empty'))
    if (pushed.event !== 'ONIMBOTV2MESSAGEADD') throw new Error('narrowing')
    expect(pushed.data.message).toEqual({
      id: 5012,
      chatId: 5,
      authorId: 1,
      date: '2025-01-15T10:30:00+02:00',
      text: 'Hello everyone!',
      isSystem: false,
      uuid: '',
      forward: null,
      params: {},
      viewedByOthers: false,
    })
    expect(pushed.data.chat).toMatchObject({
      diskFolderId: 42,
      parentChatId: null,
      textFieldEnabled: true,
      backgroundId: null,
      extranet: false,
      entityLink: {},
    })
    expect(pushed.data.user).toMatchObject({
      id: 1,
      active: true,
      lastActivityDate: false,
      departments: [1],
      phones: false,
      email: 'john@example.com',
    })
  })

  it('keeps fields a newer portal adds, and accepts event names in any case', () => {
    const body = structuredClone(specOf('ONIMBOTMESSAGEADD').examplePayloads['Group chat']!)
    ;(body.data as { PARAMS: Record<string, unknown> }).PARAMS.NEW_FIELD = 'x'
    body.event = 'onImBotMessageAdd'
    const decoded = decodeEvent(body)
    expect(decoded.event).toBe('ONIMBOTMESSAGEADD')
    expect(decoded.data).toMatchObject({ PARAMS: { NEW_FIELD: 'x' } })
    const v2 = decodeEvent({ type: 'ONIMBOTV2DELETE', data: { bot: { id: '5', code: 'c', newFlag: '1' } } })
    expect(v2.data).toEqual({ bot: { id: 5, code: 'c', newFlag: '1' } })
  })
})

describe('bad input gets a typed error, never a crash', () => {
  it('an unknown event name is UNKNOWN_EVENT', () => {
    const error = decodeError({ event: 'ONSOMETHINGNEW', data: {} })
    expect(error).toMatchObject({ name: 'EventDecodeError', code: 'UNKNOWN_EVENT', event: 'ONSOMETHINGNEW', issues: [{ path: 'event' }] })
    expect(error.message).toBe('Unknown event: event "ONSOMETHINGNEW" is not a known event')
    expect(decodeError({ type: 'ONIMBOTV3MESSAGEADD', data: {} }).code).toBe('UNKNOWN_EVENT')
    expect(decodeError({ event: '__proto__' }).code).toBe('UNKNOWN_EVENT')
  })

  it('input that is not an event is INVALID_EVENT', () => {
    for (const input of [null, 'event=ONIMBOTDELETE', 42, [], {}, { event: 5 }, { data: {} }]) {
      expect(decodeError(input).code, JSON.stringify(input)).toBe('INVALID_EVENT')
    }
    expect(decodeError({}).issues).toEqual([{ path: 'event', message: 'is required (an event name)' }])
  })

  it('names the path of the bad field', () => {
    const body = structuredClone(specOf('ONIMBOTMESSAGEADD').examplePayloads['Group chat']!)
    ;(body.data as { PARAMS: Record<string, unknown> }).PARAMS.MESSAGE_ID = '12abc'
    delete (body.data as { PARAMS: Record<string, unknown> }).PARAMS.DIALOG_ID
    const error = decodeError(body)
    expect(error).toMatchObject({ code: 'INVALID_EVENT', event: 'ONIMBOTMESSAGEADD' })
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['data.PARAMS.DIALOG_ID', 'data.PARAMS.MESSAGE_ID'])
    expect(error.issues.find((issue) => issue.path === 'data.PARAMS.DIALOG_ID')?.message).toBe('is required')

    const v2 = { type: 'ONIMBOTV2MESSAGEADD', data: { ...fetchExample('ONIMBOTV2MESSAGEADD'), user: { id: 'x' } } }
    expect(decodeError(v2).issues).toEqual([{ path: 'data.user.id', message: expect.any(String) as unknown }])
    expect(decodeError({ event: 'ONIMBOTDELETE', data: { BOT_CODE: 'x' }, ts: 'yesterday' }).issues.map((issue) => issue.path)).toEqual([
      'data.BOT_ID',
      'ts',
    ])
    const command = {
      type: 'ONIMBOTV2COMMANDADD',
      data: { ...fetchExample('ONIMBOTV2COMMANDADD'), command: { id: 78, command: '/help', context: 'voice' } },
    }
    expect(decodeError(command).issues).toEqual([{ path: 'data.command.context', message: 'Expected "textarea", "keyboard" or "menu"' }])
  })

  it('never shows a credential, and keeps the raw input out of logs', () => {
    const body = structuredClone(specOf('ONIMBOTDELETE').examplePayloads.default!)
    ;(body.auth as Record<string, unknown>).expires = 'secret-looking-value'
    const error = decodeError(body)
    expect(error.issues[0]?.path).toBe('auth.expires')
    const shown = `${error.message} ${JSON.stringify(error)} ${inspect(error)}`
    expect(shown).not.toContain('secret-looking-value')
    expect(shown).not.toContain('0b02a0690000071b0008440001b0007a16b39202c2490f015')
    expect(error.received).toBe(body)
  })

  it('refuses cycles, over-deep nesting and values JSON and forms cannot carry, with a path', () => {
    const data: Record<string, unknown> = { BOT_ID: 1, BOT_CODE: 'x' }
    data.self = data
    expect(decodeError({ event: 'ONIMBOTDELETE', data }).issues[0]?.message).toMatch(/nested deeper/)
    expect(decodeError({ event: 'ONIMBOTDELETE', data: { BOT_ID: Number.NaN, BOT_CODE: 'x' } }).issues).toEqual([
      { path: 'data.BOT_ID', message: 'is not a finite number' },
    ])
    expect(decodeError({ event: 'ONIMBOTDELETE', data: { BOT_ID: 1, BOT_CODE: new Map() } }).issues[0]?.path).toBe('data.BOT_CODE')
    expect(decodeError({ event: 'ONIMBOTDELETE', data: { BOT_ID: 1, BOT_CODE: () => 'x' } }).issues[0]?.path).toBe('data.BOT_CODE')
  })

  it('any value at all either decodes or throws EventDecodeError (property)', () => {
    const names = [...Object.keys(events), 'ONFOO']
    const arbitraryEvent = fc.oneof(
      fc.anything(),
      fc.record(
        { event: fc.constantFrom(...names), data: fc.anything(), ts: fc.anything(), auth: fc.anything() },
        { requiredKeys: ['event'] },
      ),
      fc.record({ type: fc.constantFrom(...names), data: fc.object(), eventId: fc.anything() }, { requiredKeys: ['type'] }),
    )
    fc.assert(
      fc.property(arbitraryEvent, (input) => {
        try {
          decodeEvent(input)
        } catch (error) {
          expect(EventDecodeError.isInstance(error)).toBe(true)
        }
      }),
    )
  })
})

describe('prototype safety', () => {
  const hostile =
    '{"event":"ONIMBOTV2CONTEXTGET","data":{"__proto__":{"polluted":1},"bot":{"id":"1","code":"c","constructor":{"prototype":{"polluted":1}}},' +
    '"dialogId":"1","context":{"__proto__":{"polluted":1},"nested":{"prototype":{"polluted":1}},"ok":"1"},"chat":{"id":"1","dialogId":"1"}},' +
    '"auth":{"__proto__":{"polluted":1},"application_token":"t"},"__proto__":{"polluted":1}}'

  it('drops __proto__, constructor and prototype keys at every level of a JSON body', () => {
    const decoded = decodeEvent(JSON.parse(hostile))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(decoded.data).toEqual({
      bot: { id: 1, code: 'c' },
      dialogId: '1',
      context: { ok: '1' },
      chat: { id: 1, dialogId: '1', entityLink: {}, permissions: {} },
      user: null,
    })
    expect(decoded.auth).toEqual({ application_token: 't' })
    const context = (decoded.data as { context: object }).context
    expect(Object.getPrototypeOf(context)).toBe(Object.prototype)
    expect(Object.hasOwn(context, '__proto__')).toBe(false)
    // Assigning the decoded objects elsewhere cannot reach a prototype either.
    expect(({ ...Object.assign({}, context) } as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('never pollutes, whatever the keys (property)', () => {
    const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted', 'ok')
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.dictionary(hostileKey, tie('node'), { maxKeys: 4 }),
        fc.array(tie('node'), { maxLength: 3 }),
      ),
    })).node
    fc.assert(
      fc.property(tree, (context) => {
        const input = JSON.parse(
          JSON.stringify({
            type: 'ONIMBOTV2CONTEXTGET',
            data: { bot: { id: 1, code: 'c' }, dialogId: '1', context, chat: { id: 1, dialogId: '1' } },
          }),
        ) as unknown
        try {
          decodeEvent(input)
        } catch (error) {
          expect(EventDecodeError.isInstance(error)).toBe(true)
        }
        expect(Object.prototype).not.toHaveProperty('polluted')
        expect(Object.prototype).not.toHaveProperty('ok')
      }),
    )
  })
})

describe('the classic ONIMBOTCONTEXTGET (not among the 22, sent to bots binding EVENT_CONTEXT_GET)', () => {
  it('decodes the pushed form body, the context kept as sent', () => {
    const body = {
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
    const event = decodeEvent(body)
    expect(event.event).toBe('ONIMBOTCONTEXTGET')
    if (event.event !== 'ONIMBOTCONTEXTGET') return
    expect(event.data.PARAMS).toMatchObject({ USER_ID: 1, DIALOG_ID: '1', CONTEXT: { entityType: 'task', entityId: '164' } })
    expect(event.data.BOT[39]).toMatchObject({ BOT_ID: 39, BOT_CODE: 'helper' })
    const withoutContext: Record<string, unknown> = { ...body.data.PARAMS }
    delete withoutContext.CONTEXT
    expect((decodeEvent({ ...body, data: { ...body.data, PARAMS: withoutContext } }) as typeof event).data.PARAMS.CONTEXT).toEqual({})
  })
})
