import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { REACTION_CODES, isKnownReaction } from '../../schemas/v2-messages.ts'
import { imbotV2ChatMessageReactionAdd } from './imbot.v2.Chat.Message.Reaction.add.ts'
import { imbotV2ChatMessageReactionDelete } from './imbot.v2.Chat.Message.Reaction.delete.ts'

describe('reactions', () => {
  it('accept the 48 documented codes', () => {
    expect(REACTION_CODES).toHaveLength(48)
    for (const reaction of REACTION_CODES) {
      expect(v.safeParse(imbotV2ChatMessageReactionAdd.params, { ...bot, messageId: 789, reaction }).success).toBe(true)
    }
  })

  it('accept a camelCase code the docs do not list yet (the server decides), refuse anything else', async () => {
    expect(v.parse(imbotV2ChatMessageReactionAdd.params, { ...bot, messageId: 789, reaction: 'rocket' }).reaction).toBe('rocket')
    expect(isKnownReaction('rocket')).toBe(false)
    expect(isKnownReaction('like')).toBe(true)
    for (const reaction of ['', 'Like', 'thumbs up', 'thumbs_up', ':+1:', 7]) {
      await expectInvalid(imbotV2ChatMessageReactionDelete, { ...bot, messageId: 789, reaction }, 'reaction')
    }
  })
})
