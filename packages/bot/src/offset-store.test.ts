import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fileOffsetStore } from './node.ts'
import { memoryOffsetStore } from './offset-store.ts'

describe('memoryOffsetStore', () => {
  it('holds one offset per key, none at first', async () => {
    const store = memoryOffsetStore()
    expect(await store.get('|42')).toBeUndefined()
    await store.set('|42', 1002)
    await store.set('https://b.example|42', 7)
    expect(await store.get('|42')).toBe(1002)
    expect(await store.get('https://b.example|42')).toBe(7)
    expect(await memoryOffsetStore().get('|42')).toBeUndefined()
  })
})

describe('memoryOffsetStore: the polling lease', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('gives the lease to one holder at a time, per key', async () => {
    const store = memoryOffsetStore()
    const lease = await store.acquire!('|42', 1_000)
    expect(lease).toBeDefined()
    expect(await store.acquire!('|42', 1_000)).toBeUndefined()
    // Another bot's lease is another lease.
    expect(await store.acquire!('|43', 1_000)).toBeDefined()
    vi.advanceTimersByTime(999)
    expect(await store.acquire!('|42', 1_000)).toBeUndefined()
  })

  it("lapses after its ttl: another takes it, and the old holder's renew says it is lost", async () => {
    const store = memoryOffsetStore()
    const first = (await store.acquire!('|42', 1_000))!
    vi.advanceTimersByTime(1_000)
    const second = await store.acquire!('|42', 1_000)
    expect(second).toBeDefined()
    expect(await first.renew()).toBe(false)
    // A lost lease lets nothing go: the new holder keeps it.
    await first.release()
    expect(await store.acquire!('|42', 1_000)).toBeUndefined()
    expect(await second!.renew()).toBe(true)
  })

  it('a lease that lapsed is lost even before anyone else takes it', async () => {
    const store = memoryOffsetStore()
    const lease = (await store.acquire!('|42', 1_000))!
    vi.advanceTimersByTime(1_500)
    expect(await lease.renew()).toBe(false)
    expect(await store.acquire!('|42', 1_000)).toBeDefined()
  })

  it('renew extends it by its ttl from now', async () => {
    const store = memoryOffsetStore()
    const lease = (await store.acquire!('|42', 1_000))!
    for (let step = 0; step < 5; step += 1) {
      vi.advanceTimersByTime(800)
      expect(await lease.renew()).toBe(true)
    }
    vi.advanceTimersByTime(999)
    expect(await store.acquire!('|42', 1_000)).toBeUndefined()
    vi.advanceTimersByTime(1)
    expect(await store.acquire!('|42', 1_000)).toBeDefined()
  })

  it('release lets go at once: another takes it without waiting for the ttl, and the released lease does not renew', async () => {
    const store = memoryOffsetStore()
    const lease = (await store.acquire!('|42', 60_000))!
    await lease.release()
    const next = await store.acquire!('|42', 60_000)
    expect(next).toBeDefined()
    expect(await lease.renew()).toBe(false)
    expect(await next!.renew()).toBe(true)
  })

  it('refuses a ttl that is not a positive number of milliseconds', async () => {
    const store = memoryOffsetStore()
    for (const ttl of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) await expect(store.acquire!('|42', ttl)).rejects.toThrow(RangeError)
  })
})

describe('fileOffsetStore', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'b24bot-offsets-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('starts empty without a file, and creates the file and its directory on the first set', async () => {
    const path = join(dir, 'state', 'nested', 'offsets.json')
    const store = fileOffsetStore(path)
    expect(await store.get('|42')).toBeUndefined()
    await store.set('|42', 1002)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ '|42': 1002 })
  })

  it('is read back by a new store (a restarted process), every key kept', async () => {
    const path = join(dir, 'offsets.json')
    const first = fileOffsetStore(path)
    await first.set('https://a.example|1', 10)
    await first.set('https://b.example|1', 20)
    await first.set('https://a.example|1', 11)
    const restarted = fileOffsetStore(path)
    expect(await restarted.get('https://a.example|1')).toBe(11)
    expect(await restarted.get('https://b.example|1')).toBe(20)
    expect(await restarted.get('https://c.example|1')).toBeUndefined()
  })

  it('writes through a temporary file and a rename: no temporary file stays, concurrent sets land in order', async () => {
    const path = join(dir, 'offsets.json')
    const store = fileOffsetStore(path)
    await Promise.all(Array.from({ length: 20 }, async (_, index) => store.set('|1', index + 1)))
    expect(readdirSync(dir)).toEqual(['offsets.json'])
    expect(await fileOffsetStore(path).get('|1')).toBe(20)
  })

  it('gives out no polling lease: it is for one process', () => {
    expect('acquire' in fileOffsetStore(join(dir, 'offsets.json'))).toBe(false)
  })

  it('refuses a file that does not hold offsets, saying what to do, and a value that is not an offset', async () => {
    const path = join(dir, 'offsets.json')
    writeFileSync(path, '{"|1": 5, "|2": ')
    await expect(Promise.resolve(fileOffsetStore(path).get('|1'))).rejects.toThrow(/offsets\.json is not JSON; fix or delete it/)
    writeFileSync(path, '{"|1": -3}')
    await expect(Promise.resolve(fileOffsetStore(path).get('|1'))).rejects.toThrow(/holds -3 for "\|1", not an offset/)
    writeFileSync(path, '[1, 2]')
    await expect(Promise.resolve(fileOffsetStore(path).get('|1'))).rejects.toThrow(/does not hold a JSON object/)

    const store = fileOffsetStore(join(dir, 'other.json'))
    await expect(Promise.resolve(store.set('|1', 1.5))).rejects.toThrow(RangeError)
    await expect(Promise.resolve(store.set('|1', -1))).rejects.toThrow(RangeError)
  })

  it('after any sequence of sets, a new store reads the last offset set for each key', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('|1', '|2', 'https://x.example|1'), fc.nat()), { maxLength: 8 }), async (sets) => {
        const path = join(dir, `property-${String(run++)}.json`)
        const store = fileOffsetStore(path)
        const expected: Map<string, number> = new Map()
        for (const [key, offset] of sets) {
          await store.set(key, offset)
          expected.set(key, offset)
        }
        const reread = fileOffsetStore(path)
        for (const key of ['|1', '|2', 'https://x.example|1']) expect(await reread.get(key)).toBe(expected.get(key))
      }),
      { numRuns: 30 },
    )
  })
})
