import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatMessageGet } from './imbot.v2.Chat.Message.get.ts'

describe('imbot.v2.Chat.Message.get', () => {
  it('get keeps unknown message fields, turns PHP [] params into {}, and a missing author into null', () => {
    const parsed = v.parse(imbotV2ChatMessageGet.result, {
      message: { id: '789', chatId: '5', authorId: '0', text: 'System', params: [], isSystem: true, componentId: 'x' },
    })
    expect(parsed).toEqual({
      message: { id: 789, chatId: 5, authorId: 0, text: 'System', params: {}, isSystem: true, componentId: 'x' },
      user: null,
    })
  })

  it('refuses invalid params before sending: Chat.Message.get without messageId', async () => {
    await expectInvalid(imbotV2ChatMessageGet, { ...bot }, 'messageId')
  })
})
