import { describe, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2CommandAnswer } from './imbot.v2.Command.answer.ts'

describe('imbot.v2.Command.answer', () => {
  it('refuses invalid params before sending: Command.answer without dialogId', async () => {
    await expectInvalid(imbotV2CommandAnswer, { ...bot, commandId: 42, messageId: 789, fields: { message: 'x' } }, 'dialogId')
  })
})
