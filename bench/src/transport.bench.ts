import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { B24Hook, ParamsFactory } from '@bitrix24/b24jssdk'
import { limitPresets, startEmulator, type Emulator } from '@b24bot/emulator'
import { botIdentity, imbot } from '@b24bot/imbot'
import { ApiError, createClient, unlimited } from '@b24bot/transport'
import ky from 'ky'
import { generate } from 'selfsigned'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { record } from './results.ts'

/*
 * The transport's speed targets, measured against the emulator over real HTTP:
 * A. 2,000 concurrent `api.message.add` through the bindings, with the portal's limits on (burst 50,
 *    2/s): HTTP requests made, wall time, 503s surfaced. Targets: 40 requests, < 3 s, 0 surfaced.
 * B. Sequential `imbot.chat.get` per second: ours vs a bare `ky.post` of the same request (the target:
 *    >= 0.85x), with a raw `fetch` and @bitrix24/b24jssdk for reference (issue 10, decision 033).
 * B runs the emulator in a child process (a portal is another machine), A in this one.
 * Results are recorded in bench/results.json, with those of the other bench files, and printed as one
 * table at the end of the run (results.ts, global-setup.ts).
 */

let emulator: Emulator
let previousTls: string | undefined

beforeAll(async () => {
  // b24jssdk insists on an https webhook: every contender gets the same TLS emulator.
  const certificate = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  })
  previousTls = process.env.NODE_TLS_REJECT_UNAUTHORIZED
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
  emulator = await startEmulator({ tls: { key: certificate.private, cert: certificate.cert }, limits: { requests: limitPresets.standard } })
})

afterAll(async () => {
  await emulator.close()
  if (previousTls === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previousTls
})

it('A: 2,000 concurrent message.add through the bindings, limits on', async () => {
  const { portal } = emulator
  const bot = portal.createBot({ appId: 'custombench', code: 'bench', name: 'Bench' })
  const chat = portal.createChat({ title: 'Load', ownerId: bot.id })
  const api = imbot(createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ clientId: 'bench' })] }))
  const before = portal.requests.length

  const started = performance.now()
  const settled = await Promise.allSettled(
    Array.from({ length: 2000 }, (_, index) =>
      api.message.add({ BOT_ID: bot.id, DIALOG_ID: `chat${String(chat.id)}`, MESSAGE: `message ${String(index)}` }),
    ),
  )
  const wall = performance.now() - started

  const requests = portal.requests.length - before
  const surfaced503 = settled.filter(
    (outcome) => outcome.status === 'rejected' && ApiError.isInstance(outcome.reason) && outcome.reason.status === 503,
  ).length
  const failed = settled.filter((outcome) => outcome.status === 'rejected').length
  record('A: 2,000 concurrent message.add', {
    requests,
    wallMs: Math.round(wall),
    surfaced503,
    failed,
    target: '40 requests, < 3000 ms, 0 503s',
  })
  expect(failed).toBe(0)
  expect(requests).toBe(40)
  expect(surfaced503).toBe(0)
  expect(wall).toBeLessThan(3000)
})

/** Calls per second of `call`, made one after another for `seconds`, after a short warm-up. */
async function rate(call: () => Promise<unknown>, seconds = 2): Promise<number> {
  for (let index = 0; index < 50; index += 1) await call()
  let count = 0
  const started = performance.now()
  const until = started + seconds * 1000
  while (performance.now() < until) {
    await call()
    count += 1
  }
  return count / ((performance.now() - started) / 1000)
}

/** Starts the TLS emulator in a child process (see emulator-process.mjs) and reads its webhook URL. */
async function emulatorProcess(): Promise<{ readonly webhookUrl: string; readonly stop: () => void }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./emulator-process.mjs', import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [line] = (await once(child.stdout, 'data')) as [Buffer]
  return { webhookUrl: line.toString().trim(), stop: () => child.kill() }
}

/*
 * B measures calls per second over loopback, where a call costs well under a millisecond: it says what
 * a call costs next to the HTTP layer under it, not what a user of a real portal pays (tens of
 * milliseconds of network, 2 requests a second; see C and decision 033). The target is against ky, the
 * engine the transport is required to use (>= 0.85x a bare `ky.post`); raw fetch and b24jssdk are
 * reported for reference.
 */
it('B: sequential imbot.chat.get per second: ours vs bare ky, raw fetch and b24jssdk', async () => {
  const server = await emulatorProcess()
  const { webhookUrl } = server
  const params = { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }
  // Per-call overhead, not pacing: neither client's own rate limiter takes part (raw fetch has none).
  const api = imbot(createClient({ webhookUrl, limiter: unlimited }))
  const hook = B24Hook.fromWebhookUrl(webhookUrl)
  const defaults = ParamsFactory.getDefault()
  await hook.setRestrictionManagerParams({
    ...defaults,
    rateLimit: { burstLimit: 1_000_000, drainRate: 1_000_000, adaptiveEnabled: false },
  })
  const body = JSON.stringify(params)

  // Alternate the contenders over several rounds: the machine's speed drifts, and each gets the same drift.
  const rounds = 5
  const totals = { raw: 0, ky: 0, ours: 0, sdk: 0 }
  const bareKy = ky.create({ retry: 0 })
  for (let round = 0; round < rounds; round += 1) {
    totals.raw += await rate(async () => {
      const response = await fetch(`${webhookUrl}imbot.chat.get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      await response.json()
    })
    totals.ky += await rate(() => bareKy.post(`${webhookUrl}imbot.chat.get`, { json: params }).json())
    totals.ours += await rate(() => api.chat.get(params))
    totals.sdk += await rate(() => hook.actions.v2.call.make({ method: 'imbot.chat.get', params }))
  }
  server.stop()
  const raw = totals.raw / rounds
  const kyRate = totals.ky / rounds
  const ours = totals.ours / rounds
  const sdk = totals.sdk / rounds

  record('B: sequential chat.get per second', {
    raw: Math.round(raw),
    bareKy: Math.round(kyRate),
    ours: Math.round(ours),
    b24jssdk: Math.round(sdk),
    oursVsKy: Number((ours / kyRate).toFixed(2)),
    oursVsRaw: Number((ours / raw).toFixed(2)),
    target: '>= 0.85x bare ky (raw fetch and b24jssdk for reference)',
  })
  expect(ours / kyRate).toBeGreaterThanOrEqual(0.85)
})
