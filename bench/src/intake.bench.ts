import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { Agent, request as httpRequest } from 'node:http'
import { fileURLToPath } from 'node:url'
import { createBot, sameToken } from '@b24bot/bot'
import { encodeForm, type FormInput } from '@b24bot/core'
import qs from 'qs'
import { expect, it } from 'vitest'
import { readEventsSpec } from '@b24bot/spec-fixtures'
import { record } from './results.ts'

/*
 * D. The event intake (issue 11), on a real ONIMBOTMESSAGEADD body (the docs' example): events per
 * second in process (`bot.fetch(new Request(...))`, the event fully read, authenticated, decoded,
 * validated and routed) against a baseline that does `new Request`, `text()`, `qs.parse`, a token
 * compare and a switch; and over loopback HTTP through `toNodeHandler` against `node:http` with the
 * same baseline, each server in its own process, with its CPU time per event. Goals: in process
 * >= 1.0x the baseline; over HTTP >= 0.8x.
 */

const TOKEN = 'bench-intake-token-8d1f2a'
const spec = readEventsSpec() as {
  event: string
  examplePayloads: Record<string, Record<string, unknown>>
}[]
const example = Object.values(spec.find((event) => event.event === 'ONIMBOTMESSAGEADD')?.examplePayloads ?? {})[0] ?? {}
const auth: Record<string, FormInput> = { ...(example.auth as Record<string, FormInput>), application_token: TOKEN }
const body = encodeForm({ ...(example as Record<string, FormInput>), auth })
const url = 'http://bot.example/events'
const headers = { 'content-type': 'application/x-www-form-urlencoded' }

/** Events per second of `handle`, run one after another for `ms`, after a warm-up. */
async function rate(handle: () => Promise<unknown>, ms = 1_000): Promise<number> {
  for (let index = 0; index < 300; index += 1) await handle()
  let count = 0
  const started = performance.now()
  while (performance.now() - started < ms) {
    await handle()
    count += 1
  }
  return count / ((performance.now() - started) / 1000)
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

it('D1: the intake in process: bot.fetch against new Request + text() + qs.parse + compare + switch', async () => {
  let baselineHandled = 0
  let oursHandled = 0
  const bot = createBot({ applicationToken: TOKEN })
  bot.on('ONIMBOTMESSAGEADD', () => {
    oursHandled += 1
  })
  const baseline = async (): Promise<void> => {
    const request = new Request(url, { method: 'POST', headers, body })
    const parsed = qs.parse(await request.text()) as { event?: string; auth?: { application_token?: string } }
    if (!sameToken(parsed.auth?.application_token ?? '', TOKEN)) throw new Error('refused')
    switch (parsed.event) {
      case 'ONIMBOTMESSAGEADD':
        baselineHandled += 1
        break
      default:
        break
    }
  }
  const ours = async (): Promise<void> => {
    const response = await bot.fetch(new Request(url, { method: 'POST', headers, body }))
    if (response.status !== 200) throw new Error(`refused: ${String(response.status)}`)
  }
  const rounds = { baseline: [] as number[], ours: [] as number[] }
  for (let round = 0; round < 5; round += 1) {
    rounds.baseline.push(await rate(baseline))
    rounds.ours.push(await rate(ours))
  }
  const base = median(rounds.baseline)
  const mine = median(rounds.ours)
  record('D1: intake in process, events/s', {
    baseline: Math.round(base),
    ours: Math.round(mine),
    oursVsBaseline: Number((mine / base).toFixed(2)),
    bodyBytes: body.length,
    target: '>= 1.0x the baseline',
  })
  expect(oursHandled).toBeGreaterThan(0)
  expect(baselineHandled).toBeGreaterThan(0)
  expect(mine / base).toBeGreaterThanOrEqual(1)
})

/** A server of `kind` in its own process: its URL, its CPU time and events handled so far, and a stop. */
async function serverProcess(kind: 'ours' | 'baseline') {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./intake-server.mjs', import.meta.url)), kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, INTAKE_TOKEN: TOKEN },
  })
  const [line] = (await once(child.stdout, 'data')) as [Buffer]
  const target = new URL(line.toString().trim())
  const agent = new Agent({ keepAlive: true, maxSockets: 16 })
  const send = (method: 'GET' | 'POST', payload?: string): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const request = httpRequest(
        target,
        { method, agent, headers: payload === undefined ? {} : { ...headers, 'content-length': Buffer.byteLength(payload) } },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })
          })
        },
      )
      request.on('error', reject)
      request.end(payload)
    })
  const usage = async (): Promise<{ cpu: number; handled: number }> =>
    JSON.parse((await send('GET')).text) as { cpu: number; handled: number }
  return { send, usage, stop: () => (agent.destroy(), child.kill()) }
}

