import { ResponseShapeError, toIssues, ValidationError, type CallArgs, type CallOptions, type Caller, type MethodDescriptor, type MethodResult, type SuccessEnvelope } from '@b24bot/core'
import * as v from 'valibot'
import type { Auth } from './auth.ts'
import { createAutoBatcher, type AutoBatchOptions } from './auto-batch.ts'
import { createBatchSender, runBatch, type BatchCommands, type BatchOptions, type BatchResults, type CheckedCommands } from './batch.ts'
import { secretsWithIdentity, withIdentity, type BotIdentity } from './bot-identity.ts'
import type { BodyEncoding } from './encode-body.ts'
import { createExecutor, type ExecuteRequest } from './execute.ts'
import type { Limiter } from './limiter.ts'
import type { Hooks, Logger } from './observe.ts'
import { paginate, type PageItem, type PaginateArgs, type PaginateOptions } from './paginate.ts'
import { portalLimiter } from './portal-limiter.ts'
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
  /**
   * Paces calls to the portal's limits. Default: `portalLimiter()` (the standard plan: burst 50, then
   * 2 per second), one per client and shared with the clients `extend` derives; `unlimited` for none.
   */
  readonly limiter?: Limiter
  /** Called around every attempt. */
  readonly hooks?: Hooks
  /** Gets a debug line per attempt and a warning per failed call. Never sees a credential. */
  readonly logger?: Logger
  /** The `fetch` to use. Default: the global one. */
  readonly fetch?: typeof globalThis.fetch
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>
  /**
   * Calls issued together (in the same run of code, or within `window` ms) go as one `batch` request of up
   * to 50, each caller getting its own result or error; a lone call goes as it is. Default: on, with
   * `{ window: 0, maxSize: 50 }`; `false` sends every call alone.
   */
  readonly autoBatch?: AutoBatchOptions | false
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
  /**
   * Sends several calls as `batch` requests: each command is `[descriptor, params]` (validated, its
   * result typed) or `[method, params]`. Resolves to each command's result or its error (an
   * `ApiError` from `result_error`, ...), by key. Later commands may use earlier results through
   * {@link ref}. More than 50 commands go in requests of 50, in order.
   *
   * @example
   * ```ts
   * const { chat, bots } = await client.batch({
   *   chat: [methods['imbot.chat.get'], { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 }],
   *   bots: ['imbot.bot.list'],
   * })
   * if (ApiError.isInstance(chat)) console.warn(chat.code)
   * ```
   */
  batch<const C extends BatchCommands>(commands: C & CheckedCommands<C>, options?: BatchOptions): Promise<BatchResults<C>>
  /**
   * Iterates over every item of a list method, page after page (`start`/`next`, or the fast
   * `start=-1` mode ordered by id). Leave the loop whenever you like: no more pages are asked for.
   *
   * @example
   * ```ts
   * for await (const deal of client.paginate('crm.deal.list', { filter: { STAGE_ID: 'NEW' } }, { fast: true })) {
   *   console.log(deal)
   * }
   * ```
   */
  paginate<D extends MethodDescriptor>(descriptor: D, ...args: PaginateArgs<D>): AsyncGenerator<PageItem<MethodResult<D>>, void, undefined>
  /**
   * Iterates over every item of a list method called by name, unvalidated.
   *
   * @example
   * ```ts
   * for await (const lead of client.paginate('crm.lead.list', { select: ['ID', 'TITLE'] })) console.log(lead)
   * ```
   */
  paginate(method: string, params?: RawParams, options?: PaginateOptions): AsyncGenerator<unknown, void, undefined>
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
  const limiter = options.limiter ?? portalLimiter()
  const portalPacing = limiter.forPortal?.(auth.portal) ?? limiter
  const redactor = createRedactor(secretsWithIdentity(auth, options.bot))
  const encoding = options.encoding ?? 'json'
  const execute = createExecutor({
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: { accept: 'application/json', ...options.headers },
    auth,
    limiter: portalPacing,
    retry: options.retry === false ? retryPolicy({ attempts: 1 }) : retryPolicy(options.retry),
    encoding,
    redactor,
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

  const sendBatch = createBatchSender({ execute, limiter: portalPacing, redactor })
  /** Sends one prepared call: through the auto-batcher, or alone. */
  const send: (request: ExecuteRequest) => Promise<SuccessEnvelope> =
    options.autoBatch === false ? execute : createAutoBatcher({ execute, send: sendBatch, timeout: defaultTimeout, encoding, options: options.autoBatch ?? {} })

  /** A result parsed with the descriptor's schema, as the method documents it. */
  function parse(target: MethodDescriptor | string, raw: unknown): unknown {
    if (typeof target === 'string') return raw
    const result = v.safeParse(target.result, raw)
    if (!result.success) throw new ResponseShapeError({ method: target.method, issues: toIssues(result.issues), received: raw })
    return result.output
  }

  async function call(target: MethodDescriptor | string, params?: RawParams, callOptions: CallOptions = {}): Promise<unknown> {
    const envelope = await send(prepare(target, params, callOptions))
    return parse(target, envelope.result)
  }

  return {
    call,
    batch: (commands, batchOptions) =>
      runBatch({ send: sendBatch, identify: (method, params) => withIdentity(options.bot, method, params), timeout: defaultTimeout }, commands, batchOptions) as never,
    paginate: (target: MethodDescriptor | string, params?: RawParams, paginateOptions: PaginateOptions = {}) =>
      paginate(
        typeof target === 'string' ? target : target.method,
        async (extend, callOptions) => {
          const request = prepare(target, params, callOptions)
          const envelope = await send({ ...request, params: extend(request.params) })
          return { result: parse(target, envelope.result), next: envelope.next }
        },
        paginateOptions,
      ),
    extend: (overrides) => createClient({ ...options, limiter, ...overrides }),
  }
}
