import { describe, expectTypeOf, it } from 'vitest'
import {
  createClient,
  eventAuth,
  memoryTokenStore,
  oauth,
  type Auth,
  type EventAuthBlock,
  type OAuthOptions,
  type Tokens,
  type TokenStore,
} from './index.ts'

const base = { portal: 'https://example.bitrix24.com', accessToken: 'a', refreshToken: 'r', clientId: 'c', clientSecret: 's' }

describe('auth types', () => {
  it('oauth() takes the portal, the pair and the app, and gives an Auth for createClient', () => {
    expectTypeOf(oauth(base)).toEqualTypeOf<Auth>()
    expectTypeOf(
      oauth({ ...base, portal: new URL('https://example.bitrix24.com'), store: memoryTokenStore(), onTokens: () => Promise.resolve() }),
    ).toEqualTypeOf<Auth>()
    createClient({ auth: oauth(base) })
    // @ts-expect-error clientSecret is required
    oauth({ portal: base.portal, accessToken: 'a', refreshToken: 'r', clientId: 'c' })
    expectTypeOf<Parameters<NonNullable<OAuthOptions['onTokens']>>[0]>().toEqualTypeOf<Tokens>()
  })

  it('a TokenStore reads and writes Tokens', () => {
    expectTypeOf(memoryTokenStore()).toEqualTypeOf<TokenStore>()
    expectTypeOf<ReturnType<TokenStore['get']>>().toEqualTypeOf<Promise<Tokens | undefined>>()
    expectTypeOf<Tokens>().toEqualTypeOf<{ readonly accessToken: string; readonly refreshToken: string; readonly expires?: number }>()
  })

  it('eventAuth() takes an event auth block, with app credentials or none', () => {
    const block: EventAuthBlock = {
      access_token: 'a',
      client_endpoint: 'https://example.bitrix24.com/rest/',
      expires_in: '3600',
      member_id: 'm',
    }
    expectTypeOf(eventAuth(block)).toEqualTypeOf<Auth>()
    expectTypeOf(eventAuth(block, { clientId: 'c', clientSecret: 's' })).toEqualTypeOf<Auth>()
    // @ts-expect-error client_endpoint is required
    eventAuth({ access_token: 'a' })
    // @ts-expect-error app credentials come as a pair
    eventAuth(block, { clientId: 'c' })
  })
})
