import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imV2EventGet } from './im.v2.Event.get.ts'

declare const get: Binding<typeof imV2EventGet>

describe('api.im.v2.Event.get types', () => {
  it('takes optional offset/limit and resolves to { events, nextOffset, hasMore }', () => {
    type Batch = Awaited<ReturnType<typeof get>>
    expectTypeOf<Batch['nextOffset']>().toEqualTypeOf<number>()
    expectTypeOf<Batch['hasMore']>().toEqualTypeOf<boolean>()
    expectTypeOf<Batch['events'][number]>().toExtend<{ eventId: number; type: string; date: string; data: Record<string, unknown> }>()
    void get()
  })
})
