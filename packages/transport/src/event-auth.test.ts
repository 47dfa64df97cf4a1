import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeForm } from '@b24bot/core'
import { startEmulator, type Emulator, type PortalApp } from '@b24bot/emulator'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  ApiError,
  createClient as createAnyClient,
  eventAuth,
  unlimited,
  type ClientOptions,
  type EventAuthBlock,
  type Tokens,
} from './index.ts'
import { everyRendering } from '../test/errors.ts'

const hour = 3_600_000
const createClient = (options: ClientOptions) => createAnyClient({ autoBatch: false, limiter: unlimited, ...options })

let emulator: Emulator
let app: PortalApp
let receiver: Server
let received: string[]
beforeEach(async () => {
  emulator = await startEmulator({ clock: { frozen: true } })
  app = emulator.portal.addApp()
  emulator.portal.createChat({ entityType: 'ORDER', entityId: '13' })
  received = []
  receiver = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (body += chunk))
    request.on('end', () => {
      received.push(body)
      response.end('ok')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
})
afterEach(async () => {
  await emulator.close()
  await new Promise((resolve) => receiver.close(resolve))
})

/** The `auth` block of a real event: the app is installed, its handler receives `ONAPPINSTALL`, decoded as a handler decodes it. */
async function installEventAuth(): Promise<EventAuthBlock> {
  const { port } = receiver.address() as AddressInfo
  const installed = emulator.portal.installApp({ handlerUrl: `http://127.0.0.1:${String(port)}/install` })
  app = installed
  await emulator.portal.events.settled()
  const event = decodeForm(received.at(-1) ?? '') as { event: string; auth: EventAuthBlock }
  expect(event.event).toBe('ONAPPINSTALL')
  return event.auth
}

/** A token block as an event carries it: every scalar a string. */
function blockFor(userId = 1): EventAuthBlock {
  const tokens = emulator.portal.tokens.issue(app, userId)
  return {
    ...Object.fromEntries(Object.entries(tokens).map(([key, value]) => [key, String(value)])),
    application_token: app.applicationToken,
  } as unknown as EventAuthBlock
}

const chatGet = { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }
const tokenUrl = () => `${emulator.url}/oauth/token/`

describe('eventAuth()', () => {
  it('calls back with the auth block of a real event, at its client_endpoint, as Bearer', async () => {
    const block = await installEventAuth()
    expect(typeof block.expires_in).toBe('string')
    const auth = eventAuth(block)
    expect(auth.portal).toBe(emulator.url)
    await expect(createClient({ auth }).call('imbot.chat.get', chatGet)).resolves.toMatchObject({ ID: expect.any(Number) as number })
    expect(emulator.portal.requests.at(-1)).toMatchObject({ method: 'imbot.chat.get', status: 200 })
  })

  it('without app credentials, an expiry is final: expired_token, and nothing sent to the token endpoint', async () => {
    const auth = eventAuth(blockFor())
    expect(auth.refresh).toBeUndefined()
    emulator.portal.clock.advance(hour)
    const error = await createClient({ auth })
      .call('imbot.chat.get', chatGet)
      .catch((caught: unknown) => caught)
    expect(ApiError.isInstance(error) && error.code).toBe('expired_token')
    expect(emulator.portal.tokenRequests).toHaveLength(0)
  })

  it('with app credentials and a refresh_token, refreshes once and replays, telling onTokens', async () => {
    const block = await installEventAuth()
    const told: Tokens[] = []
    const auth = eventAuth(block, {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      tokenUrl: tokenUrl(),
      onTokens: (tokens) => void told.push(tokens),
    })
    emulator.portal.clock.advance(hour)
    const client = createClient({ auth })
    await Promise.all(Array.from({ length: 10 }, () => client.call('imbot.chat.get', chatGet)))
    expect(emulator.portal.tokenRequests).toEqual([
      { params: expect.objectContaining({ refresh_token: block.refresh_token, client_id: app.clientId }) as object, status: 200 },
    ])
    expect(told).toHaveLength(1)
  })

  it('with app credentials but no refresh_token (events without sendRefreshToken), an expiry is final', () => {
    const { refresh_token: dropped, ...block } = blockFor()
    expect(dropped).toBeDefined()
    const auth = eventAuth(block, { clientId: app.clientId, clientSecret: app.clientSecret, tokenUrl: tokenUrl() })
    expect(auth.refresh).toBeUndefined()
  })

  it('keeps the tokens, the application token and the client secret among its secrets', () => {
    const block = blockFor()
    expect(eventAuth(block).secrets()).toEqual(expect.arrayContaining([block.access_token, block.refresh_token, block.application_token]))
    const auth = eventAuth(block, { clientId: app.clientId, clientSecret: app.clientSecret })
    expect(auth.secrets()).toEqual(
      expect.arrayContaining([block.access_token, block.refresh_token, block.application_token, app.clientSecret]),
    )
  })

  it.each([
    [{ access_token: undefined }, /eventAuth\(\): auth\[access_token\] is required/],
    [{ access_token: '' }, /auth\[access_token\] is required/],
    [{ client_endpoint: undefined }, /auth\[client_endpoint\] is required/],
    [{ client_endpoint: 'not a url' }, /auth\[client_endpoint\] is not a valid URL/],
    [{ client_endpoint: 'ftp://portal.example/rest/' }, /auth\[client_endpoint\] must use https/],
  ])('refuses a bad block with a TypeError naming the field: %o', (change, message) => {
    const block = { ...blockFor(), ...change } as EventAuthBlock
    expect(() => eventAuth(block)).toThrow(TypeError)
    expect(() => eventAuth(block)).toThrow(message)
  })

  it('refuses something that is not a block, and incomplete app credentials', () => {
    expect(() => eventAuth(null as unknown as EventAuthBlock)).toThrow(/not an object/)
    expect(() => eventAuth(blockFor(), { clientId: app.clientId } as never)).toThrow(/clientSecret is required/)
  })

  it('never echoes a token in a validation error', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{16,40}$/), fc.constantFrom('access_token', 'client_endpoint'), (token, missing) => {
        const block = {
          access_token: token,
          refresh_token: `${token}r`,
          client_endpoint: `https://${token}.example/rest/?${token}`,
          application_token: token,
        } as Record<string, unknown>
        if (missing === 'access_token') block.access_token = undefined
        let error: unknown
        try {
          eventAuth(block as EventAuthBlock, { clientId: 'app', clientSecret: token })
        } catch (caught) {
          error = caught
        }
        expect(error).toBeInstanceOf(TypeError)
        expect(everyRendering(error)).not.toContain(token)
      }),
    )
  })
})
