import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { paramsOf, roundTrip } from '../../../test/descriptors.ts'
import { imbotChatSendTyping } from './imbot.chat.sendTyping.ts'

describe('imbot.chat.sendTyping', () => {
  it('takes a user id or chatNNN dialog', async () => {
    for (const DIALOG_ID of ['1269', 1269, 'chat123', 'sg5']) expect(paramsOf(imbotChatSendTyping, { DIALOG_ID }).success).toBe(true)
    await expectInvalid(imbotChatSendTyping, {}, 'DIALOG_ID')
    await expectInvalid(imbotChatSendTyping, { DIALOG_ID: '0' }, 'DIALOG_ID')
    await expectInvalid(imbotChatSendTyping, { DIALOG_ID: 'chat' }, 'DIALOG_ID')
    await expectInvalid(imbotChatSendTyping, { DIALOG_ID: 'chat1', CHAT_ID: 1 }, 'CHAT_ID')
  })

  it('resolves to true', async () => {
    await expect(roundTrip(imbotChatSendTyping, { DIALOG_ID: 'chat123', BOT_ID: 39 }, true)).resolves.toMatchObject({ resolved: true })
  })
})
