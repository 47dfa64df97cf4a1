import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import userListExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Chat.User.list.json' with { type: 'json' }
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatUserList } from './imbot.v2.Chat.User.list.ts'

describe('imbot.v2.Chat.User.list', () => {
  const params = (input: unknown) => v.safeParse(imbotV2ChatUserList.params, input)

  it('accepts limits 1 to 200 and the documented order keys', () => {
    for (const limit of [1, 50, 200]) expect(params({ ...bot, dialogId: 'chat5', limit }).success).toBe(true)
    expect(params({ ...bot, dialogId: 'chat5', order: { lastSendMessageId: 'DESC', userId: 'ASC' } }).success).toBe(true)
  })

  it('accepts a lower-case direction and sends it upper-case, as documented', () => {
    expect(params({ ...bot, dialogId: 'chat5', order: { id: 'asc', userId: 'desc' } })).toMatchObject({
      success: true,
      output: { order: { id: 'ASC', userId: 'DESC' } },
    })
  })

  it.each([
    [{ ...bot, dialogId: 'chat5', limit: 0 }, 'limit'],
    [{ ...bot, dialogId: 'chat5', limit: 201 }, 'limit'],
    [{ ...bot, dialogId: 'chat5', limit: 2.5 }, 'limit'],
    [{ ...bot, dialogId: 'chat5', order: { id: 'up' } }, 'order.id'],
    [{ ...bot, dialogId: 'chat5', order: { name: 'ASC' } }, 'order.name'],
    [{ ...bot, dialogId: 'chat5', offset: 200 }, 'offset'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatUserList, input, field)
  })

  it('reads the bare array of users, ids as numbers', () => {
    expect(v.parse(imbotV2ChatUserList.result, userListExample.response.result).map((user) => user.id)).toEqual([1, 2])
    expect(v.parse(imbotV2ChatUserList.result, [{ id: '7', departments: ['3'] }])).toEqual([{ id: 7, departments: [3] }])
    expect(v.safeParse(imbotV2ChatUserList.result, { users: [] }).success).toBe(false)
  })
})
