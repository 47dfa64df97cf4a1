import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import chatGetExample from '@b24bot/spec-fixtures/examples/imbot.chat.get.json' with { type: 'json' }
import { startEmulator, type Emulator } from './start-emulator.ts'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator({ webhook: { secret: 'w3bh00ks3cr3t123' } })
})
afterEach(async () => {
  await emulator.close()
})

const post = async (path: string, body: string, contentType = 'application/json') => {
  const response = await fetch(`${emulator.url}/rest/${path}`, { method: 'POST', headers: { 'content-type': contentType }, body })
  return { status: response.status, headers: response.headers, text: await response.text() }
}
const call = async (method: string, params: unknown) => {
  const { status, text } = await post(`1/w3bh00ks3cr3t123/${method}`, JSON.stringify(params))
  return { status, body: JSON.parse(text) as Record<string, unknown> }
}

describe('startEmulator', () => {
  it('listens on loopback and hands out a webhook URL', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(emulator.webhookUrl).toBe(`${emulator.url}/rest/1/w3bh00ks3cr3t123/`)
  })

  it('answers paths outside /rest/ with 404', async () => {
    expect((await fetch(`${emulator.url}/nothing`)).status).toBe(404)
  })

  it('refuses oversized bodies with 413', async () => {
    const small = await startEmulator({ maxBodyBytes: 10 })
    try {
      const response = await fetch(`${small.webhookUrl}imbot.chat.get`, { method: 'POST', body: 'x'.repeat(100) })
      expect(response.status).toBe(413)
    } finally {
      await small.close()
    }
  })
})

describe('imbot.chat.get, as the server answers it', () => {
  it('returns the documented envelope: { ID } and a cloud time block', async () => {
    const chat = emulator.portal.createChat({ entityType: 'CHAT', entityId: '13' })
    const { status, body } = await call('imbot.chat.get', chatGetExample.params)
    expect(status).toBe(200)
    expect(body.result).toEqual({ ID: chat.id })
    expect(Object.keys(body.time as object).sort()).toEqual(Object.keys(chatGetExample.response.time).sort())
    expect(Number.isInteger((body.time as { start: number }).start)).toBe(true)
  })

  it('returns null when nothing is bound, or when a value is empty or missing', async () => {
    emulator.portal.createChat({ entityType: 'CHAT', entityId: '0' })
    for (const params of [{ ENTITY_TYPE: 'CHAT', ENTITY_ID: '14' }, { ENTITY_TYPE: 'CHAT', ENTITY_ID: '0' }, { ENTITY_TYPE: 'CHAT' }, {}]) {
      expect((await call('imbot.chat.get', params)).body.result).toBeNull()
    }
  })

  it('ignores BOT_ID, reads keys in any case and numbers as strings', async () => {
    const chat = emulator.portal.createChat({ entityType: 'ORDER', entityId: 13 })
    expect((await call('imbot.chat.get', { entity_type: 'ORDER', Entity_Id: 13, BOT_ID: 999 })).body.result).toEqual({ ID: chat.id })
  })

  it('finds the first bound chat when several share an entity', async () => {
    const first = emulator.portal.createChat({ entityType: 'X', entityId: '1' })
    emulator.portal.createChat({ entityType: 'X', entityId: '1' })
    expect((await call('imbot.chat.get', { ENTITY_TYPE: 'X', ENTITY_ID: '1' })).body.result).toEqual({ ID: first.id })
  })

  it('returns the chat object by DIALOG_ID, with the server errors', async () => {
    const chat = emulator.portal.createChat({ title: 'Ops', entityType: 'CRM', entityId: '5' })
    const found = await call('imbot.chat.get', { DIALOG_ID: `chat${chat.id}` })
    expect(found.body.result).toMatchObject({ id: chat.id, name: 'Ops', entity_type: 'CRM', entity_id: '5', dialog_id: `chat${chat.id}` })
    expect(await call('imbot.chat.get', { DIALOG_ID: 'nonsense' })).toMatchObject({ status: 400, body: { error: 'DIALOG_ID_EMPTY' } })
    expect(await call('imbot.chat.get', { DIALOG_ID: 'chat999' })).toMatchObject({ status: 400, body: { error: 'ACCESS_ERROR' } })
    const stranger = emulator.portal.createUser()
    const closed = emulator.portal.createChat({ ownerId: stranger.id })
    expect(await call('imbot.chat.get', { DIALOG_ID: `chat${closed.id}` })).toMatchObject({ status: 403, body: { error: 'ACCESS_ERROR' } })
  })
})

