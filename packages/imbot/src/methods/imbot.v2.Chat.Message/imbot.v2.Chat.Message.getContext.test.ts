import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatMessageGetContext } from './imbot.v2.Chat.Message.getContext.ts'

describe('imbot.v2.Chat.Message.getContext', () => {
  it('getContext refuses range 0 and reads a window', async () => {
    await expectInvalid(imbotV2ChatMessageGetContext, { ...bot, messageId: 789, range: 0 }, 'range')
    const window = v.parse(imbotV2ChatMessageGetContext.result, {
      messages: [],
      users: [{ id: '1', name: 'John' }],
      hasPrevPage: false,
      hasNextPage: true,
    })
    expect(window).toEqual({ messages: [], users: [{ id: 1, name: 'John' }], hasPrevPage: false, hasNextPage: true })
  })

  it('refuses invalid params before sending: Chat.Message.getContext with range 51', async () => {
    await expectInvalid(imbotV2ChatMessageGetContext, { ...bot, messageId: 789, range: 51 }, 'range')
  })
})
