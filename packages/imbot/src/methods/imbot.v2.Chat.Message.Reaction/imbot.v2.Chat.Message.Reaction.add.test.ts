import { describe, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatMessageReactionAdd } from './imbot.v2.Chat.Message.Reaction.add.ts'

describe('imbot.v2.Chat.Message.Reaction.add', () => {
  it('refuses invalid params before sending: Reaction.add with an emoji', async () => {
    await expectInvalid(imbotV2ChatMessageReactionAdd, { ...bot, messageId: 789, reaction: '👍' }, 'reaction')
  })
})
