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
