import { decodeForm, encodeForm, type FormInput } from '@b24bot/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeEvent } from './index.ts'

/*
 * The coercions, property-tested through whole events: for random payloads with real JSON types,
 * decoding the JSON and decoding what a handler gets after the server form-encodes it give the same
 * object. Form round trip = core `encodeForm` then `decodeForm`: every scalar a string, true/false
 * "1"/"0", empty lists and objects gone; `null` gone for classic events, `""` for v2 (imbot-v2 §3).
 */

function nullsAsEmpty(value: unknown): FormInput {
  if (value === null) return ''
  if (Array.isArray(value)) return value.map(nullsAsEmpty)
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, nullsAsEmpty(item)]))
  return value as FormInput
}

function formRoundTrip(body: Record<string, unknown>, nulls: 'drop' | 'empty'): Record<string, unknown> {
  return decodeForm(encodeForm((nulls === 'empty' ? nullsAsEmpty(body) : body) as Record<string, FormInput>))
}

const id = fc.integer({ min: 1, max: 2 ** 31 })
const count = fc.nat({ max: 2 ** 31 })
const text = fc.string({ unit: 'grapheme', maxLength: 12 })
/** A date as the user object has it: never `"0"` or `""`, which the webhook uses for `false`. */
const isoDate = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString())
const nullableText = fc.option(text, { nil: null })
/** An opaque object (message params, context): its scalars must be strings to survive a form body unchanged. */
const opaque = fc.dictionary(fc.stringMatching(/^[a-zA-Z]\w{0,6}$/), fc.oneof(text, fc.array(text, { maxLength: 2 })), { maxKeys: 3 })
const flag = fc.boolean()
const yesNo = fc.constantFrom<unknown>('Y', 'N', true, false)
/** Extra fields a newer portal may add: kept as delivered, so string-valued here. */
const extras = fc.dictionary(fc.stringMatching(/^x[A-Z]\w{0,5}$/), text, { maxKeys: 2 })

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined })

function withExtras<T extends Record<string, unknown>>(arbitrary: fc.Arbitrary<T>) {
  return fc
    .tuple(arbitrary, extras)
    .map(([value, extra]) =>
      Object.fromEntries((Object.entries({ ...extra, ...value }) as [string, unknown][]).filter(([, item]) => item !== undefined)),
    )
}

const v2Bot = withExtras(
  fc.record({
    id,
    code: text,
    type: optional(fc.constantFrom('bot', 'supervisor', 'personal', 'openline')),
    isHidden: optional(flag),
    isReactionsEnabled: optional(flag),
    backgroundId: optional(nullableText),
    eventMode: optional(fc.constantFrom('fetch', 'webhook')),
    countMessage: optional(count),
  }),
)

const v2User = withExtras(
  fc.record({
    id,
    active: optional(flag),
    name: optional(text),
    bot: optional(flag),
    idle: optional(fc.oneof(fc.constant(false), isoDate)),
    lastActivityDate: optional(fc.oneof(fc.constant(false), isoDate)),
    absent: optional(fc.oneof(fc.constant(false), isoDate)),
    departments: fc.array(id, { maxLength: 3 }),
    phones: fc.oneof(fc.constant(false), fc.dictionary(fc.constantFrom('workPhone', 'personalPhone'), text)),
  }),
)

const v2Chat = withExtras(
  fc.record({
    id,
    dialogId: text,
    name: optional(text),
    owner: optional(count),
    color: optional(nullableText),
    extranet: optional(flag),
    entityLink: opaque,
    permissions: opaque,
    diskFolderId: optional(fc.option(count, { nil: null })),
    parentChatId: optional(fc.option(count, { nil: null })),
    textFieldEnabled: optional(fc.constantFrom<unknown>('Y', 'N', true, false)),
  }),
)

const v2Message = withExtras(
  fc.record({
    id,
    chatId: id,
    authorId: count,
    date: nullableText,
    text,
    isSystem: optional(flag),
    uuid: optional(text),
    forward: fc.option(fc.record({ id, userId: id, chatId: id, date: nullableText }), { nil: null }),
    params: opaque,
    viewedByOthers: optional(flag),
  }),
)

const v2Common = { chat: v2Chat, user: fc.option(v2User, { nil: null }), language: optional(text) }

const v2Payloads = fc.oneof(
  fc.record({
    type: fc.constantFrom('ONIMBOTV2MESSAGEADD', 'ONIMBOTV2MESSAGEUPDATE'),
    data: withExtras(fc.record({ bot: v2Bot, message: v2Message, ...v2Common })),
  }),
  fc.record({ type: fc.constant('ONIMBOTV2MESSAGEDELETE'), data: withExtras(fc.record({ bot: v2Bot, messageId: id, ...v2Common })) }),
  fc.record({
    type: fc.constant('ONIMBOTV2CONTEXTGET'),
    data: withExtras(fc.record({ bot: v2Bot, dialogId: text, context: opaque, ...v2Common })),
  }),
  fc.record({
    type: fc.constant('ONIMBOTV2COMMANDADD'),
    data: withExtras(
      fc.record({
        bot: v2Bot,
        command: fc.record({ id, command: text, params: text, context: fc.constantFrom('textarea', 'keyboard', 'menu') }),
        message: v2Message,
        ...v2Common,
      }),
    ),
  }),
  fc.record({
    type: fc.constant('ONIMBOTV2REACTIONCHANGE'),
    data: withExtras(fc.record({ bot: v2Bot, reaction: text, action: fc.constantFrom('add', 'delete'), message: v2Message, ...v2Common })),
  }),
  fc.record({
    type: fc.constant('ONIMV2REACTIONCHANGE'),
    data: withExtras(fc.record({ reaction: text, action: fc.constantFrom('add', 'delete'), message: v2Message, ...v2Common })),
  }),
  fc.record({ type: fc.constant('ONIMV2JOINCHAT'), data: withExtras(fc.record({ dialogId: text, ...v2Common })) }),
)

