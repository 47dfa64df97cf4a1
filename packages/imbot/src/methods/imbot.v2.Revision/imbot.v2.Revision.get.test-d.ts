import { describe, it } from 'vitest'
import type { Binding } from '../../bindings.ts'
import type { imbotV2RevisionGet } from './imbot.v2.Revision.get.ts'

declare const get: Binding<typeof imbotV2RevisionGet>

describe('api.v2.Revision.get types', () => {
  it('needs no params', () => {
    void get()
  })
})
