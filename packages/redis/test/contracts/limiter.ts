import type { BucketRule, LimiterStore } from '@b24bot/transport'
import { expect, it } from 'vitest'

/**
 * Makes a store for one test. `now` is the caller's clock the store reads for `hold` and `heldUntil` (a store that
 * needs none ignores it); the other operations are given the time.
 */
export type MakeLimiterStore = (now: () => number) => LimiterStore | Promise<LimiterStore>

const standard: BucketRule = { burst: 50, perSecond: 2 }

/**
 * What every `LimiterStore` does, for the same calls: `memoryLimiterStore` defines it; a shared store answers exactly
 * the same slots and holds. The cases of @b24bot/transport's own tests, and a few more on margin and rounding.
 */
export function limiterContract(make: MakeLimiterStore): void {
  it('answers slots: a burst at once, then one per interval', async () => {
    const store = await make(() => 1_000)
    const slots: number[] = []
    for (let i = 0; i < 53; i++) slots.push(await store.reserve('portal', standard, 1_000))
    expect(slots.slice(0, 50)).toEqual(Array.from({ length: 50 }, () => 1_000))
    expect(slots.slice(50)).toEqual([1_500, 2_000, 2_500])
  })

  it('keeps one bucket per key', async () => {
    const store = await make(() => 0)
    const rule = { burst: 1, perSecond: 1 }
    expect([await store.reserve('a', rule, 0), await store.reserve('b', rule, 0), await store.reserve('a', rule, 0)]).toEqual([0, 0, 1_000])
  })

  it('drains between calls: a bucket left alone long enough has room for a whole burst again', async () => {
    const store = await make(() => 0)
    const rule = { burst: 2, perSecond: 4 }
    expect([
      await store.reserve('portal', rule, 0),
      await store.reserve('portal', rule, 0),
      await store.reserve('portal', rule, 0),
    ]).toEqual([0, 0, 250])
    expect([
      await store.reserve('portal', rule, 10_000),
      await store.reserve('portal', rule, 10_000),
      await store.reserve('portal', rule, 10_000),
    ]).toEqual([10_000, 10_000, 10_250])
  })

  it('waits the margin once, for the request that fills the bucket to the brim', async () => {
    const store = await make(() => 0)
    const rule = { burst: 2, perSecond: 2, margin: 50 }
    const slots: number[] = []
    for (let i = 0; i < 4; i++) slots.push(await store.reserve('portal', rule, 0))
    expect(slots).toEqual([0, 50, 550, 1_050])
  })

  it('rounds slots up to whole milliseconds and counts the bucket from the rounded slot', async () => {
    const store = await make(() => 0)
    const rule = { burst: 1, perSecond: 3 }
    const slots: number[] = []
    for (let i = 0; i < 4; i++) slots.push(await store.reserve('portal', rule, 0))
    expect(slots).toEqual([0, 334, 668, 1_002])
  })

  it('counts a filled bucket as full: the next slot is one interval away', async () => {
    const store = await make(() => 10_000)
    await store.fill('portal', standard, 10_000)
    expect(await store.reserve('portal', standard, 10_000)).toBe(10_500)
    expect(await store.reserve('portal', standard, 10_000)).toBe(11_000)
  })

  it('keeps a bucket already fuller than full when filled', async () => {
    const store = await make(() => 0)
    const rule = { burst: 1, perSecond: 1 }
    for (let i = 0; i < 4; i++) await store.reserve('portal', rule, 0) // empty at 4 000
    await store.fill('portal', rule, 0) // full would be empty at 1 000: the later time stays
    expect(await store.reserve('portal', rule, 0)).toBe(4_000)
  })

  it('undoes the reservation last handed out exactly, and not a slot already passed', async () => {
    const store = await make(() => 0)
    const rule = { burst: 1, perSecond: 1 }
    await store.reserve('portal', rule, 0)
    const second = await store.reserve('portal', rule, 0)
    expect(second).toBe(1_000)
    await store.release('portal', rule, second, 100)
    expect(await store.reserve('portal', rule, 100)).toBe(1_000)
    await store.release('portal', rule, 1_000, 1_000)
    expect(await store.reserve('portal', rule, 1_000)).toBe(2_000)
  })

  it('keeps an earlier slot counted: the bucket may empty between it and a later one', async () => {
    // A burst of 1: 0, 1 000 (given back), 2 000; the next is 3 000, not 2 000 again (which the portal would refuse).
    const store = await make(() => 0)
    const single = { burst: 1, perSecond: 1 }
    expect([
      await store.reserve('portal', single, 0),
      await store.reserve('portal', single, 1),
      await store.reserve('portal', single, 1),
    ]).toEqual([0, 1_000, 2_000])
    await store.release('portal', single, 1_000, 1)
    expect(await store.reserve('portal', single, 3)).toBe(3_000)
    // A burst of 2, where rounding up to whole milliseconds lets the bucket empty between 335 and 1 001.
    const rounded = { burst: 2, perSecond: 3 }
    const slots: number[] = []
    for (const at of [1, 1, 1, 2, 2]) slots.push(await store.reserve('other', rounded, at))
    expect(slots).toEqual([1, 1, 335, 668, 1_001])
    await store.release('other', rounded, 335, 3)
    expect(await store.reserve('other', rounded, 3)).toBe(1_335)
  })

  it('undoes once: after an undo, or a fill, a release changes nothing until the next reserve', async () => {
    const store = await make(() => 0)
    const rule = { burst: 1, perSecond: 1 }
    expect([
      await store.reserve('portal', rule, 0),
      await store.reserve('portal', rule, 0),
      await store.reserve('portal', rule, 0),
    ]).toEqual([0, 1_000, 2_000])
    await store.release('portal', rule, 2_000, 0)
    await store.release('portal', rule, 1_000, 0)
    expect(await store.reserve('portal', rule, 0)).toBe(2_000)
    await store.release('portal', rule, 2_000, 0)
    expect(await store.reserve('portal', rule, 0)).toBe(2_000)

    await store.reserve('filled', rule, 0)
    const last = await store.reserve('filled', rule, 0)
    await store.fill('filled', rule, 0)
    await store.release('filled', rule, last, 0)
    expect(await store.reserve('filled', rule, 0)).toBe(2_000)
  })

  it('ignores a release for a bucket it never saw', async () => {
    const store = await make(() => 0)
    const rule = { burst: 1, perSecond: 1 }
    await store.release('portal', rule, 5_000, 0)
    expect(await store.reserve('portal', rule, 0)).toBe(0)
  })

  it('holds methods per key, keeping the furthest hold', async () => {
    const store = await make(() => 0)
    await store.hold('portal', 'imbot.chat.get', 5_000)
    await store.hold('portal', 'imbot.chat.get', 3_000)
    expect(await store.heldUntil('portal', ['imbot.chat.get'])).toBe(5_000)
    expect(await store.heldUntil('portal', ['imbot.bot.list', 'imbot.chat.get'])).toBe(5_000)
    expect(await store.heldUntil('portal', ['imbot.bot.list'])).toBe(0)
    expect(await store.heldUntil('portal', [])).toBe(0)
    expect(await store.heldUntil('other', ['imbot.chat.get'])).toBe(0)
    await store.hold('portal', 'imbot.bot.list', 7_500)
    expect(await store.heldUntil('portal', ['imbot.bot.list', 'imbot.chat.get'])).toBe(7_500)
  })
}
