import { afterEach, describe, expect, it } from 'vitest'
import { limitPresets } from './limits.ts'
import { startEmulator, type Emulator, type EmulatorOptions } from '../start-emulator.ts'

let emulator: Emulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function start(options: EmulatorOptions): Promise<Emulator> {
  emulator = await startEmulator({ clock: { frozen: true, start: Date.UTC(2026, 10, 24, 12) }, ...options })
  return emulator
}

/** `count` calls one after another: the clock is frozen, so they all land in the same instant. */
async function statuses(target: Emulator, count: number): Promise<number[]> {
  const result: number[] = []
  for (let i = 0; i < count; i++) result.push((await chatGet(target)).status)
  return result
}

async function chatGet(target: Emulator, body: unknown = {}) {
  const response = await fetch(`${target.webhookUrl}imbot.chat.get`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('the request-rate limit (leaky bucket)', () => {
  it('is off by default', async () => {
    const portal = await start({})
    expect((await statuses(portal, 60)).every((status) => status === 200)).toBe(true)
  })

  it('answers exactly the calls past the burst of 50 with 503 QUERY_LIMIT_EXCEEDED', async () => {
    const portal = await start({ limits: { requests: limitPresets.standard } })
    const answers = []
    for (let i = 0; i < 60; i++) answers.push(await chatGet(portal))
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(50)
    const refused = answers.filter((answer) => answer.status === 503)
    expect(refused).toHaveLength(10)
    expect(refused[0]?.body).toEqual({ error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' })
  })

  it('drains at 2 requests per second, and a refused request does not fill it', async () => {
    const portal = await start({ limits: { requests: limitPresets.standard } })
    for (let i = 0; i < 50; i++) await chatGet(portal)
    expect((await chatGet(portal)).status).toBe(503)
    portal.portal.clock.advance(1_000)
    expect((await chatGet(portal)).status).toBe(200)
    expect((await chatGet(portal)).status).toBe(200)
    expect((await chatGet(portal)).status).toBe(503)
    portal.portal.clock.advance(25_000)
    const again = await statuses(portal, 51)
    expect(again.filter((status) => status === 200)).toHaveLength(50)
  })

  it('holds 250 and drains 5 per second on Enterprise', async () => {
    const portal = await start({ limits: { requests: limitPresets.enterprise } })
    expect((await statuses(portal, 252)).filter((status) => status === 503)).toHaveLength(2)
    portal.portal.clock.advance(1_000)
    const next = await statuses(portal, 6)
    expect(next.filter((status) => status === 200)).toHaveLength(5)
  })

  it('counts a batch as one request, and comes before everything else', async () => {
    const portal = await start({ limits: { requests: { burst: 2, drainPerSecond: 1 } } })
    const batch = await fetch(`${portal.webhookUrl}batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cmd: Array.from({ length: 50 }, () => 'imbot.chat.get') }),
    })
    expect(batch.status).toBe(200)
    expect((await chatGet(portal)).status).toBe(200)
    const unknown = await fetch(`${portal.url}/rest/1/wrong/imbot.nothing`, { method: 'POST' })
    expect(unknown.status).toBe(503)
  })
})

describe('the operating-time limit', () => {
  it('blocks a method once its 10-minute use exceeds the limit, with 429 OPERATION_TIME_LIMIT, until the minutes pass', async () => {
    const portal = await start({ limits: { operating: { limitSeconds: 480, costOf: () => 60 } } })
    const operating: unknown[] = []
    for (let i = 0; i < 9; i++) {
      const answer = await chatGet(portal)
      expect(answer.status).toBe(200)
      operating.push((answer.body.time as { operating: number }).operating)
    }
    expect(operating).toEqual([60, 120, 180, 240, 300, 360, 420, 480, 540])
    const blocked = await chatGet(portal)
    expect(blocked).toEqual({
      status: 429,
      body: { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked due to operation time limit.' },
    })
    portal.portal.clock.advance(10 * 60_000)
    expect((await chatGet(portal)).status).toBe(200)
  })

  it('counts per caller, reports when the use frees up, and ignores calls under 0.1 s', async () => {
    const portal = await start({
      limits: { operating: { limitSeconds: 100, costOf: (method) => (method === 'imbot.chat.get' ? 101 : 0) } },
    })
    const first = await chatGet(portal)
    const reset = (first.body.time as { operating_reset_at: number }).operating_reset_at
    expect(reset).toBe(Math.floor(Date.UTC(2026, 10, 24, 12) / 1000 / 60) * 60 + 600)
    expect((await chatGet(portal)).status).toBe(429)
    const app = portal.portal.addApp()
    const { access_token } = portal.portal.tokens.issue(app, 1)
    const other = await fetch(`${portal.url}/rest/imbot.chat.get?auth=${access_token}`, { method: 'POST' })
    expect(other.status).toBe(200)

    const cheap = await start({ limits: { operating: { limitSeconds: 1, costOf: () => 0.05 } } })
    for (let i = 0; i < 30; i++) await chatGet(cheap)
    expect(((await chatGet(cheap)).body.time as { operating: number }).operating).toBe(0)
  })

  it('counts batch sub-calls, not the batch itself', async () => {
    const portal = await start({ limits: { operating: { limitSeconds: 100, costOf: () => 60 } } })
    const batch = await fetch(`${portal.webhookUrl}batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cmd: ['imbot.chat.get', 'imbot.chat.get', 'imbot.chat.get'] }),
    })
    const { result } = (await batch.json()) as { result: { result: unknown[]; result_error: Record<string, { error: string }> } }
    expect(result.result).toHaveLength(2)
    expect(result.result_error['2']?.error).toBe('OPERATION_TIME_LIMIT')
  })
})