describe('the REST layer', () => {
  it('reads form bodies, query strings and text/plain bodies like PHP, the body winning', async () => {
    const chat = emulator.portal.createChat({ entityType: 'A B', entityId: '7' })
    const form = await post('1/w3bh00ks3cr3t123/imbot.chat.get', 'ENTITY_TYPE=A+B&ENTITY_ID=7', 'application/x-www-form-urlencoded')
    expect(JSON.parse(form.text)).toMatchObject({ result: { ID: chat.id } })
    const query = await post('1/w3bh00ks3cr3t123/imbot.chat.get?ENTITY_TYPE=A%20B&ENTITY_ID=1', 'ENTITY_ID=7', 'text/plain')
    expect(JSON.parse(query.text)).toMatchObject({ result: { ID: chat.id } })
  })

  it('ignores an invalid JSON body silently and goes on with the query', async () => {
    const chat = emulator.portal.createChat({ entityType: 'Q', entityId: '1' })
    const response = await post(
      '1/w3bh00ks3cr3t123/imbot.chat.get?ENTITY_TYPE=Q&ENTITY_ID=1',
      '{not json',
      'application/json; charset=utf-8',
    )
    expect(JSON.parse(response.text)).toMatchObject({ result: { ID: chat.id } })
  })

  it('accepts the .json suffix, a trailing slash and any method case', async () => {
    const chat = emulator.portal.createChat({ entityType: 'S', entityId: '1' })
    for (const method of ['imbot.chat.get.json', 'IMBOT.Chat.Get', 'imbot.chat.get/']) {
      expect((await call(method, { ENTITY_TYPE: 'S', ENTITY_ID: '1' })).body).toMatchObject({ result: { ID: chat.id } })
    }
  })

  it('answers an unknown method with 404 before checking auth', async () => {
    const body = { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' }
    expect(await call('imbot.nothing', {})).toEqual({ status: 404, body })
    const response = await post('1/wrong/imbot.nothing', '{}')
    expect({ status: response.status, body: JSON.parse(response.text) as unknown }).toEqual({ status: 404, body })
  })

  it('answers bad or missing credentials with 401', async () => {
    const wrong = await post('1/wrong-secret/imbot.chat.get', '{}')
    expect(wrong.status).toBe(401)
    expect(JSON.parse(wrong.text)).toEqual({ error: 'INVALID_CREDENTIALS', error_description: 'Invalid request credentials' })
    const none = await post('imbot.chat.get', '{}')
    expect(none.status).toBe(401)
    expect(JSON.parse(none.text)).toMatchObject({ error: 'NO_AUTH_FOUND' })
    const hook = emulator.portal.addWebhook({ scopes: ['crm'] })
    const scoped = await post(`${hook.userId}/${hook.secret}/imbot.chat.get`, '{}')
    expect(scoped.status).toBe(401)
    expect(JSON.parse(scoped.text)).toMatchObject({ error: 'insufficient_scope' })
  })

  it('escapes strings the way Bitrix json_encode does, and sends its headers', async () => {
    emulator.portal.createChat({ title: `<b>"Tom" & 'Jerry'</b> a/b \\`, entityType: 'E', entityId: '1' })
    const chat = [...emulator.portal.chats.values()].at(-1)!
    const response = await post('1/w3bh00ks3cr3t123/imbot.chat.get', JSON.stringify({ DIALOG_ID: `chat${chat.id}` }))
    expect(response.text).toContain(String.raw`"name":"\u003Cb\u003E\u0022Tom\u0022 \u0026 \u0027Jerry\u0027\u003C\/b\u003E a\/b \\"`)
    expect((JSON.parse(response.text) as { result: { name: string } }).result.name).toBe(chat.title)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('records every request with its outcome', async () => {
    await call('imbot.chat.get', { ENTITY_TYPE: 'R', ENTITY_ID: '1' })
    await post('1/bad/imbot.chat.get', '{}')
    expect(emulator.portal.requests.map(({ method, status }) => ({ method, status }))).toEqual([
      { method: 'imbot.chat.get', status: 200 },
      { method: 'imbot.chat.get', status: 401 },
    ])
    expect(emulator.portal.requests[0]?.params).toEqual({ ENTITY_TYPE: 'R', ENTITY_ID: '1' })
  })

  it('answers injected replies for the next matching calls, then runs the method again', async () => {
    const chat = emulator.portal.createChat({ entityType: 'I', entityId: '1' })
    emulator.portal.inject({ method: 'IMBOT.CHAT.GET', times: 2, reply: { result: 2725 } })
    emulator.portal.inject({ reply: { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' } })
    const params = { ENTITY_TYPE: 'I', ENTITY_ID: '1' }
    expect((await call('imbot.chat.get', params)).body.result).toBe(2725)
    expect((await call('imbot.chat.get', params)).body.result).toBe(2725)
    expect(await call('imbot.chat.get', params)).toMatchObject({ status: 503, body: { error: 'QUERY_LIMIT_EXCEEDED' } })
    expect((await call('imbot.chat.get', params)).body.result).toEqual({ ID: chat.id })
    const cancel = emulator.portal.inject({ reply: { status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' } })
    cancel()
    expect((await call('imbot.chat.get', params)).status).toBe(200)
  })
})
