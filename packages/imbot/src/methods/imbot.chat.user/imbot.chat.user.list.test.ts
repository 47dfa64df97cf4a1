import { describe, expect, it } from 'vitest'
import { resultOf, roundTrip } from '../../../test/descriptors.ts'
import { imbotChatUserList } from './imbot.chat.user.list.ts'

describe('imbot.chat.user.list', () => {
  it('resolves to the member ids as numbers', async () => {
    await expect(roundTrip(imbotChatUserList, { CHAT_ID: 2725 }, ['1269', 1271, '1291'])).resolves.toMatchObject({
      resolved: [1269, 1271, 1291],
    })
    expect(resultOf(imbotChatUserList, []).output).toEqual([])
  })

  it.each([[[0]], [['abc']], [{ 0: 1269 }], [true]])('refuses %j', (raw) => {
    expect(resultOf(imbotChatUserList, raw).success).toBe(false)
  })
})
