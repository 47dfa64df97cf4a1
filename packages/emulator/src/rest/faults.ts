import type { Injection } from './records.ts'

/** An injection with the number of calls it still intercepts. */
export type PendingInjection = Injection & { remaining: number }

/**
 * The REST layer's scripted faults (`portal.inject`): replies, delays and connection resets for the
 * next matching calls, taken by the REST pipeline and the token endpoint before they run anything.
 */
export class Injections {
  /** The injections not yet used up, in the order they were added. */
  readonly pending: PendingInjection[] = []

  /** Adds an injection; returns a function that cancels it. */
  add(injection: Injection): () => void {
    const entry = { ...injection, remaining: injection.times ?? 1 }
    this.pending.push(entry)
    return () => {
      const index = this.pending.indexOf(entry)
      if (index !== -1) this.pending.splice(index, 1)
    }
  }

  /**
   * Takes the first injection that matches `method`, counting it down. With `named`, only an injection
   * that names the method matches (the token endpoint, `oauth/token`, takes no injection meant for any method).
   */
  take(method: string, named = false): Injection | undefined {
    const index = this.pending.findIndex((entry) =>
      entry.method === undefined ? !named : entry.method.toLowerCase() === method.toLowerCase(),
    )
    const entry = this.pending[index]
    if (!entry) return undefined
    entry.remaining -= 1
    if (entry.remaining <= 0) this.pending.splice(index, 1)
    return entry
  }
}
