import { startEmulator, type Emulator, type PortalApp } from '@b24bot/emulator'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError, createBaseClient, tokenAuth } from './index.ts'
import { everyRendering } from '../test/errors.ts'

let emulator: Emulator
let app: PortalApp
beforeEach(async () => {
  emulator = await startEmulator({ clock: { frozen: true } })
  app = emulator.portal.addApp()
  emulator.portal.createChat({ entityType: 'ORDER', entityId: '13' })
})
afterEach(async () => {
  await emulator.close()
})

const chatGet = { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }

describe('tokenAuth()', () => {
  it('calls as Bearer at the REST root, with or without its trailing slash', async () => {
    const { access_token: accessToken } = emulator.portal.tokens.issue(app, 1)
    for (const restUrl of [`${emulator.url}/rest/`, `${emulator.url}/rest`, new URL(`${emulator.url}/rest/`)]) {
      const auth = tokenAuth({ restUrl, accessToken })
      expect(auth.portal).toBe(emulator.url)
      expect(auth.refresh).toBeUndefined()
      await expect(createBaseClient({ auth }).call('imbot.chat.get', chatGet)).resolves.toEqual({ ID: expect.any(Number) as number })
      expect(emulator.portal.requests.at(-1)).toMatchObject({ method: 'imbot.chat.get', status: 200 })
    }
  })

  it('never refreshes: after expiry, expired_token, and nothing sent to the token endpoint', async () => {
    const { access_token: accessToken } = emulator.portal.tokens.issue(app, 1)
    const client = createBaseClient({ auth: tokenAuth({ restUrl: `${emulator.url}/rest/`, accessToken }) })
    emulator.portal.clock.advance(3_600_000)
    const error = await client.call('imbot.chat.get', chatGet).catch((caught: unknown) => caught)
    expect(ApiError.isInstance(error) && error.code).toBe('expired_token')
    expect(everyRendering(error)).not.toContain(accessToken)
    expect(emulator.portal.tokenRequests).toHaveLength(0)
  })

  it('keeps the token and the given secrets among its secrets, and drops empty ones', () => {
    const auth = tokenAuth({ restUrl: 'https://example.bitrix24.com/rest/', accessToken: 'access-1234', secrets: ['app-token-5678', ''] })
    expect(auth.secrets()).toEqual(['access-1234', 'app-token-5678'])
  })

  it.each([
    [{ accessToken: '' }, /tokenAuth\(\): accessToken is required/],
    [{ accessToken: undefined }, /accessToken is required/],
    [{ restUrl: 'not a url' }, /restUrl is not a valid URL/],
    [{ restUrl: 'ftp://portal.example/rest/' }, /restUrl must use https/],
    [{ restUrl: 'https://portal.example/rest/?auth=x' }, /restUrl must have no credentials, query or fragment/],
  ])('refuses bad options with a TypeError naming the option: %o', (change, message) => {
    const options = { restUrl: 'https://portal.example/rest/', accessToken: 'access-1234', ...change } as Parameters<typeof tokenAuth>[0]
    expect(() => tokenAuth(options)).toThrow(TypeError)
    expect(() => tokenAuth(options)).toThrow(message)
  })

  it('never echoes a token or a URL in a validation error', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{16,40}$/), fc.boolean(), (token, badUrl) => {
        let error: unknown
        try {
          tokenAuth({
            restUrl: badUrl ? `https://${token}.example/rest/?${token}` : 'https://portal.example/rest/',
            accessToken: badUrl ? token : ` `,
          })
        } catch (caught) {
          error = caught
        }
        expect(error).toBeInstanceOf(TypeError)
        expect(everyRendering(error)).not.toContain(token)
      }),
    )
  })
})
