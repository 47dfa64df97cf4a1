import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotV2ChatInputActionNotify } from './imbot.v2.Chat.InputAction.notify.ts'

declare const notify: Binding<typeof imbotV2ChatInputActionNotify>

describe('api.v2.Chat.InputAction.notify types', () => {
  it('resolves a v2 action to a boolean', () => {
    expectTypeOf(notify).returns.resolves.toEqualTypeOf<boolean>()
    expectTypeOf(notify)
      .parameter(0)
      .toHaveProperty('statusMessageCode')
      .extract<'IMBOT_AGENT_ACTION_THINKING'>()
      .toEqualTypeOf<'IMBOT_AGENT_ACTION_THINKING'>()
  })

  it('refuses a status that is not a documented code', () => {
    // @ts-expect-error statusMessageCode is an enum
    void notify({ botId: 456, dialogId: 'chat5', statusMessageCode: 'THINKING' })
  })
})
