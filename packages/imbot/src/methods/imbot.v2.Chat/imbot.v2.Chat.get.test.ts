import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import chatGetExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Chat.get.json' with { type: 'json' }
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatGet } from './imbot.v2.Chat.get.ts'

describe('imbot.v2.Chat.get', () => {
  it.each([
    [{ botId: 456 }, 'dialogId'],
    [{ ...bot, dialogId: 'group5' }, 'dialogId'],
    [{ ...bot, dialogId: 0 }, 'dialogId'],
    [{ dialogId: 'chat5' }, 'botId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatGet, input, field)
  })

  it('accepts a one-to-one dialog as a user id', () => {
    expect(v.safeParse(imbotV2ChatGet.params, { ...bot, dialogId: '1' }).success).toBe(true)
    expect(v.safeParse(imbotV2ChatGet.params, { ...bot, dialogId: 1 }).success).toBe(true)
  })

  it('reads the documented example', () => {
    expect(v.parse(imbotV2ChatGet.result, chatGetExample.response.result)).toMatchObject({ chat: { id: 5, lastId: 789, messageCount: 15 } })
  })
})
