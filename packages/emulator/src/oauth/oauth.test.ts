import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ACCESS_TOKEN_SECONDS, type OAuthTokens } from './token-authority.ts'
import { startEmulator, type Emulator } from '../start-emulator.ts'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator({ clock: { frozen: true, start: Date.UTC(2026, 10, 24, 12) } })
})
afterEach(async () => {
  await emulator.close()
})

const callWith = async (init: { query?: string; headers?: Record<string, string>; body?: unknown }) => {
  const response = await fetch(`${emulator.url}/rest/imbot.chat.get${init.query ?? ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify(init.body ?? {}),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}
const refresh = async (params: Record<string, string>) => {
  const response = await fetch(`${emulator.url}/oauth/token/?${new URLSearchParams({ grant_type: 'refresh_token', ...params }).toString()}`)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('the portal clock', () => {
  it('stands still when frozen, moves when advanced, and drives the time block', async () => {
    const start = emulator.portal.clock.now()
    expect(start).toBe(Date.UTC(2026, 10, 24, 12))
    emulator.portal.clock.advance(90_000)
    expect(emulator.portal.clock.now()).toBe(start + 90_000)
    const { body } = await fetch(`${emulator.webhookUrl}imbot.chat.get`, { method: 'POST' }).then(async (r) => ({
      body: (await r.json()) as { time: { start: number; date_start: string } },
    }))
    expect(body.time.start).toBe((start + 90_000) / 1000)
    expect(body.time.date_start).toBe('2026-11-24T12:01:30+00:00')
  })
})

describe('OAuth calls', () => {
  it('accept the token as Bearer header, auth param or access_token param', async () => {
    const app = emulator.portal.addApp()
    const { access_token } = emulator.portal.tokens.issue(app, 1)
    const chat = emulator.portal.createChat({ entityType: 'T', entityId: '1' })
    const params = { ENTITY_TYPE: 'T', ENTITY_ID: '1' }
    for (const init of [
      { headers: { authorization: `Bearer ${access_token}` }, body: params },
      { body: { ...params, auth: access_token } },
      { query: `?access_token=${access_token}`, body: params },
    ]) {
      expect(await callWith(init)).toMatchObject({ status: 200, body: { result: { ID: chat.id } } })
    }
    expect(emulator.portal.requests.at(-1)?.params).toMatchObject({ access_token })
  })

  it('answer 401 expired_token once the hour is over, invalid_token for an unknown token, NO_AUTH_FOUND for none', async () => {
    const app = emulator.portal.addApp()
    const { access_token } = emulator.portal.tokens.issue(app, 1)
    emulator.portal.clock.advance((ACCESS_TOKEN_SECONDS - 1) * 1000)
    expect((await callWith({ body: { auth: access_token } })).status).toBe(200)
    emulator.portal.clock.advance(1000)
    expect(await callWith({ body: { auth: access_token } })).toEqual({
      status: 401,
      body: { error: 'expired_token', error_description: 'The access token provided has expired' },
    })
    expect(await callWith({ body: { auth: 'nonsense' } })).toMatchObject({ status: 401, body: { error: 'invalid_token' } })
    expect(await callWith({})).toMatchObject({ status: 401, body: { error: 'NO_AUTH_FOUND' } })
  })

  it('answer 401 insufficient_scope when the app lacks the method scope', async () => {
    const app = emulator.portal.addApp({ scopes: ['crm'] })
    const { access_token } = emulator.portal.tokens.issue(app, 1)
    expect(await callWith({ body: { auth: access_token } })).toMatchObject({ status: 401, body: { error: 'insufficient_scope' } })
  })
})

describe('user.admin', () => {
  it('answers whether the caller administers the portal, for any app whatever its scopes', async () => {
    const app = emulator.portal.addApp({ scopes: ['imbot'] })
    const employee = emulator.portal.createUser({ name: 'Employee' })
    const admin = emulator.portal.createUser({ name: 'Second admin', admin: true })
    const ask = async (userId: number): Promise<unknown> => {
      const { access_token } = emulator.portal.tokens.issue(app, userId)
      const response = await fetch(`${emulator.url}/rest/user.admin`, {
        method: 'POST',
        headers: { authorization: `Bearer ${access_token}` },
      })
      expect(response.status).toBe(200)
      return ((await response.json()) as { result: unknown }).result
    }
    expect(await ask(1)).toBe(true)
    expect(await ask(employee.id)).toBe(false)
    expect(await ask(admin.id)).toBe(true)
  })
})

describe('the token endpoint', () => {
  it('trades a refresh token for a new pair that works, once', async () => {
    const app = emulator.portal.addApp({ clientId: 'local.app.1', clientSecret: 'shh' })
    const first = emulator.portal.tokens.issue(app, 1)
    emulator.portal.clock.advance(ACCESS_TOKEN_SECONDS * 1000)
    const renewed = await refresh({ client_id: 'local.app.1', client_secret: 'shh', refresh_token: first.refresh_token })
    expect(renewed.status).toBe(200)
    const tokens = renewed.body as unknown as OAuthTokens
    // The OAuth server names itself as the domain; the portal is in client_endpoint.
    expect(tokens).toMatchObject({
      expires_in: 3600,
      user_id: 1,
      scope: 'imbot,im,basic',
      domain: 'oauth.bitrix.info',
      client_endpoint: `${emulator.url}/rest/`,
      status: 'L',
    })
    expect(tokens.access_token).not.toBe(first.access_token)
    expect(tokens.expires).toBe(emulator.portal.clock.seconds() + 3600)
    expect((await callWith({ body: { auth: tokens.access_token } })).status).toBe(200)
    const reused = await refresh({ client_id: 'local.app.1', client_secret: 'shh', refresh_token: first.refresh_token })
    expect(reused).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token' } })
  })

  it('refuses a wrong client or grant type, and reads POST bodies too', async () => {
    const app = emulator.portal.addApp({ clientId: 'c', clientSecret: 's' })
    const { refresh_token } = emulator.portal.tokens.issue(app, 1)
    expect(await refresh({ client_id: 'c', client_secret: 'wrong', refresh_token })).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    })
    const password = await fetch(`${emulator.url}/oauth/token/?grant_type=password&client_id=c&client_secret=s`)
    expect(password.status).toBe(400)
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' })
    const posted = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'c', client_secret: 's', refresh_token }).toString(),
    })
    expect(posted.status).toBe(200)
  })
})

describe('authorization_code', () => {
  const exchange = async (params: Record<string, string>) => {
    const query = new URLSearchParams({ grant_type: 'authorization_code', ...params }).toString()
    const response = await fetch(`${emulator.url}/oauth/token/?${query}`)
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  it('trades the code a portal issues on install for tokens that work, once, with the app credentials', async () => {
    const app = emulator.portal.addApp({ clientId: 'app.market.1', clientSecret: 'shh', scopes: ['imbot', 'basic'] })
    const issued = emulator.portal.tokens.authorize(app, 1)
    // What the portal appends to the app's redirect_uri.
    expect(issued).toEqual({
      code: expect.any(String) as string,
      domain: new URL(emulator.url).host,
      member_id: emulator.portal.tokens.memberId,
      scope: 'imbot,basic',
      server_domain: 'oauth.bitrix.info',
    })
    expect(await exchange({ client_id: 'app.market.1', client_secret: 'wrong', code: issued.code })).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    })
    const { status, body } = await exchange({ client_id: 'app.market.1', client_secret: 'shh', code: issued.code })
    expect(status).toBe(200)
    // The documented exchange answer: no `expires` and no `user_id`, which only a refresh adds.
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'client_endpoint',
      'domain',
      'expires_in',
      'member_id',
      'refresh_token',
      'scope',
      'server_endpoint',
      'status',
    ])
    expect(body).toMatchObject({
      domain: 'oauth.bitrix.info',
      client_endpoint: `${emulator.url}/rest/`,
      expires_in: 3600,
      member_id: issued.member_id,
      scope: 'imbot,basic',
      status: 'F',
    })
    expect((await callWith({ body: { auth: body.access_token } })).status).toBe(200)
    expect((await refresh({ client_id: 'app.market.1', client_secret: 'shh', refresh_token: String(body.refresh_token) })).status).toBe(200)
    expect(await exchange({ client_id: 'app.market.1', client_secret: 'shh', code: issued.code })).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid authorization code' },
    })
  })

  it("refuses a code after its 30 seconds, and another app's code", async () => {
    const app = emulator.portal.addApp({ clientId: 'a', clientSecret: 's' })
    emulator.portal.addApp({ clientId: 'b', clientSecret: 't' })
    const late = emulator.portal.tokens.authorize(app)
    emulator.portal.clock.advance(30_000)
    expect(await exchange({ client_id: 'a', client_secret: 's', code: late.code })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    })
    const other = emulator.portal.tokens.authorize(app)
    expect(await exchange({ client_id: 'b', client_secret: 't', code: other.code })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    })
    expect(await exchange({ client_id: 'a', client_secret: 's', code: other.code })).toMatchObject({ status: 200 })
  })
})

describe('app.info', () => {
  it('describes the app of the token: id, client id as CODE, version, the status its tokens carry', async () => {
    const app = emulator.portal.installApp({ clientId: 'app.market.1', handlerUrl: 'http://127.0.0.1:9/install', version: '3' })
    const { access_token, status } = emulator.portal.tokens.issue(app, 1)
    const response = await fetch(`${emulator.url}/rest/app.info`, { method: 'POST', headers: { authorization: `Bearer ${access_token}` } })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { result: unknown }).result).toEqual({
      ID: app.id,
      CODE: 'app.market.1',
      VERSION: 3,
      STATUS: status,
      INSTALLED: true,
      PAYMENT_EXPIRED: 'N',
      DAYS: null,
      LANGUAGE_ID: 'en',
      LICENSE: 'en_project',
      LICENSE_TYPE: 'project',
      LICENSE_FAMILY: 'project',
    })
    expect(status).toBe('F')
    await emulator.portal.events.settled()
  })

  it('answers a webhook 403 ACCESS_DENIED: it has no application context', async () => {
    const response = await fetch(`${emulator.webhookUrl}app.info`, { method: 'POST' })
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ error: 'ACCESS_DENIED', error_description: 'Access denied! Application context required' })
  })
})

describe('token endpoint faults', () => {
  it('answers a scripted reply or resets, without refreshing; only injections that name oauth/token reach it', async () => {
    const app = emulator.portal.addApp()
    const issued = emulator.portal.tokens.issue(app, 1)
    const params = { client_id: app.clientId, client_secret: app.clientSecret, refresh_token: issued.refresh_token }
    emulator.portal.inject({ reply: { status: 500, error: 'ANY_METHOD' } }) // meant for REST methods
    emulator.portal.inject({ method: 'oauth/token', reply: { status: 503, body: '<html>Service Unavailable</html>' } })
    emulator.portal.inject({ method: 'oauth/token', reset: 'before' })

    const page = await fetch(`${emulator.url}/oauth/token/?${new URLSearchParams({ grant_type: 'refresh_token', ...params }).toString()}`)
    expect(page.status).toBe(503)
    expect(await page.text()).toBe('<html>Service Unavailable</html>')
    await expect(refresh(params)).rejects.toThrow()
    // Neither spent the refresh token: it still works, once.
    expect(await refresh(params)).toMatchObject({ status: 200 })
    expect(emulator.portal.tokenRequests.map((request) => request.status)).toEqual([503, 0, 200])
    expect(emulator.portal.injections).toHaveLength(1)
  })

  it('with reset after, spends the refresh token and loses the answer', async () => {
    const app = emulator.portal.addApp()
    const issued = emulator.portal.tokens.issue(app, 1)
    const params = { client_id: app.clientId, client_secret: app.clientSecret, refresh_token: issued.refresh_token }
    emulator.portal.inject({ method: 'oauth/token', reset: 'after' })
    await expect(refresh(params)).rejects.toThrow()
    expect(await refresh(params)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
  })
})
