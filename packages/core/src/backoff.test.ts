import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoff } from './backoff.ts'

describe('backoff', () => {
  const bounds = { baseDelay: 500, maxDelay: 30_000 }

  it('doubles per failure, between half of the delay and all of it', () => {
    expect([1, 2, 3, 4].map((failures) => backoff(failures, bounds, 0))).toEqual([250, 500, 1000, 2000])
    expect([1, 2, 3, 4].map((failures) => backoff(failures, bounds, 0.999_999))).toEqual([500, 1000, 2000, 4000])
  })

  it('never exceeds maxDelay, never goes below half of it once capped, whatever the failures and the draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (failures, random) => {
        const delay = backoff(failures, bounds, random)
        const ceiling = Math.min(bounds.maxDelay, bounds.baseDelay * 2 ** (failures - 1))
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2))
        expect(delay).toBeLessThanOrEqual(ceiling)
      }),
    )
  })
})
