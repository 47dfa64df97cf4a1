import { describe, expect, it } from 'vitest'
import { memoryTokenStore, type Tokens, type TokenStore } from './index.ts'

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

/** The store's `renew`: `memoryTokenStore()` always has one. */
function renewOf(store: TokenStore): NonNullable<TokenStore['renew']> {
  if (!store.renew) throw new Error('the store has no renew()')
  return store.renew.bind(store)
}

/** A promise settled from outside, so that a refresh runs exactly as long as a test wants. */
function gate<T>(): { readonly promise: Promise<T>; open(value: T): void; fail(error: Error): void } {
  let open: (value: T) => void = () => undefined
  let fail: (error: Error) => void = () => undefined
  const promise: Promise<T> = new Promise((resolve, reject) => {
    open = resolve
    fail = reject
  })
  return { promise, open, fail }
}

/** A refresh that records the pair it was given for each run, and answers as `answer` says. */
function recordedRefresh(answer: (stored: Tokens | undefined) => Promise<Tokens>): {
  readonly refresh: (stored: Tokens | undefined) => Promise<Tokens>
  readonly runs: (Tokens | undefined)[]
} {
  const runs: (Tokens | undefined)[] = []
  return {
    runs,
    refresh: (stored) => {
      runs.push(stored)
      return answer(stored)
    },
  }
}

/** Lets every renewal in line get as far as it can: no clock, only the queue of pending callbacks. */
const drain = () => new Promise((resolve) => setImmediate(resolve))

const old: Tokens = { accessToken: 'a1', refreshToken: 'r1' }
const next: Tokens = { accessToken: 'a2', refreshToken: 'r2', expires: 1_800_000_000 }
const live = () => new AbortController().signal

describe('memoryTokenStore().renew', () => {
  it('runs refresh once for concurrent renewals of one expired token, with the stored pair, and gives every caller the pair it stored', async () => {
    const store = memoryTokenStore(old)
    const answer = gate<Tokens>()
    const { refresh, runs } = recordedRefresh(() => answer.promise)
    const renewals = Array.from({ length: 20 }, () => renewOf(store)('a1', refresh, live()))
    await drain()
    expect(runs).toEqual([old])
    answer.open(next)
    const pairs = await Promise.all(renewals)
    for (const pair of pairs) expect(pair).toBe(next)
    expect(runs).toEqual([old])
    expect(await store.get()).toBe(next)
  })

  it('gives the stored pair without refreshing when its access token is not the expired one', async () => {
    const store = memoryTokenStore(next)
    const { refresh, runs } = recordedRefresh(() => Promise.resolve({ accessToken: 'a3', refreshToken: 'r3' }))
    await expect(renewOf(store)('a1', refresh, live())).resolves.toBe(next)
    expect(runs).toEqual([])
    expect(await store.get()).toBe(next)
  })

  it('refreshes from nothing when nothing is stored yet, and stores the pair', async () => {
    const store = memoryTokenStore()
    const { refresh, runs } = recordedRefresh(() => Promise.resolve(next))
    await expect(renewOf(store)('a1', refresh, live())).resolves.toBe(next)
    expect(runs).toEqual([undefined])
    expect(await store.get()).toBe(next)
  })

  it('stores nothing when refresh throws, gives that caller the error, and lets the next caller refresh again', async () => {
    const store = memoryTokenStore(old)
    const refused = new Error('invalid_grant')
    const failing = recordedRefresh(() => Promise.reject(refused))
    const working = recordedRefresh(() => Promise.resolve(next))
    const first = renewOf(store)('a1', failing.refresh, live())
    // Came while the first ran: it waits, finds the pair still expired, and refreshes itself.
    const second = renewOf(store)('a1', working.refresh, live())
    await expect(first).rejects.toBe(refused)
    expect(await second).toBe(next)
    expect(failing.runs).toEqual([old])
    expect(working.runs).toEqual([old])
    expect(await store.get()).toBe(next)
  })

  it("ends a waiting caller with its signal's reason when it aborts, while the refresh it waited for finishes and is stored", async () => {
    const store = memoryTokenStore(old)
    const answer = gate<Tokens>()
    const holder = recordedRefresh(() => answer.promise)
    const waiter = recordedRefresh(() => Promise.resolve({ accessToken: 'a3', refreshToken: 'r3' }))
    const running = renewOf(store)('a1', holder.refresh, live())
    const controller = new AbortController()
    const waiting = renewOf(store)('a1', waiter.refresh, controller.signal)
    const reason = new Error('the caller gave up')
    controller.abort(reason)
    await expect(waiting).rejects.toBe(reason)
    answer.open(next)
    await expect(running).resolves.toBe(next)
    expect(await store.get()).toBe(next)
    expect(holder.runs).toEqual([old])
    expect(waiter.runs).toEqual([])
  })

  it('never runs the refresh of a caller that stopped waiting, even when its turn comes with the pair still expired', async () => {
    const store = memoryTokenStore(old)
    const answer = gate<Tokens>()
    const holder = recordedRefresh(() => answer.promise)
    const gaveUp = recordedRefresh(() => Promise.resolve({ accessToken: 'a3', refreshToken: 'r3' }))
    const after = recordedRefresh(() => Promise.resolve(next))
    const running = renewOf(store)('a1', holder.refresh, live())
    const controller = new AbortController()
    const waiting = renewOf(store)('a1', gaveUp.refresh, controller.signal)
    const later = renewOf(store)('a1', after.refresh, live())
    controller.abort(new Error('the caller gave up'))
    await expect(waiting).rejects.toThrow('the caller gave up')
    answer.fail(new Error('503'))
    await expect(running).rejects.toThrow('503')
    await expect(later).resolves.toBe(next)
    expect(gaveUp.runs).toEqual([])
    expect(after.runs).toEqual([old])
  })

  it('ends the wait of the caller whose refresh runs when its signal aborts; the refresh goes on, and its pair is stored and handed over', async () => {
    const store = memoryTokenStore(old)
    const answer = gate<Tokens>()
    const holder = recordedRefresh(() => answer.promise)
    const controller = new AbortController()
    const running = renewOf(store)('a1', holder.refresh, controller.signal)
    await drain()
    const reason = new Error('time is up')
    controller.abort(reason)
    await expect(running).rejects.toBe(reason)
    // The next caller waits for the refresh still on its way, not for a refresh of its own.
    const another = recordedRefresh(() => Promise.resolve({ accessToken: 'a3', refreshToken: 'r3' }))
    const waiting = renewOf(store)('a1', another.refresh, live())
    answer.open(next)
    await expect(waiting).resolves.toBe(next)
    expect(another.runs).toEqual([])
    expect(await store.get()).toBe(next)
  })

  it('refuses at once, refreshing nothing, with a signal that already aborted', async () => {
    const store = memoryTokenStore(old)
    const { refresh, runs } = recordedRefresh(() => Promise.resolve(next))
    const reason = new Error('aborted before')
    await expect(renewOf(store)('a1', refresh, AbortSignal.abort(reason))).rejects.toBe(reason)
    expect(runs).toEqual([])
    expect(await store.get()).toBe(old)
  })
})
