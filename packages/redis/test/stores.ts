import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { startRedisServer, type RedisServer } from './redis-server.ts'

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

/**
 * A redis-server of its own for the describe block it is called in, and the stores its tests open: after each
 * test the stores are closed and the server is running again (a test may have stopped it); after the block it stops.
 */
export function redisForTests(): { readonly server: RedisServer; readonly stores: ReturnType<typeof closer> } {
  let server: RedisServer | undefined
  const stores = closer()
  beforeAll(async () => {
    server = await startRedisServer()
  })
  afterEach(async () => {
    await server?.start()
    await stores.closeAll()
  })
  afterAll(async () => {
    await server?.stop()
  })
  return {
    get server() {
      if (server === undefined) throw new Error('redisForTests: the server is started in beforeAll; use it inside tests')
      return server
    },
    stores,
  }
}
