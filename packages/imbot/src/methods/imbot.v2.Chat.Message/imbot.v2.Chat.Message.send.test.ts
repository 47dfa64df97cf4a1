import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot, recordingClient } from '../../../test/descriptors.ts'
import { imbotV2ChatMessageSend } from './imbot.v2.Chat.Message.send.ts'

const uuid = '5f0c1c1e-0000-4000-8000-000000000001'

describe('imbot.v2.Chat.Message.send', () => {
  const params = (input: unknown) => v.safeParse(imbotV2ChatMessageSend.params, input)

  it('refuses an empty message before the server answers EMPTY_MESSAGE', async () => {
    await expectInvalid(imbotV2ChatMessageSend, { ...bot, dialogId: 'chat5' }, 'fields')
    await expectInvalid(imbotV2ChatMessageSend, { ...bot, dialogId: 'chat5', fields: {} }, 'fields.message')
    await expectInvalid(imbotV2ChatMessageSend, { ...bot, dialogId: 'chat5', fields: { message: '  \n ' } }, 'fields.message')
    await expectInvalid(imbotV2ChatMessageSend, { ...bot, dialogId: 'chat5', fields: { attach: [] } }, 'fields.message')
    await expectInvalid(imbotV2ChatMessageSend, { ...bot, dialogId: 'chat5', fields: { forwardIds: {} } }, 'fields.message')
    await expectInvalid(
      imbotV2ChatMessageSend,
      { ...bot, dialogId: 'chat5', fields: { keyboard: [{ TEXT: 'Open', LINK: 'https://example.com' }] } },
      'fields.message',
    )
  })

  it('accepts text, an attachment or a forward as content', () => {
    expect(params({ ...bot, dialogId: 'chat5', fields: { message: 'Hi' } }).success).toBe(true)
    expect(params({ ...bot, dialogId: 'chat5', fields: { attach: [{ MESSAGE: 'Block' }] } }).success).toBe(true)
    expect(params({ ...bot, dialogId: 5, fields: { forwardIds: { [uuid]: 785 } } }).success).toBe(true)
  })

  it('sends v2 booleans as JSON booleans and keeps the other fields', () => {
    const fields = { message: 'Hi', system: 'Y', urlPreview: 'N', replyId: 785, templateId: uuid, skipConnector: true }
    expect(v.parse(imbotV2ChatMessageSend.params, { ...bot, dialogId: 'chat5', fields })).toEqual({
      ...bot,
      dialogId: 'chat5',
      fields: { ...fields, system: true, urlPreview: false, skipConnector: true },
    })
  })

  it('refuses text over 20,000 characters, a non-UUID template, more than 100 forwards and unknown fields', async () => {
    const chat = { ...bot, dialogId: 'chat5' }
    await expectInvalid(imbotV2ChatMessageSend, { ...chat, fields: { message: 'x'.repeat(20_001) } }, 'fields.message')
    await expectInvalid(imbotV2ChatMessageSend, { ...chat, fields: { message: 'Hi', templateId: 'tpl-1' } }, 'fields.templateId')
    const forwardIds = Object.fromEntries(Array.from({ length: 101 }, (_, index) => [`uuid-${String(index)}`, index + 1]))
    await expectInvalid(imbotV2ChatMessageSend, { ...chat, fields: { forwardIds } }, 'fields.forwardIds')
    await expectInvalid(imbotV2ChatMessageSend, { ...chat, fields: { message: 'Hi', menu: [] } }, 'fields.menu')
    await expectInvalid(imbotV2ChatMessageSend, { ...chat, fields: { message: 'Hi', system: 'yes' } }, 'fields.system')
    await expectInvalid(imbotV2ChatMessageSend, { ...chat, fields: { message: 'Hi', replyId: 0 } }, 'fields.replyId')
  })

  it('resolves to { id, uuidMap } with numbers, and {} for an empty map', () => {
    const result = (input: unknown) => v.parse(imbotV2ChatMessageSend.result, input)
    expect(result({ id: '789', uuidMap: { [uuid]: '790' } })).toEqual({ id: 789, uuidMap: { [uuid]: 790 } })
    expect(result({ id: 789, uuidMap: [] })).toEqual({ id: 789, uuidMap: {} })
    expect(result({ id: 789 })).toEqual({ id: 789, uuidMap: {} })
    expect(v.safeParse(imbotV2ChatMessageSend.result, { id: 'abc', uuidMap: {} }).success).toBe(false)
  })

  it('refuses invalid params before sending: Chat.Message.send without botId', async () => {
    await expectInvalid(imbotV2ChatMessageSend, { dialogId: 'chat5', fields: { message: 'Hi' } }, 'botId')
  })
})

describe('a round trip through the client', () => {
  it('sends the normalized params and resolves to the normalized result', async () => {
    const { client, bodies } = recordingClient({ id: '790', uuidMap: [] })
    const sent = await client.call(imbotV2ChatMessageSend, { ...bot, dialogId: 'chat5', fields: { message: 'Hi', urlPreview: 'N' } })
    expect(sent).toEqual({ id: 790, uuidMap: {} })
    expect(bodies).toEqual([{ ...bot, dialogId: 'chat5', fields: { message: 'Hi', urlPreview: false } }])
  })
})
