import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { idSchema, positiveIntegerSchema } from './schemas.ts'

describe('idSchema', () => {
  it('accepts every positive safe integer, as a number or its decimal string', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (id) => {
        expect(v.parse(idSchema, id)).toBe(id)
        expect(v.parse(idSchema, String(id))).toBe(id)
      }),
    )
  })

  it('refuses anything else', () => {
    const notAnId = fc.oneof(
      fc.integer({ max: 0 }),
      fc.double().filter((n) => !Number.isSafeInteger(n)),
      fc.string().filter((s) => !/^[1-9]\d*$/.test(s) || !Number.isSafeInteger(Number(s))),
      fc.constantFrom(null, undefined, true, {}, [], '0', '012', ' 1', '1e3', '9007199254740993'),
    )
    fc.assert(
      fc.property(notAnId, (value) => {
        expect(v.safeParse(idSchema, value).success).toBe(false)
      }),
    )
  })
})

describe('positiveIntegerSchema', () => {
  it('accepts positive integers only', () => {
    expect(v.parse(positiveIntegerSchema, 39)).toBe(39)
    for (const bad of [0, -1, 1.5, '39', Number.NaN]) expect(v.safeParse(positiveIntegerSchema, bad).success).toBe(false)
  })
})
