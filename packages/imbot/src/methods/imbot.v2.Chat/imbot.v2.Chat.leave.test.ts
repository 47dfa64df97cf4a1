import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatLeave } from './imbot.v2.Chat.leave.ts'

describe('imbot.v2.Chat.leave', () => {
  it.each([
    [{ ...bot }, 'dialogId'],
    [{ ...bot, dialogId: '1' }, 'dialogId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatLeave, input, field)
  })

  it('sends a hand-written request and unwraps the answer', () => {
    expect(v.safeParse(imbotV2ChatLeave.params, { ...bot, dialogId: 'chat5' }).success).toBe(true)
    expect(v.parse(imbotV2ChatLeave.result, { result: true })).toBe(true)
  })
})
