import { describe, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imV2EventSubscribe } from './im.v2.Event.subscribe.ts'

declare const subscribe: Binding<typeof imV2EventSubscribe>

describe('api.im.v2.Event.subscribe types', () => {
  it('needs no params', () => {
    void subscribe()
  })
})
