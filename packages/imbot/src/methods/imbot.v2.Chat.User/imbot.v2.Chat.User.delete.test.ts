import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatUserDelete } from './imbot.v2.Chat.User.delete.ts'

describe('imbot.v2.Chat.User.delete', () => {
  it.each([
    [{ ...bot, dialogId: 'chat5' }, 'userId'],
    [{ ...bot, dialogId: '7', userId: 3 }, 'dialogId'],
    [{ ...bot, dialogId: 'chat5', userIds: [3] }, 'userIds'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatUserDelete, input, field)
  })

  it('sends a hand-written request and unwraps the answer', () => {
    expect(v.safeParse(imbotV2ChatUserDelete.params, { ...bot, dialogId: 'chat5', userId: 3 }).success).toBe(true)
    expect(v.parse(imbotV2ChatUserDelete.result, { result: true })).toBe(true)
  })
})
