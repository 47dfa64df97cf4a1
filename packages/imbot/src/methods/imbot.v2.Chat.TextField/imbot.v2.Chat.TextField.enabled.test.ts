import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatTextFieldEnabled } from './imbot.v2.Chat.TextField.enabled.ts'

describe('imbot.v2.Chat.TextField.enabled', () => {
  it('sends enabled as a boolean', () => {
    expect(v.safeParse(imbotV2ChatTextFieldEnabled.params, { ...bot, dialogId: 'chat5', enabled: 'N' })).toMatchObject({
      success: true,
      output: { enabled: false },
    })
    expect(v.safeParse(imbotV2ChatTextFieldEnabled.params, { ...bot, dialogId: '1' }).success).toBe(true)
  })

  it.each([
    [{ ...bot, dialogId: 'chat5', enabled: 'yes' }, 'enabled'],
    [{ ...bot, dialogId: 'chat5', enabled: 1 }, 'enabled'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatTextFieldEnabled, input, field)
  })
})
