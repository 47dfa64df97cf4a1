import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2EventGet } from './imbot.v2.Event.get.ts'

describe('imbot.v2.Event.get', () => {
  it('accepts offset 0 or more, limit 1..1000, withUserEvents as a flag', async () => {
    expect(v.parse(imbotV2EventGet.params, { ...bot, offset: 0, limit: 1000, withUserEvents: 'Y' })).toEqual({
      ...bot,
      offset: 0,
      limit: 1000,
      withUserEvents: true,
    })
    await expectInvalid(imbotV2EventGet, { ...bot, offset: -1 }, 'offset')
    await expectInvalid(imbotV2EventGet, { ...bot, offset: 1.5 }, 'offset')
  })

  it('reads a batch: ids to numbers, data kept as an object, PHP [] data as {}', () => {
    const batch = v.parse(imbotV2EventGet.result, {
      events: [
        { eventId: '1001', type: 'ONIMBOTV2MESSAGEADD', date: '2025-01-15T10:30:00+02:00', data: { message: { id: 1 } } },
        { eventId: 1002, type: 'ONIMBOTV2DELETE', date: '2025-01-15T10:31:00+02:00', data: [] },
      ],
      nextOffset: '1003',
      hasMore: true,
    })
    expect(batch).toEqual({
      events: [
        { eventId: 1001, type: 'ONIMBOTV2MESSAGEADD', date: '2025-01-15T10:30:00+02:00', data: { message: { id: 1 } } },
        { eventId: 1002, type: 'ONIMBOTV2DELETE', date: '2025-01-15T10:31:00+02:00', data: {} },
      ],
      nextOffset: 1003,
      hasMore: true,
    })
  })

  it('refuses invalid params before sending: Event.get with limit 0', async () => {
    await expectInvalid(imbotV2EventGet, { ...bot, limit: 0 }, 'limit')
  })
})
