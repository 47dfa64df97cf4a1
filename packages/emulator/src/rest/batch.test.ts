import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../start-emulator.ts'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

interface BatchResult {
  result: unknown
  result_error: unknown
  result_total: unknown
  result_next: unknown
  result_time: unknown
}

async function batch(params: unknown, url = emulator.webhookUrl): Promise<{ status: number; result: BatchResult }> {
  const response = await fetch(`${url}batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  })
  const body = (await response.json()) as { result: BatchResult }
  return { status: response.status, result: body.result }
}

describe('batch', () => {
  it('runs named commands in order, substituting $result references, with [] for empty maps', async () => {
    const order = emulator.portal.createChat({ title: 'Order 13', entityType: 'ORDER', entityId: '13' })
    const { status, result } = await batch({
      halt: 0,
      cmd: {
        find: 'imbot.chat.get?ENTITY_TYPE=ORDER&ENTITY_ID=13',
        open: 'imbot.chat.get?DIALOG_ID=chat$result[find][ID]',
        same: 'imbot.chat.get?ENTITY_TYPE=$result[open][entity_type]&ENTITY_ID=$result[open][entity_id]',
      },
    })
    expect(status).toBe(200)
    expect(result.result).toMatchObject({ find: { ID: order.id }, open: { id: order.id, name: 'Order 13' }, same: { ID: order.id } })
    expect(result.result_error).toEqual([])
    expect(result.result_total).toEqual([])
    expect(result.result_next).toEqual([])
    expect(Object.keys(result.result_time as object)).toEqual(['find', 'open', 'same'])
  })

  it('keys a list of commands by position and answers lists', async () => {
    const chat = emulator.portal.createChat({ entityType: 'L', entityId: '1' })
    const { result } = await batch({ cmd: ['imbot.chat.get?ENTITY_TYPE=L&ENTITY_ID=1', 'imbot.chat.get?ENTITY_TYPE=L&ENTITY_ID=2'] })
    expect(result.result).toEqual([{ ID: chat.id }, null])
  })

  it('substitutes a whole-value reference with the raw value, and stops a path at the first missing key', async () => {
    emulator.portal.createChat({ entityType: 'R', entityId: '1' })
    emulator.portal.inject({ method: 'imbot.chat.get', reply: { result: { list: ['R', 1], nested: { id: 'R' } } } })
    const { result } = await batch({
      cmd: {
        seed: 'imbot.chat.get',
        echo: 'imbot.chat.get?ENTITY_TYPE=$result[seed][nested][id]&ENTITY_ID=$result[seed][list][1]',
        partial: 'imbot.chat.get?ENTITY_TYPE=$result[seed][nested][missing]&ENTITY_ID=1',
      },
    })
    expect(result.result).toMatchObject({ echo: { ID: expect.any(Number) as unknown } })
    // $result[seed][nested][missing] resolves to [seed][nested], an array, which cannot be substituted into text:
    // the whole value is that reference, so the raw object is passed and the method finds nothing.
    expect((result.result as Record<string, unknown>).partial).toBeNull()
  })

  it('reports failing commands in result_error and goes on, unless halt is set', async () => {
    const commands = { a: 'imbot.nothing', b: 'imbot.chat.get' }
    const goOn = await batch({ halt: 0, cmd: commands })
    expect(goOn.status).toBe(200)
    expect(goOn.result.result).toEqual({ b: null })
    expect(goOn.result.result_error).toEqual({ a: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' } })
    for (const halt of [1, '1', 'false', true]) {
      const stop = await batch({ halt, cmd: commands })
      expect(stop.result.result).toEqual([])
      expect(Object.keys(stop.result.result_error as object)).toEqual(['a'])
    }
    for (const halt of [0, '0', '', false]) expect((await batch({ halt, cmd: commands })).result.result).toEqual({ b: null })
  })

  it('refuses nested batch and file transfers, and runs at most 50 commands', async () => {
    const { result } = await batch({ cmd: { inner: 'batch?cmd[x]=imbot.chat.get', file: 'imbot.v2.File.upload' } })
    expect(result.result_error).toEqual({
      inner: { error: 'ERROR_BATCH_METHOD_NOT_ALLOWED', error_description: 'Method is not allowed for batch usage' },
      file: { error: 'ERROR_BATCH_METHOD_NOT_ALLOWED', error_description: 'Method is not allowed for batch usage' },
    })
    const many = await batch({ cmd: Array.from({ length: 52 }, () => 'imbot.chat.get') })
    expect(many.result.result).toHaveLength(50)
    expect(many.result.result_error).toEqual({
      50: { error: 'ERROR_BATCH_LENGTH_EXCEEDED', error_description: 'Max batch length exceeded' },
      51: { error: 'ERROR_BATCH_LENGTH_EXCEEDED', error_description: 'Max batch length exceeded' },
    })
  })

  it('skips entries that are not strings, and reads CMD/HALT in any case and from form bodies', async () => {
    const skipped = await batch({ CMD: { a: 5, b: 'imbot.chat.get' } })
    expect(skipped.result.result).toEqual({ b: null })
    const response = await fetch(`${emulator.webhookUrl}batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'halt=0&cmd[first]=imbot.chat.get%3FENTITY_TYPE%3DX%26ENTITY_ID%3D1',
    })
    expect(((await response.json()) as { result: BatchResult }).result.result).toEqual({ first: null })
  })

  it('checks each sub-call against the caller scopes, with an empty description', async () => {
    const hook = emulator.portal.addWebhook({ scopes: ['crm'] })
    const { status, result } = await batch({ cmd: { a: 'imbot.chat.get' } }, `${emulator.url}/rest/${hook.userId}/${hook.secret}/`)
    expect(status).toBe(200)
    expect(result.result_error).toEqual({ a: { error: 'insufficient_scope', error_description: '' } })
  })

  it('is authenticated like any call, and counts as one request', async () => {
    const wrong = await fetch(`${emulator.url}/rest/1/wrong/batch`, { method: 'POST' })
    expect(wrong.status).toBe(401)
    const app = emulator.portal.addApp()
    const { access_token } = emulator.portal.tokens.issue(app, 1)
    const viaToken = await fetch(`${emulator.url}/rest/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
      body: JSON.stringify({ cmd: { a: 'imbot.chat.get' } }),
    })
    expect(viaToken.status).toBe(200)
    expect(emulator.portal.requests.map((request) => request.method)).toEqual(['batch', 'batch'])
  })
})
