import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatMessageRead } from './imbot.v2.Chat.Message.read.ts'

describe('imbot.v2.Chat.Message.read', () => {
  it('read normalizes ids and keeps the counter', () => {
    expect(v.parse(imbotV2ChatMessageRead.result, { chatId: '5', lastId: '789', counter: 0, viewedMessages: ['785', 789] })).toEqual({
      chatId: 5,
      lastId: 789,
      counter: 0,
      viewedMessages: [785, 789],
    })
  })

  it('refuses invalid params before sending: Chat.Message.read with a bad dialogId', async () => {
    await expectInvalid(imbotV2ChatMessageRead, { ...bot, dialogId: 'group5' }, 'dialogId')
  })
})
