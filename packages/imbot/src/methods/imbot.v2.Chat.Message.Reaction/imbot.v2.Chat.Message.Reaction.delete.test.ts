import { describe, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatMessageReactionDelete } from './imbot.v2.Chat.Message.Reaction.delete.ts'

describe('imbot.v2.Chat.Message.Reaction.delete', () => {
  it('refuses invalid params before sending: Reaction.delete without reaction', async () => {
    await expectInvalid(imbotV2ChatMessageReactionDelete, { ...bot, messageId: 789 }, 'reaction')
  })
})
