import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import botRegisterExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Bot.register.json' with { type: 'json' }
import { imbotV2BotList } from './imbot.v2.Bot.list.ts'
import { imbotV2BotRegister } from './imbot.v2.Bot.register.ts'

const register = { code: 'support_bot', properties: { name: 'Support Bot' } }

describe('imbot.v2.Bot.register', () => {
  const params = (input: unknown) => v.safeParse(imbotV2BotRegister.params, input)

  it('sends the documented example as given', () => {
    expect(params(botRegisterExample.params)).toMatchObject({ success: true, output: botRegisterExample.params })
  })

  it('copies a top-level botToken (quick-start form) into fields.botToken and keeps it on top', () => {
    const quickStart = botRegisterExample.extraRequests[1]?.params
    expect(params(quickStart)).toMatchObject({
      success: true,
      output: { botToken: 'my_secret_token_123', fields: { code: 'support_bot', botToken: 'my_secret_token_123' } },
    })
    expect(params({ botToken: 't', fields: { ...register, botToken: 't' } }).success).toBe(true)
  })

  it('accepts the undocumented type network, which the server accepts (BOT_INVALID_TYPE lists it)', () => {
    expect(params({ fields: { ...register, type: 'network' } })).toMatchObject({ success: true, output: { fields: { type: 'network' } } })
    expect(v.safeParse(imbotV2BotList.params, { filter: { type: 'network' } }).success).toBe(true)
  })

  it('turns v2 flags into booleans', () => {
    expect(params({ fields: { ...register, isHidden: 'Y', isReactionsEnabled: 'N' } })).toMatchObject({
      success: true,
      output: { fields: { isHidden: true, isReactionsEnabled: false } },
    })
  })

  it.each([
    [{}, 'fields'],
    [{ fields: { properties: { name: 'Bot' } } }, 'fields.code'],
    [{ fields: { code: 'x' } }, 'fields.properties'],
    [{ fields: { code: 'x', properties: {} } }, 'fields.properties.name'],
    [{ fields: { code: '', properties: { name: 'Bot' } } }, 'fields.code'],
    [{ fields: { ...register, botToken: 'x'.repeat(41) } }, 'fields.botToken'],
    [{ fields: { ...register, type: 'robot' } }, 'fields.type'],
    [{ fields: { ...register, eventMode: 'push' } }, 'fields.eventMode'],
    [{ fields: { ...register, eventMode: 'webhook' } }, 'fields.webhookUrl'],
    [{ fields: { ...register, eventMode: 'webhook', webhookUrl: 'http://localhost:3000/bot' } }, 'fields.webhookUrl'],
    [{ fields: { ...register, properties: { name: 'Bot', color: '#df532d' } } }, 'fields.properties.color'],
    [{ fields: { ...register, properties: { name: 'Bot', color: 'RED' } } }, 'fields.properties.color'],
    [{ fields: { ...register, properties: { name: 'Bot', gender: 'X' } } }, 'fields.properties.gender'],
    [{ fields: { ...register, properties: { name: 'Bot', avatar: 'data:image/png;base64,iVBORw0KGgo=' } } }, 'fields.properties.avatar'],
    [{ fields: { ...register, backgroundId: 'black' } }, 'fields.backgroundId'],
    [{ fields: { ...register, botId: 1 } }, 'fields.botId'],
    [{ botToken: 'a', fields: { ...register, botToken: 'b' } }, 'botToken'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2BotRegister, input, field)
  })

  it('accepts webhook mode with a URL, null background and every documented type', () => {
    for (const type of ['bot', 'supervisor', 'personal', 'openline'])
      expect(
        params({ fields: { ...register, type, eventMode: 'webhook', webhookUrl: 'https://bot.example.com/h', backgroundId: null } })
          .success,
      ).toBe(true)
  })

  it('reads { bot, users } with ids as numbers', () => {
    const raw = { bot: { ...botRegisterExample.response.result.bot, id: '456' }, users: [{ id: '456', departments: ['1'] }] }
    expect(v.parse(imbotV2BotRegister.result, raw)).toMatchObject({
      bot: { id: 456, eventMode: 'fetch' },
      users: [{ id: 456, departments: [1] }],
    })
  })
})
