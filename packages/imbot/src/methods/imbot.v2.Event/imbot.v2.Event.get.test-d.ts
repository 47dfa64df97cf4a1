import { describe, expectTypeOf, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imV2EventGet } from '../im.v2.Event/im.v2.Event.get.ts'
import type { imbotV2EventGet } from './imbot.v2.Event.get.ts'

declare const get: Binding<typeof imbotV2EventGet>

describe('api.v2.Event.get types', () => {
  it('resolves to the same batch as api.im.v2.Event.get, and needs botId', () => {
    type Batch = Awaited<ReturnType<Binding<typeof imV2EventGet>>>
    expectTypeOf(get).returns.resolves.toEqualTypeOf<Batch>()
    // @ts-expect-error botId is required on imbot.v2.Event.get
    void get({ offset: 1000 })
  })
})
