/**
 * `@b24bot/redis`: shared state on Redis for b24bot replicas: one portal bucket, one OAuth refresh, one poller per bot,
 * no lost session write, across every process.
 *
 * @module @b24bot/redis
 */
export { RedisUnavailableError, type RedisUnavailableErrorOptions } from './redis-unavailable-error.ts'
export type { RedisStoreOptions, RedisTarget } from './connection.ts'
export { redisLimiterStore, type RedisLimiterStore, type RedisLimiterStoreOptions } from './limiter-store.ts'
export { redisTokenStore, type RedisTokenStore, type RedisTokenStoreOptions } from './token-store.ts'
export { redisSessionStore, type RedisSessionStore, type RedisSessionStoreOptions } from './session-store.ts'
export { redisOffsetStore, type RedisOffsetStore, type RedisOffsetStoreOptions, type RedisPollLease } from './offset-store.ts'
