import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { ReactionCode } from '../../schemas/v2-messages.ts'
import type { imbotV2ChatMessageReactionAdd } from './imbot.v2.Chat.Message.Reaction.add.ts'

declare const add: Binding<typeof imbotV2ChatMessageReactionAdd>

describe('api.v2.Chat.Message.Reaction.add types', () => {
  it('suggests the documented codes and still takes any string', () => {
    type Reaction = Parameters<typeof add>[0]['reaction']
    expectTypeOf<ReactionCode>().toExtend<Reaction>()
    expectTypeOf<'like'>().toExtend<Reaction>()
    expectTypeOf<string>().toExtend<Reaction>()
    expectTypeOf(add).returns.resolves.toEqualTypeOf<boolean>()
    // @ts-expect-error reaction is required
    void add({ botId: 456, messageId: 789 })
  })
})