/** Events per second through a server, with `concurrency` requests in flight, for `ms`. */
async function load(
  server: Awaited<ReturnType<typeof serverProcess>>,
  ms: number,
  concurrency = 16,
): Promise<{ rate: number; cpuPerEvent: number }> {
  const before = await server.usage()
  let sent = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() - started < ms) {
        const answer = await server.send('POST', body)
        if (answer.status !== 200) throw new Error(`refused: ${String(answer.status)} ${answer.text}`)
        sent += 1
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const after = await server.usage()
  return { rate: sent / seconds, cpuPerEvent: (after.cpu - before.cpu) / Math.max(1, after.handled - before.handled) }
}

it('D2: the intake over loopback HTTP: toNodeHandler against node:http + qs.parse + compare + switch', async () => {
  const servers = { baseline: await serverProcess('baseline'), ours: await serverProcess('ours') }
  try {
    for (const server of Object.values(servers)) await load(server, 500)
    const rounds = { baseline: [] as { rate: number; cpuPerEvent: number }[], ours: [] as { rate: number; cpuPerEvent: number }[] }
    for (let round = 0; round < 3; round += 1) {
      rounds.baseline.push(await load(servers.baseline, 1_500))
      rounds.ours.push(await load(servers.ours, 1_500))
    }
    const rateOf = (list: { rate: number }[]): number => median(list.map((entry) => entry.rate))
    const cpuOf = (list: { cpuPerEvent: number }[]): number => median(list.map((entry) => entry.cpuPerEvent))
    const base = rateOf(rounds.baseline)
    const mine = rateOf(rounds.ours)
    record('D2: intake over loopback HTTP, events/s', {
      baseline: Math.round(base),
      ours: Math.round(mine),
      oursVsBaseline: Number((mine / base).toFixed(2)),
      serverCpuUsPerEvent: `${Math.round(cpuOf(rounds.ours))} vs ${Math.round(cpuOf(rounds.baseline))}`,
      target: '>= 0.8x the node:http baseline',
    })
    expect(mine / base).toBeGreaterThanOrEqual(0.8)
  } finally {
    for (const server of Object.values(servers)) server.stop()
  }
})

it('D3: hostile 1 MB bodies of any shape, unauthenticated: ms of CPU each through bot.fetch', async () => {
  const bot = createBot({ applicationToken: TOKEN, maxBodyBytes: 1_100_000 })
  const megabyte = 1_000_000
  const shapes: Record<string, string> = {
    'a[][][][][][][][]=1 pairs': 'a[][][][][][][][]=1&'.repeat(megabyte / 20),
    '% only': '%'.repeat(megabyte),
    '+ only': '+'.repeat(megabyte),
    'a then [ only': `a${'['.repeat(megabyte)}`,
    '%5B only': '%5B'.repeat(megabyte / 3),
    'encoded keys': '%61%5B%62%5D=1&'.repeat(megabyte / 15),
    'auth[x]=1 pairs': 'auth[x]=1&'.repeat(megabyte / 10),
    'one %E2%82%AC key': `${'%E2%82%AC'.repeat(megabyte / 9)}=1`,
    '+ then the token key': `${'+'.repeat(megabyte)}auth[application_token]=x`,
    'one long value': `event=ONIMBOTMESSAGEADD&data[PARAMS][MESSAGE]=${'%E2%82%AC'.repeat(megabyte / 9)}`,
  }
  const costs: Record<string, number> = {}
  for (const [shape, text] of Object.entries(shapes)) {
    const send = async (): Promise<number> => {
      const request = new Request(url, { method: 'POST', headers, body: text })
      const started = performance.now()
      const response = await bot.fetch(request)
      const spent = performance.now() - started
      if (response.status === 200) throw new Error(`${shape}: accepted`)
      return spent
    }
    for (let index = 0; index < 3; index += 1) await send()
    const times: number[] = []
    for (let index = 0; index < 9; index += 1) times.push(await send())
    costs[shape] = Number(median(times).toFixed(2))
  }
  const worst = Math.max(...Object.values(costs))
  record('D3: hostile 1 MB bodies, ms each', { ...costs, worst, target: '<= 5 ms each, any shape' })
  expect(worst).toBeLessThanOrEqual(5)
})
