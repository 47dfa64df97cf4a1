import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot, recordingClient } from '../../../test/descriptors.ts'
import { imbotV2ChatMessageDelete } from './imbot.v2.Chat.Message.delete.ts'

describe('imbot.v2.Chat.Message.delete', () => {
  it('delete sends complete as a boolean', () => {
    expect(v.parse(imbotV2ChatMessageDelete.params, { ...bot, messageId: 789, complete: 'Y' })).toEqual({
      ...bot,
      messageId: 789,
      complete: true,
    })
  })

  it('accepts an id as a decimal string, as pushed events deliver it, and sends a number', async () => {
    const { client, bodies } = recordingClient({ result: true })
    await expect(client.call(imbotV2ChatMessageDelete, { botId: '456', messageId: '789' })).resolves.toBe(true)
    expect(bodies).toEqual([{ botId: 456, messageId: 789 }])
  })

  it('refuses invalid params before sending: Chat.Message.delete with a messageId that is not an id', async () => {
    await expectInvalid(imbotV2ChatMessageDelete, { ...bot, messageId: '789abc' }, 'messageId')
  })
})
