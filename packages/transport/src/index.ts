export { createClient, type Client, type ClientOptions, type RawParams } from './create-client.ts'
export type { Auth, AuthorizedRequest } from './auth.ts'
export { webhookAuth } from './webhook-auth.ts'
export { unlimited, type Limiter } from './limiter.ts'
export type { RetryOptions } from './retry.ts'
export type { AttemptState, Hooks, Logger } from './observe.ts'
export type { BodyEncoding } from './encode-body.ts'
export {
  ApiError,
  B24Error,
  HttpError,
  NetworkError,
  ResponseShapeError,
  TimeoutError,
  ValidationError,
  type CallOptions,
  type Issue,
  type MethodDescriptor,
  type MethodParams,
  type MethodResult,
} from '@b24bot/core'
