import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { imV2EventGet } from './im.v2.Event.get.ts'

describe('im.v2.Event.get', () => {
  it('takes no params at all, and refuses withUserEvents (an imbot.v2 param)', async () => {
    expect(v.parse(imV2EventGet.params, {})).toEqual({})
    await expectInvalid(imV2EventGet, { withUserEvents: true }, 'withUserEvents')
  })

  it('turns the legacy lastEventId into nextOffset = lastEventId + 1', () => {
    expect(v.parse(imV2EventGet.result, { events: [], lastEventId: 2001, hasMore: false })).toEqual({
      events: [],
      nextOffset: 2002,
      hasMore: false,
    })
    expect(v.parse(imV2EventGet.result, { events: [], lastEventId: null, hasMore: false }).nextOffset).toBe(0)
    expect(v.parse(imV2EventGet.result, { events: [], nextOffset: 7, lastEventId: 2001, hasMore: false }).nextOffset).toBe(7)
    expect(v.safeParse(imV2EventGet.result, { events: [], hasMore: false }).success).toBe(false)
  })

  it('refuses invalid params before sending: im.v2.Event.get with limit 1001', async () => {
    await expectInvalid(imV2EventGet, { limit: 1001 }, 'limit')
  })
})
