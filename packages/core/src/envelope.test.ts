import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { errorEnvelopeSchema, successEnvelopeSchema } from './envelope.ts'

const time = {
  start: 1771929873,
  finish: 1771929873.459722,
  duration: 0.45972204208374023,
  processing: 0,
  date_start: '2026-02-24T13:44:33+01:00',
  date_finish: '2026-02-24T13:44:33+01:00',
  operating_reset_at: 1771930473,
  operating: 0,
}

describe('successEnvelopeSchema', () => {
  it('reads the documented success body, integer or float times alike', () => {
    const envelope = v.parse(successEnvelopeSchema, { result: { ID: 2725 }, time })
    expect(envelope.result).toEqual({ ID: 2725 })
    expect(envelope.time.operating_reset_at).toBe(1771930473)
    expect(v.parse(successEnvelopeSchema, { result: null, next: 50, total: 120, time: { ...time, start: 1.5 } })).toMatchObject({
      next: 50,
      total: 120,
    })
  })

  it('needs result and time', () => {
    expect(v.safeParse(successEnvelopeSchema, { time }).success).toBe(false)
    expect(v.safeParse(successEnvelopeSchema, { result: 1 }).success).toBe(false)
  })
})

describe('errorEnvelopeSchema', () => {
  it('keeps extra keys and tolerates a missing description', () => {
    expect(v.parse(errorEnvelopeSchema, { error: 'ERROR_ARGUMENT', error_description: 'bad', argument: 'ID' })).toEqual({
      error: 'ERROR_ARGUMENT',
      error_description: 'bad',
      argument: 'ID',
    })
    expect(v.parse(errorEnvelopeSchema, { error: 'X' })).toEqual({ error: 'X', error_description: '' })
    expect(v.safeParse(errorEnvelopeSchema, { error: '' }).success).toBe(false)
    expect(v.parse(errorEnvelopeSchema, { error: 100, error_description: 'Could not find value for parameter {id}' })).toEqual({
      error: '100',
      error_description: 'Could not find value for parameter {id}',
    })
    expect(v.safeParse(errorEnvelopeSchema, { error: 1.5 }).success).toBe(false)
    expect(v.safeParse(errorEnvelopeSchema, { result: 1 }).success).toBe(false)
  })
})
