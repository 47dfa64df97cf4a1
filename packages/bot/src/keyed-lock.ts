/** Turns per key in this process: what {@link keyedLock} returns. */
export interface KeyedLock {
  /** Resolves once `key` is held (after every earlier holder let go), with the function that lets go (once; later calls do nothing). */
  lock(key: string): Promise<() => Promise<void>>
  /** How many keys are held or waited for now: a key nobody holds takes no memory. */
  readonly size: number
}

/**
 * A lock per key in this process's memory: the callers of `lock(key)` take turns in the order they
 * called, and callers of other keys do not wait. Each key's queue is a chain of promises, dropped
 * when its last holder lets go. The in-process half of `SessionStore.lock` (see `memorySessionStore`).
 *
 * @example
 * ```ts
 * import { keyedLock } from './keyed-lock.ts'
 *
 * const locks = keyedLock()
 * const release = await locks.lock('portal|42|chat7')
 * try {
 *   // read, change and write what `key` guards
 * } finally {
 *   await release()
 * }
 * ```
 */
export function keyedLock(): KeyedLock {
  /** Per key, the promise that settles when its last holder so far lets go. */
  const tails: Map<string, Promise<void>> = new Map()
  return {
    lock: async (key) => {
      const previous = tails.get(key) ?? Promise.resolve()
      let letGo = (): void => undefined
      const turn: Promise<void> = new Promise((resolve) => {
        letGo = resolve
      })
      const tail = previous.then(() => turn)
      tails.set(key, tail)
      await previous
      let released = false
      return () => {
        if (!released) {
          released = true
          letGo()
          // Nobody queued after this holder: the key's queue goes.
          if (tails.get(key) === tail) tails.delete(key)
        }
        return Promise.resolve()
      }
    },
    get size() {
      return tails.size
    },
  }
}
