import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { imV2EventUnsubscribe } from './im.v2.Event.unsubscribe.ts'

describe('im.v2.Event.unsubscribe', () => {
  it('resolves to the documented value', () => {
    expect(v.parse(imV2EventUnsubscribe.result, { result: true })).toBe(true)
  })

  it('refuses invalid params before sending: im.v2.Event.unsubscribe with a param', async () => {
    await expectInvalid(imV2EventUnsubscribe, { offset: 1 }, 'offset')
  })
})
