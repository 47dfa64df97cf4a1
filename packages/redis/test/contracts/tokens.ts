import type { Tokens, TokenStore } from '@b24bot/transport'
import { expect, it, type TestContext } from 'vitest'

/**
 * Makes the stores of two replicas that share one pair (for a store in memory: the same store twice), holding
 * `initial` when given.
 */
export type MakeTokenStores = (initial?: Tokens) => Promise<readonly [TokenStore, TokenStore]>

type Renew = NonNullable<TokenStore['renew']>

/** The store's `renew`, or the test is skipped, saying why: the optional member has not landed in that store yet. */
function renewOf(store: TokenStore, context: TestContext): Renew {
  if (!store.renew) {
    console.warn('token contract: this TokenStore has no renew() yet, so the renew case is skipped')
    context.skip('the store has no renew() yet')
  }
  return store.renew.bind(store)
}

/** A promise settled from outside, so that a refresh runs exactly as long as a test wants. */
export function gate<T>(): { readonly promise: Promise<T>; open(value: T): void; fail(error: Error): void } {
  let open: (value: T) => void = () => undefined
  let fail: (error: Error) => void = () => undefined
  const promise: Promise<T> = new Promise((resolve, reject) => {
    open = resolve
    fail = reject
  })
  return { promise, open, fail }
}

/** A refresh that records the pair it was given for each run, and answers as `answer` says. */
export function recordedRefresh(answer: (stored: Tokens | undefined) => Promise<Tokens>): {
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

/** Resolves once `check` is true, looking every 5 ms (a store in Redis answers over the network). */
export async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the condition did not come true in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

export const old: Tokens = { accessToken: 'a1', refreshToken: 'r1' }
export const next: Tokens = { accessToken: 'a2', refreshToken: 'r2', expires: 1_800_000_000 }
export const live = (): AbortSignal => new AbortController().signal

/**
 * What every `TokenStore` with `renew` does: `memoryTokenStore` for one process, a shared store for replicas.
 */
export function tokenContract(make: MakeTokenStores): void {
  it('reads back what was set', async () => {
    const [store] = await make()
    expect(await store.get()).toBeUndefined()
    await store.set(next)
    expect(await store.get()).toEqual(next)
  })

  it('runs refresh once for concurrent renewals of one expired token on two replicas, and gives every caller the new pair', async (context) => {
    const [first, second] = await make(old)
    const renew = [renewOf(first, context), renewOf(second, context)] as const
    const answer = gate<Tokens>()
    const { refresh, runs } = recordedRefresh(() => answer.promise)
    const renewals = Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? renew[0] : renew[1])('a1', refresh, live()))
    await until(() => runs.length > 0)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(runs).toEqual([old])
    answer.open(next)
    const pairs = await Promise.all(renewals)
    for (const pair of pairs) expect(pair).toEqual(next)
    expect(runs).toEqual([old])
    expect(await first.get()).toEqual(next)
    expect(await second.get()).toEqual(next)
  })

  it('gives the stored pair without refreshing when its access token is not the expired one', async (context) => {
    const [, second] = await make(next)
    const { refresh, runs } = recordedRefresh(() => Promise.resolve({ accessToken: 'a3', refreshToken: 'r3' }))
    expect(await renewOf(second, context)('a1', refresh, live())).toEqual(next)
    expect(runs).toEqual([])
    expect(await second.get()).toEqual(next)
  })

  it('refreshes from nothing when nothing is stored yet, and stores the pair', async (context) => {
    const [first, second] = await make()
    const { refresh, runs } = recordedRefresh(() => Promise.resolve(next))
    expect(await renewOf(first, context)('a0', refresh, live())).toEqual(next)
    expect(runs).toEqual([undefined])
    expect(await second.get()).toEqual(next)
  })

  it('stores nothing when refresh throws, gives that caller the error, and lets the next one try again', async (context) => {
    const [first, second] = await make(old)
    const failing = recordedRefresh(() => Promise.reject(new Error('token endpoint down')))
    await expect(renewOf(first, context)('a1', failing.refresh, live())).rejects.toThrow('token endpoint down')
    expect(await second.get()).toEqual(old)
    const working = recordedRefresh(() => Promise.resolve(next))
    expect(await renewOf(second, context)('a1', working.refresh, live())).toEqual(next)
    expect(working.runs).toEqual([old])
    expect(await first.get()).toEqual(next)
  })

  it("ends a waiting renewal with its signal's reason; the refresh under way completes and is stored", async (context) => {
    const [first, second] = await make(old)
    const answer = gate<Tokens>()
    const { refresh, runs } = recordedRefresh(() => answer.promise)
    const holding = renewOf(first, context)('a1', refresh, live())
    await until(() => runs.length === 1)
    const waiting = new AbortController()
    const waiter = renewOf(second, context)('a1', refresh, waiting.signal)
    const reason = new Error('the caller gave up')
    waiting.abort(reason)
    await expect(waiter).rejects.toBe(reason)
    answer.open(next)
    expect(await holding).toEqual(next)
    expect(runs).toEqual([old])
    expect(await second.get()).toEqual(next)
  })

  it('ends at once, refreshing nothing, when the signal has already aborted', async (context) => {
    const [first] = await make(old)
    const { refresh, runs } = recordedRefresh(() => Promise.resolve(next))
    const reason = new Error('aborted before')
    await expect(renewOf(first, context)('a1', refresh, AbortSignal.abort(reason))).rejects.toBe(reason)
    expect(runs).toEqual([])
    expect(await first.get()).toEqual(old)
  })
}
