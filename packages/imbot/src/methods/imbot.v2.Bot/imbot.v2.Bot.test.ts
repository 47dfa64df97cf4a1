import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { v2BotSchema, v2UserSchema } from '../../schemas/v2-entities.ts'

describe('the v2 Bot and User objects', () => {
  it('reads a bot and a user with string ids as numbers', () => {
    expect(v.parse(v2BotSchema, { id: '456', code: 'b', countUser: '3' })).toMatchObject({ id: 456, countUser: 3 })
    expect(v.parse(v2UserSchema, { id: '1', idle: false, absent: '2025-01-01T00:00:00+00:00', phones: [] })).toMatchObject({
      id: 1,
      idle: false,
      phones: {},
    })
  })

  it('refuses a bot with an unknown event mode and a user without id', () => {
    expect(v.safeParse(v2BotSchema, { id: 1, code: 'b', eventMode: 'push' }).success).toBe(false)
    expect(v.safeParse(v2UserSchema, { name: 'x' }).success).toBe(false)
  })
})
