import type { OffsetStore } from '@b24bot/bot'
import { expect, it, type TestContext } from 'vitest'

/** Makes the stores of two replicas that poll the same bots (for a store in memory: the same store twice). */
export type MakeOffsetStores = () => Promise<readonly [OffsetStore, OffsetStore]>

type Acquire = NonNullable<OffsetStore['acquire']>
type Lease = NonNullable<Awaited<ReturnType<Acquire>>>

/** The lease `acquire` answered, which the test expects to be there. */
function taken(lease: Lease | undefined): Lease {
  if (lease === undefined) throw new Error('expected the lease to be taken')
  return lease
}

/** The store's `acquire`, or the test is skipped, saying why: the optional member has not landed in that store yet. */
function acquireOf(store: OffsetStore, context: TestContext): Acquire {
  if (!store.acquire) {
    console.warn('offset contract: this OffsetStore has no acquire() yet, so the lease case is skipped')
    context.skip('the store has no acquire() yet')
  }
  return store.acquire.bind(store)
}

/**
 * What every `OffsetStore` with `acquire` does: `memoryOffsetStore` for one process, a shared store for replicas.
 * Whether `set` may move an offset back is not part of it (memory keeps what it is given; Redis keeps the highest).
 */
export function offsetContract(make: MakeOffsetStores): void {
  it('keeps an offset per key', async () => {
    const [first, second] = await make()
    expect(await first.get('|42')).toBeUndefined()
    await first.set('|42', 17)
    await first.set('|42', 230)
    expect(await second.get('|42')).toBe(230)
    expect(await second.get('|43')).toBeUndefined()
  })

  it('gives one replica at a time the lease of a bot, until it lets go', async (context) => {
    const [first, second] = await make()
    const [acquireHere, acquireThere] = [acquireOf(first, context), acquireOf(second, context)]
    const lease = taken(await acquireHere('|42', 10_000))
    expect(await acquireThere('|42', 10_000)).toBeUndefined()
    expect(await acquireHere('|42', 10_000)).toBeUndefined()
    expect(await acquireThere('|43', 10_000)).toBeDefined()
    expect(await lease.renew()).toBe(true)
    expect(await acquireThere('|42', 10_000)).toBeUndefined()
    await lease.release()
    expect(await lease.renew()).toBe(false)
    const successor = taken(await acquireThere('|42', 10_000))
    // The old lease's release leaves the new holder's lease alone.
    await lease.release()
    expect(await acquireHere('|42', 10_000)).toBeUndefined()
    expect(await successor.renew()).toBe(true)
  })

  it('lets a lease lapse after its ttl, when another replica may take it and the old one learns it lost it', async (context) => {
    const [first, second] = await make()
    const lapsed = taken(await acquireOf(first, context)('|42', 60))
    await new Promise((resolve) => setTimeout(resolve, 120))
    const successor = taken(await acquireOf(second, context)('|42', 10_000))
    expect(await lapsed.renew()).toBe(false)
    expect(await successor.renew()).toBe(true)
  })

  it('extends a lease by its ttl on renew', async (context) => {
    const [first, second] = await make()
    const lease = taken(await acquireOf(first, context)('|42', 150))
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 60))
      expect(await lease.renew()).toBe(true)
    }
    expect(await acquireOf(second, context)('|42', 150)).toBeUndefined()
  })

  it('refuses a ttl that is not a positive number of milliseconds', async (context) => {
    const [first] = await make()
    await expect(acquireOf(first, context)('|42', 0)).rejects.toThrow(RangeError)
    await expect(acquireOf(first, context)('|42', Number.NaN)).rejects.toThrow(RangeError)
  })
}
