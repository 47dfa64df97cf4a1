import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { paramsOf, resultOf, roundTrip } from '../../../test/descriptors.ts'
import { imbotChatUserAdd } from '../imbot.chat.user/imbot.chat.user.add.ts'
import { imbotChatUserDelete } from '../imbot.chat.user/imbot.chat.user.delete.ts'
import { imbotChatUserList } from '../imbot.chat.user/imbot.chat.user.list.ts'
import { imbotChatLeave } from './imbot.chat.leave.ts'
import { imbotChatSetManager } from './imbot.chat.setManager.ts'
import { imbotChatSetOwner } from './imbot.chat.setOwner.ts'
import { imbotChatUpdateAvatar } from './imbot.chat.updateAvatar.ts'
import { imbotChatUpdateColor } from './imbot.chat.updateColor.ts'
import { imbotChatUpdateTitle } from './imbot.chat.updateTitle.ts'

/** The chat-management methods, each with the params it needs besides the chat. */
const chatMethods = [
  [imbotChatLeave, {}],
  [imbotChatSetManager, { USER_ID: 1269 }],
  [imbotChatSetOwner, { USER_ID: 1269 }],
  [imbotChatUpdateAvatar, { AVATAR: 'iVBORw0KGgo=' }],
  [imbotChatUpdateColor, { COLOR: 'PINK' }],
  [imbotChatUpdateTitle, { TITLE: 'New title' }],
  [imbotChatUserAdd, { USERS: [1269] }],
  [imbotChatUserDelete, { USER_ID: 1269 }],
  [imbotChatUserList, {}],
] as const

describe.each(chatMethods)('$method: the chat', (descriptor, rest) => {
  it('is CHAT_ID or DIALOG_ID; one of them is required', async () => {
    expect(paramsOf(descriptor, { CHAT_ID: 2725, ...rest }).success).toBe(true)
    expect(paramsOf(descriptor, { DIALOG_ID: 'chat2725', ...rest }).success).toBe(true)
    expect(paramsOf(descriptor, { DIALOG_ID: 'CHAT2725', CHAT_ID: 2725, ...rest }).success).toBe(true)
    await expectInvalid(descriptor, { ...rest }, 'CHAT_ID')
  })

  it('takes CHAT_ID and BOT_ID as decimal strings (as events carry them) and sends numbers', () => {
    const parsed = paramsOf(descriptor, { CHAT_ID: '2725', BOT_ID: '39', ...rest })
    expect(parsed.success).toBe(true)
    expect(parsed.output).toMatchObject({ CHAT_ID: 2725, BOT_ID: 39 })
  })

  it('refuses a user dialog or a bad chat id', async () => {
    await expectInvalid(descriptor, { DIALOG_ID: '1269', ...rest }, 'DIALOG_ID')
    await expectInvalid(descriptor, { CHAT_ID: '2725abc', ...rest }, 'CHAT_ID')
    await expectInvalid(descriptor, { CHAT_ID: '', ...rest }, 'CHAT_ID')
    await expectInvalid(descriptor, { CHAT_ID: 0, ...rest }, 'CHAT_ID')
    await expectInvalid(descriptor, { CHAT_ID: 2725, BOT_ID: 0, ...rest }, 'BOT_ID')
    await expectInvalid(descriptor, { CHAT_ID: 2725, CLIENT_ID: '', ...rest }, 'CLIENT_ID')
  })
})

describe('chat-management params', () => {
  it('reports a missing chat together with other missing params', () => {
    const parsed = paramsOf(imbotChatSetOwner, {})
    expect(parsed.issues?.map((issue) => v.getDotPath(issue))).toEqual(['USER_ID', 'CHAT_ID'])
  })

  it.each(
    (
      [
        [imbotChatSetManager, { CHAT_ID: 1, USER_ID: 1, IS_MANAGER: 'no' }, 'IS_MANAGER'],
        [imbotChatSetManager, { CHAT_ID: 1 }, 'USER_ID'],
        [imbotChatSetOwner, { CHAT_ID: 1, USER_ID: 1.5 }, 'USER_ID'],
        [imbotChatUpdateAvatar, { CHAT_ID: 1 }, 'AVATAR'],
        [imbotChatUpdateAvatar, { CHAT_ID: 1, AVATAR: ['only-a-name.png'] }, 'AVATAR'],
        [imbotChatUpdateColor, { CHAT_ID: 1, COLOR: 'ORANGE' }, 'COLOR'],
        [imbotChatUpdateColor, { CHAT_ID: 1 }, 'COLOR'],
        [imbotChatUpdateTitle, { CHAT_ID: 1, TITLE: ' \n\t' }, 'TITLE'],
        [imbotChatUpdateTitle, { CHAT_ID: 1, TITLE: ' 0 ' }, 'TITLE'],
        [imbotChatUserAdd, { CHAT_ID: 1, USERS: [] }, 'USERS'],
        [imbotChatUserAdd, { CHAT_ID: 1, USERS: [1], HIDE_HISTORY: 'maybe' }, 'HIDE_HISTORY'],
        [imbotChatUserDelete, { CHAT_ID: 1 }, 'USER_ID'],
        [imbotChatUserList, { CHAT_ID: 1, USER_ID: 1 }, 'USER_ID'],
      ] as const
    ).map(([descriptor, params, field]) => [descriptor.method, params, field, descriptor] as const),
  )('%s refuses %j at %s', async (_method, params, field, descriptor) => {
    await expectInvalid(descriptor, params, field)
  })

  it('accepts COPILOT but not ORANGE as a chat colour', () => {
    expect(paramsOf(imbotChatUpdateColor, { CHAT_ID: 1, COLOR: 'COPILOT' }).success).toBe(true)
    expect(paramsOf(imbotChatUpdateColor, { CHAT_ID: 1, COLOR: 'ORANGE' }).success).toBe(false)
  })

  it('sends IS_MANAGER and HIDE_HISTORY as "Y"/"N" and resolves to true', async () => {
    await expect(roundTrip(imbotChatSetManager, { DIALOG_ID: 'chat2725', USER_ID: 1269, IS_MANAGER: false }, true)).resolves.toEqual({
      sent: { DIALOG_ID: 'chat2725', USER_ID: 1269, IS_MANAGER: 'N' },
      resolved: true,
    })
    await expect(roundTrip(imbotChatUserAdd, { CHAT_ID: 2725, USERS: [1269], HIDE_HISTORY: true }, true)).resolves.toEqual({
      sent: { CHAT_ID: 2725, USERS: [1269], HIDE_HISTORY: 'Y' },
      resolved: true,
    })
  })

  it('resolves every action to true and refuses anything else', () => {
    for (const [descriptor] of chatMethods.filter(([descriptor]) => descriptor !== imbotChatUserList)) {
      expect(resultOf(descriptor, true).output).toBe(true)
      expect(resultOf(descriptor, false).success).toBe(false)
    }
  })
})
