import { PortalClock, PortalLimits } from '@b24bot/emulator'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { memoryLimiterStore, type BucketRule } from './index.ts'

const standard: BucketRule = { burst: 50, perSecond: 2 }

describe('memoryLimiterStore', () => {
  it('answers slots: a burst at once, then one per interval', async () => {
    const store = memoryLimiterStore()
    const slots: number[] = []
    for (let i = 0; i < 53; i++) slots.push(await store.reserve('portal', standard, 1_000))
    expect(slots.slice(0, 50)).toEqual(Array.from({ length: 50 }, () => 1_000))
    expect(slots.slice(50)).toEqual([1_500, 2_000, 2_500])
  })

  it('keeps one bucket per key', async () => {
    const store = memoryLimiterStore()
    const rule = { burst: 1, perSecond: 1 }
    expect([await store.reserve('a', rule, 0), await store.reserve('b', rule, 0), await store.reserve('a', rule, 0)]).toEqual([0, 0, 1_000])
  })

  it('counts a filled bucket as full: the next slot is one interval away', async () => {
    const store = memoryLimiterStore()
    await store.fill('portal', standard, 10_000)
    expect(await store.reserve('portal', standard, 10_000)).toBe(10_500)
    expect(await store.reserve('portal', standard, 10_000)).toBe(11_000)
  })

  it('takes back a slot still ahead, and not one already passed', async () => {
    const store = memoryLimiterStore()
    const rule = { burst: 1, perSecond: 1 }
    await store.reserve('portal', rule, 0)
    const second = await store.reserve('portal', rule, 0)
    expect(second).toBe(1_000)
    await store.release('portal', rule, second, 100)
    expect(await store.reserve('portal', rule, 100)).toBe(1_000)
    await store.release('portal', rule, 1_000, 1_000)
    expect(await store.reserve('portal', rule, 1_000)).toBe(2_000)
  })

  it('holds methods per key, keeping the furthest hold', async () => {
    const store = memoryLimiterStore()
    await store.hold('portal', 'imbot.chat.get', 5_000)
    await store.hold('portal', 'imbot.chat.get', 3_000)
    expect(await store.heldUntil('portal', ['imbot.chat.get'])).toBe(5_000)
    expect(await store.heldUntil('portal', ['imbot.bot.list', 'imbot.chat.get'])).toBe(5_000)
    expect(await store.heldUntil('portal', ['imbot.bot.list'])).toBe(0)
    expect(await store.heldUntil('other', ['imbot.chat.get'])).toBe(0)
  })

  it('never gives a slot the portal would refuse, for any requests at any times', async () => {
    const rule = fc.record({ burst: fc.integer({ min: 1, max: 60 }), perSecond: fc.constantFrom(1, 2, 4, 5, 10) })
    const gaps = fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 150 })
    await fc.assert(
      fc.asyncProperty(rule, gaps, async (plan, pauses) => {
        const store = memoryLimiterStore()
        const clock = new PortalClock({ frozen: true, start: 0 })
        const portal = new PortalLimits(clock)
        portal.configure({ requests: { burst: plan.burst, drainPerSecond: plan.perSecond } })
        let now = 0
        const slots: number[] = []
        for (const pause of pauses) slots.push(await store.reserve('portal', plan, (now += pause)))
        for (const slot of [...slots].sort((a, b) => a - b)) {
          clock.advance(Math.ceil(slot) - clock.now())
          expect(portal.admitRequest()).toBe(true)
        }
      }),
    )
  })
})
