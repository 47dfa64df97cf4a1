import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatInputActionNotify } from './imbot.v2.Chat.InputAction.notify.ts'

describe('imbot.v2.Chat.InputAction.notify', () => {
  const params = (input: unknown) => v.safeParse(imbotV2ChatInputActionNotify.params, input)

  it('accepts the plain typing indicator and durations 1 to 600', () => {
    expect(params({ ...bot, dialogId: '1' }).success).toBe(true)
    for (const duration of [1, 600])
      expect(params({ ...bot, dialogId: 'chat5', statusMessageCode: 'IMBOT_AGENT_ACTION_READING_DOCS', duration }).success).toBe(true)
  })

  it.each([
    [{ ...bot, dialogId: 'chat5', duration: 0 }, 'duration'],
    [{ ...bot, dialogId: 'chat5', duration: 601 }, 'duration'],
    [{ ...bot, dialogId: 'chat5', duration: 1.5 }, 'duration'],
    [{ ...bot, dialogId: 'chat5', statusMessageCode: 'THINKING' }, 'statusMessageCode'],
    [{ ...bot, dialogId: 'chat5', statusMessageCode: 'imbot_agent_action_thinking' }, 'statusMessageCode'],
    [{ ...bot }, 'dialogId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatInputActionNotify, input, field)
  })
})
