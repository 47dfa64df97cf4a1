import * as files from 'node:fs/promises'
import type { OffsetStore } from '../offset-store.ts'

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT'
}

/** The offsets a store file holds: a JSON object of non-negative integers by key. */
function parseOffsets(text: string, path: string): Map<string, number> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new Error(
      `b24bot: the offset file ${path} is not JSON; fix or delete it (deleting it re-delivers the events not yet acknowledged)`,
      { cause: error },
    )
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`b24bot: the offset file ${path} does not hold a JSON object of offsets`)
  const offsets: Map<string, number> = new Map()
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
      throw new Error(`b24bot: the offset file ${path} holds ${JSON.stringify(value)} for ${JSON.stringify(key)}, not an offset`)
    offsets.set(key, value)
  }
  return offsets
}

/**
 * An {@link OffsetStore} in a JSON file (`{ "portal|botId": offset }`), for one process at a time.
 * Every `set` writes a temporary file beside it, flushes it to disk and renames it over the old one,
 * so a crash at any moment leaves either the old offsets or the new ones, never a torn file. The
 * directory is created when missing. Node (and runtimes with `node:fs`) only: from `@b24bot/bot/node`.
 *
 * It gives out no polling lease (no `acquire`): every runner given it polls, so run one process per
 * file. Several replicas of one bot need a shared store with leases (`redisOffsetStore` of `@b24bot/redis`).
 *
 * @param path Where the file lives, e.g. `./data/offsets.json`.
 * @throws When the file exists but does not hold offsets (on the first `get`): fix or delete it.
 *
 * @example
 * ```ts
 * import { startPolling } from '@b24bot/bot'
 * import { fileOffsetStore } from '@b24bot/bot/node'
 *
 * await startPolling(bot, { client, botId: 42, offsets: fileOffsetStore('./data/offsets.json') })
 * ```
 */
export function fileOffsetStore(path: string): OffsetStore {
  let loaded: Promise<Map<string, number>> | undefined
  /** Writes go one after another, each with every offset known when it starts. */
  let writing: Promise<void> = Promise.resolve()
  let writes = 0

  function load(): Promise<Map<string, number>> {
    loaded ??= (async () => {
      try {
        return parseOffsets(await files.readFile(path, 'utf8'), path)
      } catch (error) {
        if (isMissing(error)) return new Map<string, number>()
        throw error
      }
    })()
    // A failed read is tried again next time rather than remembered.
    loaded.catch(() => (loaded = undefined))
    return loaded
  }

  async function write(offsets: ReadonlyMap<string, number>): Promise<void> {
    const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
    if (slash > 0) await files.mkdir(path.slice(0, slash), { recursive: true })
    const temporary = `${path}.${String(process.pid)}-${String(++writes)}.tmp`
    const handle = await files.open(temporary, 'w')
    try {
      await handle.writeFile(`${JSON.stringify(Object.fromEntries(offsets), null, 2)}\n`, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    try {
      await files.rename(temporary, path)
    } catch (error) {
      await files.rm(temporary, { force: true })
      throw error
    }
  }

  return {
    get: async (key) => (await load()).get(key),
    set: async (key, offset) => {
      if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`An offset is a non-negative integer, not ${String(offset)}`)
      const offsets = await load()
      offsets.set(key, offset)
      const done = writing.then(() => write(offsets))
      // The next write waits for this one, whether it worked or not.
      writing = done.catch(() => undefined)
      await done
    },
  }
}
