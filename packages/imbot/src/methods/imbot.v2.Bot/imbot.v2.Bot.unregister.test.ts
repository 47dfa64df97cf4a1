import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { imbotV2BotUnregister } from './imbot.v2.Bot.unregister.ts'

describe('imbot.v2.Bot.unregister', () => {
  it('refuses a call without botId', async () => {
    await expectInvalid(imbotV2BotUnregister, { botToken: 'my_bot_token' }, 'botId')
  })

  it('unwraps { result: true }', () => {
    expect(v.parse(imbotV2BotUnregister.result, { result: true })).toBe(true)
    expect(v.parse(imbotV2BotUnregister.result, true)).toBe(true)
  })
})
