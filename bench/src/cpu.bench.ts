import { imbot } from '@b24bot/imbot'
import { createClient, unlimited } from '@b24bot/transport'
import ky from 'ky'
import { expect, it } from 'vitest'
import { record } from './results.ts'

/*
 * C. Client CPU per call over a stubbed network (decision 033). Against a real portal a call costs tens
 * of milliseconds of network and the portal admits 2 requests a second: what counts is requests per
 * call (bench A) and the CPU the client spends per call, not calls per second on loopback. Here `fetch`
 * is a stub that answers at once with a canned `Response` (no socket; JSON with its `content-length`,
 * as the emulator answers; a `batch` gets a result for every command), so the client alone is measured:
 * `process.cpuUsage()` (user + system) per call, after a warm-up, over rounds that alternate the
 * contenders, the median kept.
 *
 * Contenders: raw `fetch` + `response.json()`; a bare `ky.post` + `.json()`; ours, one call at a time
 * (`autoBatch: false`); ours auto-batched (2,000 concurrent calls, in batch requests of 50).
 * Targets: ours single <= bare ky + 150 µs; ours auto-batched <= 150 µs.
 */

const webhookUrl = 'https://portal.example/rest/1/bench-secret/'
const params = { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 } as const
const time = {
  start: 1_700_000_000.1,
  finish: 1_700_000_000.2,
  duration: 0.1,
  processing: 0.05,
  date_start: '2023-11-14T22:13:20+00:00',
  date_finish: '2023-11-14T22:13:20+00:00',
  operating: 0,
}
const single = JSON.stringify({ result: { ID: 7 }, time })

/** An answer as the portal (and the emulator) sends it: JSON, with its length. */
function answer(body: string): Response {
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) },
  })
}

/** A `batch` answer: a result for every key of `cmd`, as the portal gives it. */
function batchAnswer(body: string): Response {
  const { cmd } = JSON.parse(body) as { readonly cmd: Readonly<Record<string, string>> }
  const result: Record<string, unknown> = {}
  const times: Record<string, unknown> = {}
  for (const key of Object.keys(cmd)) {
    result[key] = { ID: 7 }
    times[key] = time
  }
  return answer(JSON.stringify({ result: { result, result_error: [], result_total: [], result_next: [], result_time: times }, time }))
}

/** Requests the stub answered, `batch` ones included. */
const sent = { requests: 0 }

/** The network, stubbed: the canned answer at once, no socket. Reads the body only of a `batch`. */
const stub: typeof fetch = async (input, init) => {
  sent.requests += 1
  const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input
  if (!url.endsWith('/batch')) return answer(single)
  // Only ky sends a batch here, as a Request.
  const request = input instanceof Request ? input : new Request(input, init)
  return batchAnswer(await request.text())
}

/** Client CPU (user + system) per call, in µs, of `round`, which makes `calls` calls. */
async function cpuPerCall(calls: number, round: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage()
  await round()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / calls
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/** `count` calls, one after another. */
async function sequential(count: number, call: () => Promise<unknown>): Promise<void> {
  for (let index = 0; index < count; index += 1) await call()
}

it('C: client CPU per call over a stubbed network: the stub alone, bare ky, ours single, ours auto-batched', async () => {
  const url = `${webhookUrl}imbot.chat.get`
  const body = JSON.stringify(params)
  const bareKy = ky.create({ fetch: stub, retry: 0 })
  const alone = imbot(createClient({ webhookUrl, ky: ky.create({ fetch: stub }), autoBatch: false, limiter: unlimited }))
  const batched = imbot(createClient({ webhookUrl, ky: ky.create({ fetch: stub }), limiter: unlimited }))

  const calls = 2000
  const contenders = {
    raw: () =>
      sequential(calls, async () => {
        const response = await stub(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        return response.json()
      }),
    ky: () => sequential(calls, () => bareKy.post(url, { json: params }).json()),
    single: () => sequential(calls, () => alone.chat.get(params)),
    batched: () => Promise.all(Array.from({ length: calls }, () => batched.chat.get(params))),
  }
  type Name = keyof typeof contenders

  // Every contender answers as it should: ours single with one request per call, auto-batched with one per 50.
  const singleBefore = sent.requests
  expect(await alone.chat.get(params)).toBe(7)
  expect(sent.requests - singleBefore).toBe(1)
  const requestsBefore = sent.requests
  const all = await Promise.all(Array.from({ length: calls }, () => batched.chat.get(params)))
  expect(all.every((id) => id === 7)).toBe(true)
  const batchedRequests = sent.requests - requestsBefore
  expect(batchedRequests).toBe(calls / 50)

  // Warm-up (the JIT), then rounds alternating the contenders: the machine's speed drifts, each gets the same drift.
  for (const run of Object.values(contenders)) {
    await run()
    await run()
  }
  const rounds = 9
  const samples: Record<Name, number[]> = { raw: [], ky: [], single: [], batched: [] }
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, run] of Object.entries(contenders) as [Name, () => Promise<unknown>][])
      samples[name].push(await cpuPerCall(calls, run))
  }
  const cpu = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, Number(median(values).toFixed(1))])) as Record<
    Name,
    number
  >

  record('C1: CPU µs/call, the stub fetch + json() (the floor)', { cpuUsPerCall: cpu.raw })
  record('C2: CPU µs/call, bare ky.post + json()', { cpuUsPerCall: cpu.ky })
  record('C3: CPU µs/call, ours single (autoBatch off)', {
    cpuUsPerCall: cpu.single,
    overKy: Number((cpu.single - cpu.ky).toFixed(1)),
    target: '<= bare ky + 150 µs',
  })
  record('C4: CPU µs/call, ours auto-batched (2,000 concurrent)', {
    cpuUsPerCall: cpu.batched,
    requests: batchedRequests,
    target: '<= 150 µs, 50 calls per request',
  })

  expect(cpu.single).toBeLessThanOrEqual(cpu.ky + 150)
  expect(cpu.batched).toBeLessThanOrEqual(150)
})
