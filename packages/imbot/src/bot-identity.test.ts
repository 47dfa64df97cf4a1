import { inspect } from 'node:util'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError, createClient } from '@b24bot/transport'
import { botIdentity, withIdentity, type BotIdentity } from './bot-identity.ts'

/** A method name in random letter case. */
const anyCase = (name: string) =>
  fc
    .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((upper) => name.replace(/./g, (char, index: number) => (upper[index] ? char.toUpperCase() : char.toLowerCase())))

const classic = fc.constantFrom('imbot.register', 'imbot.message.add', 'imbot.chat.get', 'imbot.command.answer').chain(anyCase)
const register = anyCase('imbot.v2.Bot.register')
const revision = anyCase('imbot.v2.Revision.get')
const otherV2 = fc
  .constantFrom('imbot.v2.Bot.get', 'imbot.v2.Bot.update', 'imbot.v2.Chat.Message.send', 'imbot.v2.Event.get')
  .chain(anyCase)
const unrelated = fc.constantFrom('im.v2.Event.get', 'batch', 'user.current', 'imbotx.register', 'im.message.add').chain(anyCase)
const method = fc.oneof(classic, register, revision, otherV2, unrelated)

const identity: fc.Arbitrary<BotIdentity> = fc.record(
  { clientId: fc.string({ minLength: 1 }), botToken: fc.string({ minLength: 1 }) },
  { requiredKeys: [] },
)
const key = fc.oneof(fc.string(), fc.constantFrom('CLIENT_ID', 'client_id', 'Client_Id', 'botToken', 'BOTTOKEN', 'fields', 'FIELDS'))
const value = fc.oneof(fc.jsonValue(), fc.dictionary(key, fc.jsonValue(), { maxKeys: 4 }))
const params = fc.dictionary(key, value, { maxKeys: 6 })

const kind = (name: string) => {
  const lower = name.toLowerCase()
  if (lower === 'imbot.v2.bot.register') return 'register'
  if (lower === 'imbot.v2.revision.get') return 'none'
  if (lower.startsWith('imbot.v2.')) return 'v2'
  return lower.startsWith('imbot.') ? 'classic' : 'none'
}
const hasKey = (object: object, wanted: string) => Object.keys(object).some((name) => name.toLowerCase() === wanted.toLowerCase())
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

describe('withIdentity', () => {
  it('never drops or changes a param the caller gave, and adds exactly the documented key', () => {
    fc.assert(
      fc.property(identity, method, params, (bot, name, given) => {
        const snapshot = structuredClone(given)
        const sent = withIdentity(bot, name, given)
        expect(given).toEqual(snapshot) // the caller's object is not mutated
        const added = Object.keys(sent).filter((field) => !Object.hasOwn(given, field))
        for (const field of Object.keys(given)) {
          if (field === 'fields' && kind(name) === 'register') continue
          expect(sent[field]).toBe(given[field])
        }
        switch (kind(name)) {
          case 'classic': {
            const expected = bot.clientId !== undefined && !hasKey(given, 'CLIENT_ID')
            expect(added).toEqual(expected ? ['CLIENT_ID'] : [])
            if (expected) expect(sent.CLIENT_ID).toBe(bot.clientId)
            break
          }
          case 'v2': {
            const expected = bot.botToken !== undefined && !hasKey(given, 'botToken')
            expect(added).toEqual(expected ? ['botToken'] : [])
            if (expected) expect(sent.botToken).toBe(bot.botToken)
            break
          }
          case 'register': {
            const before = given.fields
            const expected =
              bot.botToken !== undefined &&
              !hasKey(given, 'botToken') &&
              (before === undefined || (isObject(before) && !hasKey(before, 'botToken')))
            expect(added).toEqual(expected && before === undefined ? ['fields'] : [])
            if (!expected) {
              expect(sent.fields).toBe(before)
              break
            }
            const after = sent.fields as Record<string, unknown>
            expect(after).toEqual({ ...(isObject(before) ? before : {}), botToken: bot.botToken })
            break
          }
          default:
            expect(sent).toBe(given)
        }
      }),
    )
  })

  it('returns the params themselves when the identity adds nothing', () => {
    const given = { a: 1 }
    expect(withIdentity({}, 'imbot.register', given)).toBe(given)
  })

  it('ignores a .json suffix and matches any letter case', () => {
    expect(withIdentity({ clientId: 'c' }, 'IMBOT.Register.json', {})).toEqual({ CLIENT_ID: 'c' })
    expect(withIdentity({ botToken: 't' }, 'imbot.v2.bot.register.JSON', { fields: { code: 'x' } })).toEqual({
      fields: { code: 'x', botToken: 't' },
    })
    expect(withIdentity({ botToken: 't' }, 'imbot.v2.revision.get.json', {})).toEqual({})
  })

  it('keeps a rotation intact: top-level old token from the identity, the new one the caller put in fields', () => {
    expect(withIdentity({ botToken: 'old' }, 'imbot.v2.Bot.update', { botId: 7, fields: { botToken: 'new' } })).toEqual({
      botId: 7,
      botToken: 'old',
      fields: { botToken: 'new' },
    })
  })
})

