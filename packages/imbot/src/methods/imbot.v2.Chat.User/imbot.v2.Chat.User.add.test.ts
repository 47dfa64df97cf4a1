import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatUserAdd } from './imbot.v2.Chat.User.add.ts'

describe('imbot.v2.Chat.User.add', () => {
  it('accepts an empty list (the server answers true)', () => {
    expect(v.safeParse(imbotV2ChatUserAdd.params, { ...bot, dialogId: 'chat5', userIds: [] }).success).toBe(true)
  })

  it.each([
    [{ ...bot, dialogId: 'chat5' }, 'userIds'],
    [{ ...bot, dialogId: 'chat5', userIds: [0] }, 'userIds[0]'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatUserAdd, input, field)
  })
})
