import type { SessionStore } from '@b24bot/bot'
import { expect, it, type TestContext } from 'vitest'

/** Makes the stores of two replicas that share sessions (for a store in memory: the same store twice). */
export type MakeSessionStores = () => Promise<readonly [SessionStore, SessionStore]>

type Lock = NonNullable<SessionStore['lock']>

/** The store's `lock`, or the test is skipped, saying why: the optional member has not landed in that store yet. */
function lockOf(store: SessionStore, context: TestContext): Lock {
  if (!store.lock) {
    console.warn('session contract: this SessionStore has no lock() yet, so the lock case is skipped')
    context.skip('the store has no lock() yet')
  }
  return store.lock.bind(store)
}

/** Lets every pending callback and a few network round trips happen. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50))

/** What every `SessionStore` with `lock` does: `memorySessionStore` for one process, a shared store for replicas. */
export function sessionContract(make: MakeSessionStores): void {
  it('keeps a copy of each session per key, and forgets it on delete', async () => {
    const [first, second] = await make()
    expect(await first.get('portal|42|chat7')).toBeUndefined()
    const session = { step: 'ask-name', answers: ['a', 'b'], nested: { count: 1 } }
    await first.set('portal|42|chat7', session)
    session.step = 'changed after set'
    expect(await second.get('portal|42|chat7')).toEqual({ step: 'ask-name', answers: ['a', 'b'], nested: { count: 1 } })
    expect(await second.get('portal|42|chat8')).toBeUndefined()
    await second.delete('portal|42|chat7')
    expect(await first.get('portal|42|chat7')).toBeUndefined()
  })

  it('lets holders of one key take turns, in any replica, and never holds other keys', async (context) => {
    const [first, second] = await make()
    const [lockHere, lockThere] = [lockOf(first, context), lockOf(second, context)]
    const releaseFirst = await lockHere('dialog')
    const taken: string[] = []
    const secondTurn = lockThere('dialog').then((release) => {
      taken.push('second')
      return release
    })
    const thirdTurn = lockHere('dialog').then((release) => {
      taken.push('third')
      return release
    })
    const other = await lockThere('another dialog')
    await settle()
    expect(taken).toEqual([])
    await releaseFirst()
    const next = await Promise.race([secondTurn, thirdTurn])
    await settle()
    expect(taken).toHaveLength(1)
    await next()
    const last = taken[0] === 'second' ? await thirdTurn : await secondTurn
    expect(taken.sort()).toEqual(['second', 'third'])
    await last()
    await other()
    // Everyone let go: the key is free again, and letting go twice does nothing.
    const again = await lockHere('dialog')
    await releaseFirst()
    await again()
  })

  it('loses no write when two replicas change one session at once under the lock', async (context) => {
    const [first, second] = await make()
    const replicas = [
      { store: first, lock: lockOf(first, context) },
      { store: second, lock: lockOf(second, context) },
    ] as const
    await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const { store, lock } = index % 2 === 0 ? replicas[0] : replicas[1]
        const release = await lock('counter')
        try {
          const session = (await store.get('counter')) ?? {}
          await new Promise((resolve) => setTimeout(resolve, 1))
          await store.set('counter', { count: Number(session.count ?? 0) + 1 })
        } finally {
          await release()
        }
      }),
    )
    expect(await first.get('counter')).toEqual({ count: 20 })
  })
}
