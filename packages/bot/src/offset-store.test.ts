import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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
