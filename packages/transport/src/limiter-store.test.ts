import { PortalClock, PortalLimits } from '@b24bot/emulator'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { memoryLimiterStore, type BucketRule } from './index.ts'

const standard: BucketRule = { burst: 50, perSecond: 2 }

/** Whether the portal's leaky bucket (the emulator's) admits requests sent at `times`, in order. */
function admitsAll(rule: BucketRule, times: readonly number[]): boolean {
  const clock = new PortalClock({ frozen: true, start: 0 })
  const portal = new PortalLimits(clock)
  portal.configure({ requests: { burst: rule.burst, drainPerSecond: rule.perSecond } })
  return [...times]
    .sort((a, b) => a - b)
    .every((time) => {
      clock.advance(Math.ceil(time) - clock.now())
      return portal.admitRequest()
    })
}

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

  it('undoes the reservation last handed out exactly, and not a slot already passed', async () => {
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

  it('keeps an earlier slot counted: the bucket may empty between it and a later one, and no two calls may share a time', async () => {
    // A burst of 1 (the bucket is empty before each slot): 0, 1 000 (given back), 2 000; the next is 3 000, not 2 000 again.
    const single = { burst: 1, perSecond: 1 }
    const store = memoryLimiterStore()
    expect([
      await store.reserve('portal', single, 0),
      await store.reserve('portal', single, 1),
      await store.reserve('portal', single, 1),
    ]).toEqual([0, 1_000, 2_000])
    await store.release('portal', single, 1_000, 1)
    expect(await store.reserve('portal', single, 3)).toBe(3_000)
    expect(admitsAll(single, [0, 2_000, 3_000])).toBe(true)
    expect(admitsAll(single, [0, 2_000, 2_000])).toBe(false) // what lowering "empty at" by an interval answered

    // A burst of 2, where the rounding up to whole milliseconds lets the bucket empty between 335 and 1 001.
    const rounded = { burst: 2, perSecond: 3 }
    const other = memoryLimiterStore()
    const slots: number[] = []
    for (const at of [1, 1, 1, 2, 2]) slots.push(await other.reserve('portal', rounded, at))
    expect(slots).toEqual([1, 1, 335, 668, 1_001])
    await other.release('portal', rounded, 335, 3)
    expect(await other.reserve('portal', rounded, 3)).toBe(1_335)
    expect(admitsAll(rounded, [1, 1, 668, 1_001, 1_335])).toBe(true)
    expect(admitsAll(rounded, [1, 1, 668, 1_001, 1_001])).toBe(false)
  })

  it('undoes once: after an undo, or a fill, a release changes nothing until the next reserve', async () => {
    const rule = { burst: 1, perSecond: 1 }
    const store = memoryLimiterStore()
    const slots = [await store.reserve('portal', rule, 0), await store.reserve('portal', rule, 0), await store.reserve('portal', rule, 0)]
    expect(slots).toEqual([0, 1_000, 2_000])
    await store.release('portal', rule, 2_000, 0) // the last: undone
    await store.release('portal', rule, 1_000, 0) // the one before: it stays
    expect(await store.reserve('portal', rule, 0)).toBe(2_000)
    await store.release('portal', rule, 2_000, 0) // the last again, handed out anew: undone
    expect(await store.reserve('portal', rule, 0)).toBe(2_000)

    const filled = memoryLimiterStore()
    await filled.reserve('portal', rule, 0)
    const last = await filled.reserve('portal', rule, 0)
    await filled.fill('portal', rule, 0)
    await filled.release('portal', rule, last, 0)
    expect(await filled.reserve('portal', rule, 0)).toBe(2_000)
  })

  it('gives back the last slot as if it was never asked for, after any requests at any times', async () => {
    const rule = fc.record({
      burst: fc.integer({ min: 1, max: 8 }),
      perSecond: fc.constantFrom(1, 2, 3, 7, 10),
      margin: fc.constantFrom(0, 50, 0.5),
    })
    const gaps = fc.array(fc.integer({ min: 0, max: 1_500 }), { maxLength: 20 })
    await fc.assert(
      fc.asyncProperty(rule, gaps, fc.integer({ min: 0, max: 1_500 }), gaps, async (plan, before, gap, after) => {
        const undone = memoryLimiterStore()
        const never = memoryLimiterStore()
        let now = 0
        for (const pause of before) {
          now += pause
          expect(await undone.reserve('portal', plan, now)).toBe(await never.reserve('portal', plan, now))
        }
        const slot = await undone.reserve('portal', plan, now)
        now += Math.min(gap, Math.max(0, Math.ceil(slot) - now - 1)) // still ahead, when it was
        await undone.release('portal', plan, slot, now)
        if (slot <= now) return // not ahead: it stays counted
        for (const pause of after) {
          now += pause
          expect(await undone.reserve('portal', plan, now)).toBe(await never.reserve('portal', plan, now))
        }
      }),
    )
  })

  it('never lets the bucket the portal computes run over, for any requests, cancellations and refusals', async () => {
    type Step =
      | { readonly kind: 'reserve'; readonly gap: number }
      | { readonly kind: 'release'; readonly gap: number; readonly pick: number }
      | { readonly kind: 'fill'; readonly gap: number }
    const rule = fc.record({ burst: fc.integer({ min: 1, max: 8 }), perSecond: fc.constantFrom(1, 2, 3, 4, 5, 7, 10) })
    const gap = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1_500 }))
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('reserve' as const), gap }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('release' as const), gap, pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('fill' as const), gap }) },
    )
    await fc.assert(
      fc.asyncProperty(rule, fc.array(step, { minLength: 1, maxLength: 60 }), async (plan, steps) => {
        const store = memoryLimiterStore()
        let now = 0
        /** The slots handed out and not given back: the requests that go. */
        const sent: number[] = []
        for (const step of steps) {
          now += step.gap
          switch (step.kind) {
            case 'reserve':
              sent.push(await store.reserve('portal', plan, now))
              break
            case 'fill':
              await store.fill('portal', plan, now)
              break
            case 'release': {
              // A call gives back only a slot still ahead, as portalLimiter does.
              const ahead = sent.flatMap((slot, index) => (slot > now ? [index] : []))
              if (ahead.length === 0) break
              const [slot] = sent.splice(ahead[step.pick % ahead.length]!, 1)
              await store.release('portal', plan, slot!, now)
              break
            }
          }
        }
        expect(admitsAll(plan, sent)).toBe(true)
      }),
      { numRuns: 300 },
    )
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
