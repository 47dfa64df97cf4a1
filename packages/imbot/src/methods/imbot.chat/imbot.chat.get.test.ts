import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import example from '@b24bot/spec-fixtures/examples/imbot.chat.get.json' with { type: 'json' }
import { imbotChatGet } from './imbot.chat.get.ts'

const params = (input: unknown) => v.safeParse(imbotChatGet.params, input)
const result = (input: unknown) => v.safeParse(imbotChatGet.result, input)

describe('imbot.chat.get params', () => {
  it('accept the documented example', () => {
    expect(params(example.params)).toMatchObject({ success: true, output: { ENTITY_TYPE: 'CHAT', ENTITY_ID: '13' } })
  })

  it('accept any non-empty entity type with a non-empty string or numeric id, and an optional BOT_ID', () => {
    const entityId = fc.oneof(fc.string({ minLength: 1 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))
    const botId = fc.option(fc.integer({ min: 1 }), { nil: undefined })
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), entityId, botId, (ENTITY_TYPE, ENTITY_ID, BOT_ID) => {
        const input = BOT_ID === undefined ? { ENTITY_TYPE, ENTITY_ID } : { ENTITY_TYPE, ENTITY_ID, BOT_ID }
        expect(params(input)).toMatchObject({ success: true, output: input })
      }),
    )
  })

  it.each([
    [{ ENTITY_ID: 13 }, 'ENTITY_TYPE'],
    [{ ENTITY_TYPE: 'CHAT' }, 'ENTITY_ID'],
    [{ ENTITY_TYPE: '', ENTITY_ID: 13 }, 'ENTITY_TYPE'],
    [{ ENTITY_TYPE: 'CHAT', ENTITY_ID: '' }, 'ENTITY_ID'],
    [{ ENTITY_TYPE: 7, ENTITY_ID: 13 }, 'ENTITY_TYPE'],
    [{ ENTITY_TYPE: 'CHAT', ENTITY_ID: null }, 'ENTITY_ID'],
    [{ ENTITY_TYPE: 'CHAT', ENTITY_ID: Number.NaN }, 'ENTITY_ID'],
    [{ ENTITY_TYPE: 'CHAT', ENTITY_ID: 1, BOT_ID: 0 }, 'BOT_ID'],
    [{ ENTITY_TYPE: 'CHAT', ENTITY_ID: 1, BOT_ID: 1.5 }, 'BOT_ID'],
    [{ ENTITY_TYPE: 'CHAT', ENTITY_ID: 1, BOT_ID: '39' }, 'BOT_ID'],
    [{ ENTITY_TYPE: 'CHAT', ENTITY_ID: 1, ENTITY_TYP: 'x' }, 'ENTITY_TYP'],
  ])('refuse %j, naming %s', (input, field) => {
    const parsed = params(input)
    expect(parsed.success).toBe(false)
    expect(parsed.issues?.map((issue) => v.getDotPath(issue))).toContain(field)
  })
})

describe('imbot.chat.get result', () => {
  it('reads the documented example', () => {
    expect(result(example.response.result)).toMatchObject({ success: true, output: 2725 })
  })

  it('normalizes { ID }, a bare id and a numeric string to a number, and keeps null', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (id) => {
        for (const shape of [{ ID: id }, { ID: String(id) }, id, String(id)])
          expect(result(shape)).toMatchObject({ success: true, output: id })
      }),
    )
    expect(result(null)).toMatchObject({ success: true, output: null })
  })

  it.each([[{ ID: 'abc' }], ['abc'], [0], [false], [{}], [[]], [undefined]])('refuses %j', (raw) => {
    expect(result(raw).success).toBe(false)
  })
})
