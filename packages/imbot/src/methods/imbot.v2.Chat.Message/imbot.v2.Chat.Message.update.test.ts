import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2ChatMessageDelete } from './imbot.v2.Chat.Message.delete.ts'
import { imbotV2ChatMessageUpdate } from './imbot.v2.Chat.Message.update.ts'

describe('imbot.v2.Chat.Message.update', () => {
  it('sends urlPreview as "Y"/"N", from a boolean or a string', () => {
    const parse = (urlPreview: unknown) => v.parse(imbotV2ChatMessageUpdate.params, { ...bot, messageId: 789, fields: { urlPreview } })
    expect(parse(true).fields.urlPreview).toBe('Y')
    expect(parse(false).fields.urlPreview).toBe('N')
    expect(parse('N').fields.urlPreview).toBe('N')
  })

  it('accepts keyboard "N" to remove the keyboard', () => {
    expect(v.parse(imbotV2ChatMessageUpdate.params, { ...bot, messageId: 789, fields: { keyboard: 'N' } }).fields.keyboard).toBe('N')
  })

  it('refuses fields update does not have and a missing fields', async () => {
    await expectInvalid(imbotV2ChatMessageUpdate, { ...bot, messageId: 789, fields: { system: true } }, 'fields.system')
    await expectInvalid(
      imbotV2ChatMessageUpdate,
      { ...bot, messageId: 789, fields: { message: 'x', urlPreview: 'maybe' } },
      'fields.urlPreview',
    )
    await expectInvalid(imbotV2ChatMessageUpdate, { ...bot, messageId: 789 }, 'fields')
  })

  it('unwraps { result: true }', () => {
    expect(v.parse(imbotV2ChatMessageUpdate.result, { result: true })).toBe(true)
    expect(v.parse(imbotV2ChatMessageDelete.result, true)).toBe(true)
  })

  it('refuses invalid params before sending: Chat.Message.update without messageId', async () => {
    await expectInvalid(imbotV2ChatMessageUpdate, { ...bot, fields: { message: 'Hi' } }, 'messageId')
  })
})
