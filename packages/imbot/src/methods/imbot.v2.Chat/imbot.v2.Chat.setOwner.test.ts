import { describe, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatSetOwner } from './imbot.v2.Chat.setOwner.ts'

describe('imbot.v2.Chat.setOwner', () => {
  it.each([
    [{ ...bot, dialogId: 'chat5' }, 'userId'],
    [{ ...bot, dialogId: 'chat5', userId: '0' }, 'userId'],
    [{ ...bot, dialogId: '1', userId: 1 }, 'dialogId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatSetOwner, input, field)
  })
})
