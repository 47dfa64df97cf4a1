import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import botGetExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Bot.get.json' with { type: 'json' }
import { imbotV2BotGet } from './imbot.v2.Bot.get.ts'

describe('imbot.v2.Bot.get', () => {
  const params = (input: unknown) => v.safeParse(imbotV2BotGet.params, input)

  it('takes botId or code (or both)', () => {
    expect(params(botGetExample.params).success).toBe(true)
    expect(params({ botId: 456 }).success).toBe(true)
    expect(params({ botId: 456, code: 'support_bot' }).success).toBe(true)
  })

  it.each([
    [{}, 'botId'],
    [{ botToken: 'my_bot_token' }, 'botId'],
    [{ code: '' }, 'code'],
    [{ botId: -1 }, 'botId'],
    [{ code: 'x', dialogId: 'chat5' }, 'dialogId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2BotGet, input, field)
  })

  it('reads the brief public form (no owner fields)', () => {
    const raw = {
      bot: { id: 456, code: 'support_bot', type: 'bot', isHidden: false, backgroundId: null, language: 'de' },
      users: [{ id: 456 }],
    }
    const output = v.parse(imbotV2BotGet.result, raw)
    expect(output.bot).toEqual(raw.bot)
    expect(output.bot.countMessage).toBeUndefined()
  })
})
