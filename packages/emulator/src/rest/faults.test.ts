import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../start-emulator.ts'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

const post = (method: string, body: unknown = {}) =>
  fetch(`${emulator.webhookUrl}${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('connection resets', () => {
  it("'before' drops the connection and the method never runs", async () => {
    emulator.portal.inject({ method: 'imbot.chat.get', reset: 'before' })
    await expect(post('imbot.chat.get')).rejects.toThrow(TypeError)
    expect(emulator.portal.calls).toEqual([])
    expect((await post('imbot.chat.get')).status).toBe(200)
  })

  it("'after' runs the method, then drops the connection: the effect happened, the answer is lost", async () => {
    emulator.portal.inject({ method: 'imbot.chat.get', reset: 'after' })
    await expect(post('imbot.chat.get', { ENTITY_TYPE: 'A', ENTITY_ID: '1' })).rejects.toThrow(TypeError)
    expect(emulator.portal.calls).toEqual([{ method: 'imbot.chat.get', params: { ENTITY_TYPE: 'A', ENTITY_ID: '1' }, status: 200 }])
  })

  it('a sub-call reset loses the whole batch answer, while every command runs', async () => {
    emulator.portal.inject({ method: 'imbot.chat.get', reset: 'after' })
    await expect(post('batch', { cmd: ['imbot.chat.get', 'imbot.chat.get?ENTITY_TYPE=B&ENTITY_ID=2'] })).rejects.toThrow(TypeError)
    expect(emulator.portal.calls.map((call) => call.params)).toEqual([{}, { ENTITY_TYPE: 'B', ENTITY_ID: '2' }])
  })
})

describe('injections for batch', () => {
  it("script the batch request itself when they name 'batch': a reply, and no command runs", async () => {
    emulator.portal.inject({ method: 'batch', reply: { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' } })
    const response = await post('batch', { cmd: { a: 'imbot.chat.get?ENTITY_TYPE=A&ENTITY_ID=1' } })
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' })
    expect(emulator.portal.calls).toEqual([])
    // Used up: the next batch runs.
    expect(await (await post('batch', { cmd: { a: 'imbot.chat.get?ENTITY_TYPE=A&ENTITY_ID=1' } })).json()).toMatchObject({
      result: { result: { a: null } },
    })
  })

  it("reset a batch 'after' its commands ran, and 'before' any did", async () => {
    emulator.portal.inject({ method: 'BATCH', reset: 'after' })
    await expect(post('batch', { cmd: { a: 'imbot.chat.get?ENTITY_TYPE=A&ENTITY_ID=1' } })).rejects.toThrow(TypeError)
    expect(emulator.portal.calls).toHaveLength(1)
    emulator.portal.inject({ method: 'batch', reset: 'before' })
    await expect(post('batch', { cmd: { a: 'imbot.chat.get?ENTITY_TYPE=A&ENTITY_ID=1' } })).rejects.toThrow(TypeError)
    expect(emulator.portal.calls).toHaveLength(1)
  })
})

describe('the executed-call log', () => {
  it('holds every call whose implementation ran, batch sub-calls included, and nothing else', async () => {
    emulator.portal.inject({ method: 'imbot.chat.get', reply: { result: 1 } })
    await post('imbot.chat.get')
    await post('imbot.chat.get', { DIALOG_ID: 'nonsense' })
    await post('imbot.nothing')
    await fetch(`${emulator.url}/rest/1/wrong/imbot.chat.get`, { method: 'POST' })
    await post('batch', { cmd: { a: 'imbot.chat.get', b: 'imbot.nothing' } })
    expect(emulator.portal.calls.map(({ method, status }) => ({ method, status }))).toEqual([
      { method: 'imbot.chat.get', status: 400 },
      { method: 'imbot.chat.get', status: 200 },
    ])
  })
})
