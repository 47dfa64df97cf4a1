import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import chatAddExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Chat.add.json' with { type: 'json' }
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatAdd } from './imbot.v2.Chat.add.ts'

describe('imbot.v2.Chat.add', () => {
  it('accepts no fields at all, and both page revisions (type, message)', () => {
    expect(v.safeParse(imbotV2ChatAdd.params, bot).success).toBe(true)
    expect(v.safeParse(imbotV2ChatAdd.params, { ...bot, fields: { type: 'open', message: 'Hello', ownerId: 1 } }).success).toBe(true)
  })

  it.each([
    [{ fields: {} }, 'botId'],
    [{ ...bot, fields: { color: '#4ba984' } }, 'fields.color'],
    [{ ...bot, fields: { userIds: [1, '2x'] } }, 'fields.userIds[1]'],
    [{ ...bot, fields: { userIds: 1 } }, 'fields.userIds'],
    [{ ...bot, fields: { ownerId: 0 } }, 'fields.ownerId'],
    [{ ...bot, fields: { type: 'channel' } }, 'fields.type'],
    [{ ...bot, fields: { entityType: 'ORDER' } }, 'fields.entityType'],
    [{ ...bot, fields: { message: 'x'.repeat(20_001) } }, 'fields.message'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatAdd, input, field)
  })

  it('reads the chat with its quirks normalized', () => {
    const output = v.parse(imbotV2ChatAdd.result, chatAddExample.response.result)
    expect(output.chat).toMatchObject({
      id: 5,
      dialogId: 'chat5',
      textFieldEnabled: true,
      lastMessageViews: {},
      parentChatId: null,
      owner: 456,
    })
    expect(output.users.map((user) => user.id)).toEqual([1, 2])
  })
})
