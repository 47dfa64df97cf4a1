import { ResponseShapeError, toIssues, ValidationError, type CallArgs, type CallOptions, type Caller, type MethodDescriptor, type MethodResult } from '@b24bot/core'
import ky from 'ky'
import * as v from 'valibot'
import type { Auth } from './auth.ts'
import { withIdentity, type BotIdentity } from './bot-identity.ts'
import type { BodyEncoding } from './encode-body.ts'
import { createExecutor, type ExecuteRequest } from './execute.ts'
import { unlimited, type Limiter } from './limiter.ts'
import type { Hooks, Logger } from './observe.ts'
import { createRedactor } from './redactor.ts'
import { retryPolicy, type RetryOptions } from './retry.ts'
import { webhookAuth } from './webhook-auth.ts'

/** What {@link createClient} takes: how to authorize (`webhookUrl` or `auth`), and how to behave. */
export interface ClientOptions {
  /**
   * The incoming webhook: `https://{portal}/rest/{userId}/{secret}/`, a shortcut for
   * `auth: webhookAuth(url)`. It is a credential and is never logged.
   */
  readonly webhookUrl?: string | URL
  /** How calls are authorized: `webhookAuth(url)`, `oauth({...})`, ... Give this or `webhookUrl`. */
  readonly auth?: Auth
  /** The bot whose calls these are, for calls through a webhook: its `CLIENT_ID` and/or `botToken`. */
  readonly bot?: BotIdentity
  /** Time limit per attempt in milliseconds, or `false` for none. Default 60 000 (a cloud portal cuts calls at 60 s). */
  readonly timeout?: number | false
  /** How params are sent: `'json'` (default, keeps native types) or `'form'` (PHP-style brackets, all strings). */
  readonly encoding?: BodyEncoding
  /** How failed calls are repeated, or `false` to never repeat. */
  readonly retry?: RetryOptions | false
  /** Paces calls to the portal's limits. Default: none. */
  readonly limiter?: Limiter
  /** Called around every attempt. */
  readonly hooks?: Hooks
  /** Gets a debug line per attempt and a warning per failed call. Never sees a credential. */
  readonly logger?: Logger
  /** The `fetch` to use. Default: the global one. */
  readonly fetch?: typeof globalThis.fetch
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>
}

/** Params of a raw call: any object. */
export type RawParams = Readonly<Record<string, unknown>>

/**
 * A Bitrix24 REST client. Calls by descriptor are validated and typed; calls by name are the raw
 * escape hatch for any method.
 */
export interface Client extends Caller {
  /**
   * Calls a described method: validates params (a `ValidationError` and no request when they are
   * wrong), sends them, and parses the result into the method's documented type.
   *
   * @example
   * ```ts
   * const chatId = await client.call(methods['imbot.chat.get'], { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
   * ```
   */
  call<D extends MethodDescriptor>(descriptor: D, ...args: CallArgs<D>): Promise<MethodResult<D>>
  /**
   * Calls any method by name, unvalidated, and resolves to its raw `result`.
   *
   * @example
   * ```ts
   * const result = await client.call('imbot.chat.get', { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
   * ```
   */
  call(method: string, params?: RawParams, options?: CallOptions): Promise<unknown>
  /**
   * A new client with some options replaced. This client is not changed.
   *
   * @example
   * ```ts
   * const patient = client.extend({ timeout: 120_000 })
   * ```
   */
  extend(options: Partial<ClientOptions>): Client
}

const methodName = /^[A-Za-z][\w.]*$/

/** The auth the options name: exactly one of `auth` and `webhookUrl`. */
function authOf(options: ClientOptions): Auth {
  if (options.auth && options.webhookUrl !== undefined) throw new TypeError('Give either auth or webhookUrl, not both')
  if (options.auth) return options.auth
  if (options.webhookUrl !== undefined) return webhookAuth(options.webhookUrl)
  throw new TypeError('createClient needs auth or webhookUrl')
}

/**
 * Creates a client for one portal.
 *
 * @example
 * ```ts
 * import { createClient } from '@b24bot/transport'
 *
 * const client = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL! })
 * const result = await client.call('imbot.chat.get', { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
 * ```
 */
export function createClient(options: ClientOptions): Client {
  const auth = authOf(options)
  const defaultTimeout = options.timeout ?? 60_000
  const execute = createExecutor({
    http: ky.create({
      ...(options.fetch ? { fetch: options.fetch } : {}),
      retry: 0,
      throwHttpErrors: false,
      redirect: 'manual',
      headers: { accept: 'application/json', ...options.headers },
    }),
    auth,
    limiter: options.limiter ?? unlimited,
    retry: options.retry === false ? retryPolicy({ attempts: 1 }) : retryPolicy(options.retry),
    encoding: options.encoding ?? 'json',
    redactor: createRedactor(() => auth.secrets()),
    hooks: options.hooks ?? {},
    logger: options.logger,
  })

  /** Validates a call into the request the executor sends. */
  function prepare(target: MethodDescriptor | string, params: RawParams | undefined, callOptions: CallOptions): ExecuteRequest {
    const descriptor = typeof target === 'string' ? undefined : target
    const method = descriptor ? descriptor.method : (target as string)
    if (!methodName.test(method)) throw new TypeError(`Not a Bitrix24 method name: ${JSON.stringify(method)}`)
    callOptions.signal?.throwIfAborted()
    let wireParams: RawParams = params ?? {}
    if (descriptor) {
      const parsed = v.safeParse(descriptor.params, params ?? {})
      if (!parsed.success) throw new ValidationError({ method, issues: toIssues(parsed.issues) })
      wireParams = parsed.output
    }
    return {
      method,
      params: withIdentity(options.bot, method, wireParams),
      signal: callOptions.signal,
      timeout: callOptions.timeout ?? defaultTimeout,
      idempotent: callOptions.idempotent ?? descriptor?.idempotent ?? false,
    }
  }

  async function call(target: MethodDescriptor | string, params?: RawParams, callOptions: CallOptions = {}): Promise<unknown> {
    const envelope = await execute(prepare(target, params, callOptions))
    if (typeof target === 'string') return envelope.result
    const result = v.safeParse(target.result, envelope.result)
    if (!result.success) throw new ResponseShapeError({ method: target.method, issues: toIssues(result.issues), received: envelope.result })
    return result.output
  }

  return {
    call,
    extend: (overrides) => createClient({ ...options, ...overrides }),
  }
}
