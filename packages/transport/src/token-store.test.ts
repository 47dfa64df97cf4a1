import { describe, expect, it } from 'vitest'
import { memoryTokenStore } from './index.ts'

describe('memoryTokenStore', () => {
  it('holds nothing, or the initial pair, until a new one is set', async () => {
    expect(await memoryTokenStore().get()).toBeUndefined()
    const store = memoryTokenStore({ accessToken: 'a1', refreshToken: 'r1' })
    expect(await store.get()).toEqual({ accessToken: 'a1', refreshToken: 'r1' })
    await store.set({ accessToken: 'a2', refreshToken: 'r2', expires: 1_800_000_000 })
    expect(await store.get()).toEqual({ accessToken: 'a2', refreshToken: 'r2', expires: 1_800_000_000 })
  })

  it('keeps one pair per store', async () => {
    const first = memoryTokenStore()
    const second = memoryTokenStore()
    await first.set({ accessToken: 'a', refreshToken: 'r' })
    expect(await second.get()).toBeUndefined()
  })
})
