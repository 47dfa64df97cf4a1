import { Redis } from 'ioredis'

/** Something with a `close()`: a store, or a client of the tests. */
interface Closable {
  close(): Promise<void>
}

/**
 * The stores and clients a test file opened, closed after each test so no connection outlives it. `track` returns what
 * it is given.
 */
export function closer(): { track<T extends Closable>(store: T): T; client(url: string): Redis; closeAll(): Promise<void> } {
  const open: Closable[] = []
  return {
    track(store) {
      open.push(store)
      return store
    },
    /** A plain ioredis client, to look at or stir what the stores keep. */
    client(url) {
      const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 })
      redis.on('error', () => undefined)
      open.push({
        close: () => {
          redis.disconnect()
          return Promise.resolve()
        },
      })
      return redis
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((store) => store.close()))
    },
  }
}

/** Waits until `check` passes (returns without throwing), trying every 20 ms for `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
}

/** A unique name per call, so tests on one server never share a key. */
let counter = 0
export function unique(name: string): string {
  counter += 1
  return `${name}-${String(counter)}-${String(process.pid)}`
}
