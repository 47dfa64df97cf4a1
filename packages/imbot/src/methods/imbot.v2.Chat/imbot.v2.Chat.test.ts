import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { v2ChatSchema } from '../../schemas/v2-entities.ts'

describe('the v2 Chat object', () => {
  const chat = (extra: Record<string, unknown>) => v.parse(v2ChatSchema, { id: 5, dialogId: 'chat5', ...extra })

  it('turns parentChatId 0 (events) and null (methods) into null, and keeps a real parent', () => {
    expect(chat({ parentChatId: 0, parentMessageId: 0 })).toMatchObject({ parentChatId: null, parentMessageId: null })
    expect(chat({ parentChatId: null })).toMatchObject({ parentChatId: null })
    expect(chat({ parentChatId: '12', parentMessageId: 99 })).toMatchObject({ parentChatId: 12, parentMessageId: 99 })
  })

  it('turns textFieldEnabled "Y"/"N" (and a boolean from newer portals) into a boolean', () => {
    expect(chat({ textFieldEnabled: 'Y' }).textFieldEnabled).toBe(true)
    expect(chat({ textFieldEnabled: 'N' }).textFieldEnabled).toBe(false)
    expect(chat({ textFieldEnabled: false }).textFieldEnabled).toBe(false)
  })

  it('parses lastMessageViews from its JSON string, and takes an object as is', () => {
    const views = { messageId: 789, firstViewers: [], countOfViewers: 0 }
    expect(chat({ lastMessageViews: JSON.stringify(views) }).lastMessageViews).toEqual(views)
    expect(chat({ lastMessageViews: views }).lastMessageViews).toEqual(views)
    expect(chat({ lastMessageViews: '' }).lastMessageViews).toEqual({})
    expect(v.safeParse(v2ChatSchema, { id: 5, dialogId: 'chat5', lastMessageViews: '{not json' }).success).toBe(false)
  })

  it('normalizes ids, keeps unknown fields, and reads PHP empty arrays as objects', () => {
    expect(chat({ id: '5', managerList: ['1', 2], entityLink: [], permissions: [], hasManageCapability: true })).toMatchObject({
      id: 5,
      managerList: [1, 2],
      entityLink: {},
      permissions: {},
      hasManageCapability: true,
    })
  })

  it('refuses a chat without id or dialogId', () => {
    expect(v.safeParse(v2ChatSchema, { dialogId: 'chat5' }).success).toBe(false)
    expect(v.safeParse(v2ChatSchema, { id: 5 }).success).toBe(false)
  })
})