describe('botIdentity', () => {
  it('names both values as its secrets, and refuses an empty or non-string value', () => {
    expect(botIdentity({ clientId: 'client-id-1', botToken: 'bot-token-1' }).secrets).toEqual(['client-id-1', 'bot-token-1'])
    expect(botIdentity({ botToken: 't' }).secrets).toEqual(['t'])
    expect(() => botIdentity({ clientId: '' })).toThrow(/clientId must be a non-empty string/)
    expect(() => botIdentity({ botToken: 7 as never })).toThrow(/botToken/)
  })

  it('hands the request on untouched when nothing is added', async () => {
    const wrap = botIdentity({ clientId: 'c' })
    const request = { method: 'user.current', params: {}, signal: undefined, timeout: 1, idempotent: true }
    let seen: unknown
    await wrap(request, (passed) => {
      seen = passed
      return Promise.resolve({ result: null, time: { start: 0, finish: 0, duration: 0, processing: 0, date_start: '', date_finish: '' } })
    })
    expect(seen).toBe(request)
  })
})

describe('bot identity through the emulator', () => {
  let emulator: Emulator
  beforeEach(async () => {
    emulator = await startEmulator()
  })
  afterEach(async () => {
    await emulator.close()
  })

  it('a classic imbot.register through a webhook succeeds with bot.clientId, and is refused without it', async () => {
    const params = { CODE: 'echo', EVENT_HANDLER: 'https://bot.example.com/hook', PROPERTIES: { NAME: 'Echo' } }
    const bare = createClient({ webhookUrl: emulator.webhookUrl })
    const refused = await bare.call('imbot.register', params).catch((error: unknown) => error)
    expect(ApiError.isInstance(refused) && refused.code).toBe('ACCESS_DENIED')

    const client = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ clientId: 'echo-app' })] })
    const botId = await client.call('imbot.register', params)
    expect(emulator.portal.bots.get(botId as number)).toMatchObject({ code: 'echo', appId: 'customecho-app' })
    expect(emulator.portal.requests.at(-1)?.params).toMatchObject({ CLIENT_ID: 'echo-app' })
  })

  it('goes into each command of client.batch and each auto-batched call', async () => {
    const client = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ clientId: 'echo-app' })] })
    const params = { CODE: 'echo', EVENT_HANDLER: 'https://bot.example.com/hook', PROPERTIES: { NAME: 'Echo' } }
    const results = await client.batch({ first: ['imbot.register', params], again: ['imbot.register', params] })
    expect(results.first).toBe(results.again)
    expect(typeof results.first).toBe('number')
    const [a, b] = await Promise.all([client.call('imbot.bot.list'), client.call('imbot.register', params)])
    expect(a).toBeTypeOf('object')
    expect(b).toBe(results.first)
    expect(emulator.portal.requests.map((request) => request.method)).toEqual(['batch', 'batch'])
    expect(emulator.portal.calls.every((call) => call.params.CLIENT_ID === 'echo-app')).toBe(true)
  })

  it('a v2 bot registers with fields.botToken and is read with a top-level botToken', async () => {
    const client = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ botToken: 'helper-token' })] })
    const registered = (await client.call('imbot.v2.Bot.register', {
      fields: { code: 'helper', eventMode: 'fetch', properties: { name: 'Helper' } },
    })) as { bot: { id: number } }
    expect(emulator.portal.requests.at(-1)?.params).toMatchObject({ fields: { code: 'helper', botToken: 'helper-token' } })
    expect(emulator.portal.requests.at(-1)?.params).not.toHaveProperty('botToken')
    const got = (await client.call('imbot.v2.Bot.get', { botId: registered.bot.id })) as { bot: { id: number; code: string } }
    // The owner (the same botToken) gets the extended Bot object, with its eventMode.
    expect(got.bot).toMatchObject({ id: registered.bot.id, code: 'helper', eventMode: 'fetch' })
    expect(emulator.portal.requests.at(-1)?.params).toMatchObject({ botToken: 'helper-token', botId: registered.bot.id })

    const stranger = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ botToken: 'other-token' })] })
    expect(await stranger.call('imbot.v2.Bot.get', { botId: registered.bot.id })).not.toHaveProperty('bot.eventMode')
    const bare = createClient({ webhookUrl: emulator.webhookUrl })
    const refused = await bare.call('imbot.v2.Bot.get', { botId: registered.bot.id }).catch((error: unknown) => error)
    expect(ApiError.isInstance(refused) && refused.code).toBe('BOT_TOKEN_NOT_SPECIFIED')
  })

  it('keeps the CLIENT_ID and the botToken out of errors', async () => {
    const bot = { clientId: 'client-id-7f3k', botToken: 'bot-token-9q2w' }
    emulator.portal.inject({ reply: { status: 400, error: 'ERROR_CORE', description: `bad ${bot.clientId} ${bot.botToken}` } })
    emulator.portal.inject({ reply: { status: 502, body: `<html>${bot.botToken}</html>` } })
    emulator.portal.inject({ reply: { status: 200, body: `echo ${encodeURIComponent(bot.botToken)}` } })
    const client = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity(bot)] })
    const errors = [
      await client.call('imbot.message.add', { DIALOG_ID: '1', MESSAGE: 'hi' }).catch((error: unknown) => error),
      await client.call('imbot.v2.Bot.get', { botId: 1 }).catch((error: unknown) => error),
      await client.call('imbot.v2.Bot.get', { botId: 1 }).catch((error: unknown) => error),
    ]
    expect(errors.map((error) => (error as Error).name)).toEqual(['ApiError', 'HttpError', 'ResponseShapeError'])
    for (const error of errors) {
      const text = [String(error), (error as Error).stack, JSON.stringify(error), inspect(error, { depth: 10 })].join('\n')
      expect(text).not.toContain(bot.clientId)
      expect(text).not.toContain(bot.botToken)
    }
  })
})
