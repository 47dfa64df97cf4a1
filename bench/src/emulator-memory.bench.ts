import { Agent, request } from 'node:http'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { startEmulator } from '@b24bot/emulator'
import { expect, it } from 'vitest'
import { record } from './results.ts'

/*
 * F. The emulator's memory over many requests (decision 042): its logs (`portal.requests`, `calls`,
 * `tokenRequests`) are bounded rings of `logSize` entries (default 10 000), so the heap after a full GC
 * stays flat however many requests come. Sends EMULATOR_MEMORY_REQUESTS (default 200,000, about 80 s;
 * `EMULATOR_MEMORY_REQUESTS=1000000` for the million of issue 13, about 7 minutes) cheap calls
 * (`imbot.bot.list` on the webhook) over keep-alive HTTP from this process, CONCURRENCY at a time, and
 * records the heap after GC before, at each tenth, and after. A measurement, not a timed test.
 */

const total = Number(process.env.EMULATOR_MEMORY_REQUESTS ?? 200_000)
const CONCURRENCY = 32

/** A full GC, without starting node with --expose-gc. */
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Heap used after a full GC, in MB. */
function heapAfterGc(): number {
  gc()
  gc()
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10
}

it('F: emulator heap after GC over many requests stays flat (bounded request log)', async () => {
  const emulator = await startEmulator()
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const url = new URL(`${emulator.webhookUrl}imbot.bot.list`)
  const body = '{}'
  const call = () =>
    new Promise<number>((resolve, reject) => {
      const outgoing = request(
        url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (response) => {
          response.resume()
          response.on('end', () => {
            resolve(response.statusCode ?? 0)
          })
          response.on('error', reject)
        },
      )
      outgoing.on('error', reject)
      outgoing.end(body)
    })
  try {
    const rss = () => Math.round(process.memoryUsage().rss / 1024 / 1024)
    const before = heapAfterGc()
    const checkpoints: number[] = []
    const step = Math.max(1, Math.floor(total / 10))
    let sent = 0
    let failed = 0
    const started = performance.now()
    const worker = async () => {
      while (sent < total) {
        sent += 1
        const index = sent
        if ((await call()) !== 200) failed += 1
        if (index % step === 0) checkpoints.push(heapAfterGc())
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    const wallSeconds = (performance.now() - started) / 1000
    const after = heapAfterGc()
    const row = {
      requests: total,
      failed,
      wallSeconds: Math.round(wallSeconds),
      requestsPerSecond: Math.round(total / wallSeconds),
      heapBeforeMb: before,
      heapAtTenthsMb: checkpoints.join(' '),
      heapAfterMb: after,
      rssAfterMb: rss(),
      logLength: emulator.portal.requests.length,
      logSize: emulator.portal.logSize,
    }
    console.log(row)
    record('F: emulator heap after GC over many requests', row)
    expect(failed).toBe(0)
    expect(emulator.portal.requests.length).toBeLessThanOrEqual(emulator.portal.logSize * 1.25)
    expect(emulator.portal.calls.length).toBeLessThanOrEqual(emulator.portal.logSize * 1.25)
    // Flat: once the log is full (by the second tenth), the heap after GC no longer grows with requests.
    expect(after - (checkpoints[1] ?? after)).toBeLessThan(4)
  } finally {
    agent.destroy()
    await emulator.close()
  }
})