const classicBotEntry = (botId: number) =>
  withExtras(
    fc.record({
      BOT_ID: fc.constant(botId),
      BOT_CODE: text,
      access_token: optional(text),
      expires: optional(count),
      user_id: optional(count),
    }),
  )
const classicBots = fc
  .uniqueArray(id, { minLength: 1, maxLength: 3 })
  .chain((ids) => fc.tuple(...ids.map((botId) => classicBotEntry(botId).map((entry) => [String(botId), entry] as const))))
const classicUser = fc.oneof(
  fc.constant(null),
  fc.constant([]),
  withExtras(
    fc.record({
      ID: id,
      NAME: text,
      FIRST_NAME: text,
      LAST_NAME: optional(text),
      GENDER: optional(fc.constantFrom('M', 'F')),
      IS_BOT: optional(yesNo),
    }),
  ),
)
const idSet = fc.uniqueArray(id, { maxLength: 3 }).map((ids) => Object.fromEntries(ids.map((value) => [String(value), value])))
const newMessage = {
  MESSAGE: text,
  MESSAGE_TYPE: fc.constantFrom('P', 'C', 'O'),
  FROM_USER_ID: count,
  DIALOG_ID: text,
  TO_CHAT_ID: id,
  AUTHOR_ID: count,
  SYSTEM: optional(yesNo),
  TO_USER_ID: optional(count),
  MESSAGE_ID: id,
  CHAT_TYPE: fc.constantFrom('P', 'C', 'O'),
  CHAT_ENTITY_TYPE: optional(fc.option(text, { nil: null })),
  CHAT_EXTRANET: optional(yesNo),
  PUSH: optional(yesNo),
  FAKE_RELATION: optional(count),
  PARAMS: optional(opaque),
}

const classicPayloads = fc.oneof(
  fc.record({
    event: fc.constant('ONIMBOTMESSAGEADD'),
    data: fc.record({
      BOT: classicBots.map((entries) => Object.fromEntries(entries)),
      PARAMS: withExtras(fc.record({ ...newMessage, MENTIONED_LIST: idSet, CHAT_USER_COUNT: optional(count) })),
      USER: classicUser,
    }),
    ts: count,
    event_handler_id: optional(id),
    auth: fc.record({ application_token: text, expires_in: optional(count) }),
  }),
  fc.record({
    event: fc.constant('ONIMCOMMANDADD'),
    data: fc.record({
      COMMAND: fc.tuple(id, id, text, fc.constantFrom('TEXTAREA', 'KEYBOARD', 'MENU')).map(([commandId, messageId, params, context]) => ({
        [String(commandId)]: {
          BOT_ID: 1,
          BOT_CODE: 'b',
          COMMAND: 'echo',
          COMMAND_ID: commandId,
          COMMAND_PARAMS: params,
          COMMAND_CONTEXT: context,
          MESSAGE_ID: messageId,
        },
      })),
      PARAMS: withExtras(fc.record({ ...newMessage, BOT_IN_CHAT: idSet, RECENT_ADD: optional(yesNo) })),
      USER: classicUser,
    }),
    ts: count,
  }),
  fc.record({
    event: fc.constant('ONIMBOTJOINCHAT'),
    data: fc.record({
      BOT: classicBots.map((entries) => Object.fromEntries(entries)),
      PARAMS: withExtras(
        fc.record({
          CHAT_TYPE: text,
          MESSAGE_TYPE: text,
          BOT_ID: id,
          USER_ID: id,
          DIALOG_ID: text,
          ACCESS_HISTORY: optional(fc.constantFrom<unknown>(0, 1, true, false)),
        }),
      ),
      USER: classicUser,
    }),
  }),
  fc.record({
    event: fc.constant('ONAPPUNINSTALL'),
    data: fc.record({ LANGUAGE_ID: text, CLEAN: fc.constantFrom<unknown>(0, 1, true, false) }),
  }),
)

describe('decode(json) equals decode(form round trip of json)', () => {
  it('v2 and user events: fetch-mode JSON and the v2 webhook form body (null as "")', () => {
    fc.assert(
      fc.property(v2Payloads, ({ type, data }) => {
        const fetched = decodeEvent({ eventId: 1, type, date: '2025-01-15T10:30:00+02:00', data })
        const pushed = decodeEvent(formRoundTrip({ event: type, data, ts: 1 }, 'empty'))
        expect(pushed.data).toEqual(fetched.data)
      }),
      { numRuns: 300 },
    )
  })

  it('classic and app events: JSON with real types and the PHP form body (null left out)', () => {
    fc.assert(
      fc.property(classicPayloads, (body) => {
        const direct = decodeEvent(body)
        const pushed = decodeEvent(formRoundTrip(body, 'drop'))
        expect(pushed).toEqual(direct)
      }),
      { numRuns: 300 },
    )
  })
})
