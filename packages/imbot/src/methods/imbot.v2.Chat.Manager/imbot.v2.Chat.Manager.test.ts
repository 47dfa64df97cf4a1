import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatManagerAdd } from './imbot.v2.Chat.Manager.add.ts'
import { imbotV2ChatManagerDelete } from './imbot.v2.Chat.Manager.delete.ts'

describe('imbot.v2.Chat.Manager.add and .delete', () => {
  it.each([
    [{ ...bot, dialogId: 'chat5', userIds: [] }, 'userIds'],
    [{ ...bot, dialogId: 'chat5' }, 'userIds'],
    [{ ...bot, dialogId: '5', userIds: [4] }, 'dialogId'],
  ])('refuse %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatManagerAdd, input, field)
    await expectInvalid(imbotV2ChatManagerDelete, input, field)
  })

  it('accept a non-empty list', () => {
    expect(v.safeParse(imbotV2ChatManagerAdd.params, { ...bot, dialogId: 'chat5', userIds: [4, 5] }).success).toBe(true)
    expect(v.safeParse(imbotV2ChatManagerDelete.params, { botId: 456, dialogId: 'chat5', userIds: [4] }).success).toBe(true)
  })
})
