/**
 * `@b24bot/transport`: the REST client: webhook and OAuth auth, portal-exact limits, one error policy for safe retries,
 * batching, a seam to wrap calls, typed errors.
 *
 * @module @b24bot/transport
 */
export { createClient, type Client, type ClientOptions } from './create-client.ts'
export { createBaseClient, type AutoBatching, type BaseClient, type BaseClientOptions, type ClientInternals } from './base-client.ts'
export type { Auth, AuthorizedRequest, RefreshContext } from './auth.ts'
export { webhookAuth } from './webhook-auth.ts'
export { oauth, refreshTokens, type OAuthOptions, type RefreshTokensOptions, type TokenGrant } from './oauth.ts'
export { memoryTokenStore, type Tokens, type TokenStore } from './token-store.ts'
export { eventAuth, type EventAuthBlock, type EventAuthOptions } from './event-auth.ts'
export { tokenAuth, type TokenAuthOptions } from './token-auth.ts'
export { readBody } from './read-body.ts'
export { unlimited, type Limiter } from './limiter.ts'
export { portalLimiter, type LimiterPlan, type PortalLimiterOptions } from './portal-limiter.ts'
export { memoryLimiterStore, type BucketRule, type LimiterStore } from './limiter-store.ts'
export type { RetryOptions } from './retry.ts'
export type { AttemptState, Hooks, Logger } from './observe.ts'
export { jsonEncoding, type BodyEncoder, type BodyEncoding } from './encode-body.ts'
export { formEncoding } from './form-encoding.ts'
export {
  batch,
  ref,
  type BatchCommand,
  type BatchCommands,
  type BatchError,
  type BatchOptions,
  type BatchReference,
  type BatchResult,
  type BatchResults,
  type CheckedCommands,
  type Referable,
} from './batch.ts'
export { autoBatching, type AutoBatchOptions } from './auto-batch.ts'
export { paginate, type PageableDescriptor, type PageItem, type PageOf, type PaginateArgs, type PaginateOptions } from './paginate.ts'
export {
  ApiError,
  B24Error,
  HttpError,
  NetworkError,
  ResponseShapeError,
  TimeoutError,
  ValidationError,
  type CallNext,
  type CallOptions,
  type CallRequest,
  type CallWrap,
  type Issue,
  type MethodDescriptor,
  type MethodPaging,
  type MethodParams,
  type MethodResult,
  type Params,
} from '@b24bot/core'
