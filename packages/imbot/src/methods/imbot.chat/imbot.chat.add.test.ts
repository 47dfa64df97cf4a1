import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { paramsOf, roundTrip } from '../../../test/descriptors.ts'
import { imbotChatAdd } from './imbot.chat.add.ts'

describe('imbot.chat.add', () => {
  it.each([
    ['an unknown TYPE', { TYPE: 'PRIVATE' }, 'TYPE'],
    ['ORANGE', { COLOR: 'ORANGE' }, 'COLOR'],
    ['a user id the server would mangle', { USERS: [1271, '1269x'] }, 'USERS[1]'],
    ['USERS not a list', { USERS: 1271 }, 'USERS'],
    ['a MESSAGE over 20,000 characters', { MESSAGE: 'x'.repeat(20_001) }, 'MESSAGE'],
    ['an empty AVATAR', { AVATAR: '' }, 'AVATAR'],
    ['a negative BOT_ID', { BOT_ID: -1 }, 'BOT_ID'],
    ['CHAT_ID, not a param here', { CHAT_ID: 1 }, 'CHAT_ID'],
  ])('refuses %s', async (_what, params, field) => {
    await expectInvalid(imbotChatAdd, params, field)
  })

  it('takes ids as decimal strings (as events carry them) and sends numbers', async () => {
    const { sent } = await roundTrip(imbotChatAdd, { USERS: [1271, '1269'], BOT_ID: '39' }, 2725)
    expect(sent).toEqual({ USERS: [1271, 1269], BOT_ID: 39 })
  })

  it('needs no param at all and resolves to the chat id as a number', async () => {
    await expect(roundTrip(imbotChatAdd, {}, '2725')).resolves.toEqual({ sent: {}, resolved: 2725 })
    expect(paramsOf(imbotChatAdd, { TYPE: 'OPEN', COLOR: 'COPILOT', ENTITY_TYPE: 'ORDER', ENTITY_ID: 13, USERS: [] }).success).toBe(true)
  })
})
