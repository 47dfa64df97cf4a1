import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2BotUpdate } from './imbot.v2.Bot.update.ts'

describe('imbot.v2.Bot.update', () => {
  it('accepts the rotation form and a null background', () => {
    const input = { ...bot, fields: { botToken: 'new_token', backgroundId: null, properties: { color: 'aqua' } } }
    expect(v.safeParse(imbotV2BotUpdate.params, input)).toMatchObject({ success: true, output: input })
  })

  it.each([
    [{ fields: {} }, 'botId'],
    [{ botId: 456 }, 'fields'],
    [{ botId: '456abc', fields: {} }, 'botId'],
    [{ botId: 0, fields: {} }, 'botId'],
    [{ ...bot, botToken: '', fields: {} }, 'botToken'],
    [{ ...bot, fields: { botToken: 'x'.repeat(41) } }, 'fields.botToken'],
    [{ ...bot, fields: { code: 'other' } }, 'fields.code'],
    [{ ...bot, fields: { properties: { color: 'blue' } } }, 'fields.properties.color'],
    [{ ...bot, fields: { webhookUrl: 'ftp://bot.example.com' } }, 'fields.webhookUrl'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2BotUpdate, input, field)
  })
})
