import type { BotOptions, OffsetStore, PollingOptions, SessionStore } from '@b24bot/bot'
import type { LimiterStore, OAuthOptions, PortalLimiterOptions, TokenStore } from '@b24bot/transport'
import type { Cluster, Redis } from 'ioredis'
import { describe, expectTypeOf, it } from 'vitest'
import {
  redisLimiterStore,
  redisOffsetStore,
  redisSessionStore,
  redisTokenStore,
  type RedisPollLease,
  type RedisStoreOptions,
} from './index.ts'

describe('the stores fit where the other packages take them', () => {
  it("is each package's own store type, with its optional member present", () => {
    expectTypeOf(redisLimiterStore).returns.toExtend<LimiterStore>()
    expectTypeOf(redisLimiterStore).returns.toExtend<NonNullable<PortalLimiterOptions['store']>>()
    expectTypeOf(redisTokenStore).returns.toExtend<TokenStore>()
    expectTypeOf(redisTokenStore).returns.toExtend<Required<TokenStore>>()
    expectTypeOf(redisTokenStore).returns.toExtend<NonNullable<OAuthOptions['store']>>()
    expectTypeOf(redisSessionStore).returns.toExtend<Required<SessionStore>>()
    expectTypeOf(redisSessionStore).returns.toExtend<NonNullable<BotOptions['session']>>()
    expectTypeOf(redisOffsetStore).returns.toExtend<Required<OffsetStore>>()
    expectTypeOf(redisOffsetStore).returns.toExtend<NonNullable<PollingOptions['offsets']>>()
    expectTypeOf<RedisPollLease>().toExtend<NonNullable<Awaited<ReturnType<NonNullable<OffsetStore['acquire']>>>>>()
  })

  it('takes a url or your client (Redis or Cluster), never both, and a key for tokens', () => {
    expectTypeOf<{ url: string }>().toExtend<RedisStoreOptions>()
    expectTypeOf<{ client: Redis }>().toExtend<RedisStoreOptions>()
    expectTypeOf<{ client: Cluster; prefix: string; timeout: number }>().toExtend<RedisStoreOptions>()
    expectTypeOf<{ url: string; client: Redis }>().not.toExtend<RedisStoreOptions>()
    expectTypeOf<{ prefix: string }>().not.toExtend<RedisStoreOptions>()
    expectTypeOf<{ url: string }>().not.toExtend<Parameters<typeof redisTokenStore>[0]>()
    expectTypeOf<{ url: string; key: string }>().toExtend<Parameters<typeof redisTokenStore>[0]>()
  })
})
