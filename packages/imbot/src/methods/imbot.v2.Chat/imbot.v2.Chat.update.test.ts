import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatUpdate } from './imbot.v2.Chat.update.ts'

describe('imbot.v2.Chat.update', () => {
  it.each([
    [{ ...bot, dialogId: 'chat5' }, 'fields'],
    [{ ...bot, dialogId: 'chat5', fields: { color: 'Mint' } }, 'fields.color'],
    [{ ...bot, dialogId: 'chat5', fields: { name: 'x' } }, 'fields.name'],
    [{ ...bot, fields: { title: 'x' } }, 'dialogId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2ChatUpdate, input, field)
  })

  it('unwraps { result: true }', () => {
    expect(v.safeParse(imbotV2ChatUpdate.params, { ...bot, dialogId: 'chat5', fields: { title: 'T', color: 'azure' } }).success).toBe(true)
    expect(v.parse(imbotV2ChatUpdate.result, { result: true })).toBe(true)
  })
})
