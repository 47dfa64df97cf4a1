import type {
  CallArgs,
  CallNext,
  CallOptions,
  Caller,
  CallRequest,
  CallWrap,
  MethodDescriptor,
  MethodResult,
  Params,
  SuccessEnvelope,
} from '@b24bot/core'
import defaultKy, { type KyInstance } from 'ky'
import type { Auth } from './auth.ts'
import { createAutoBatcher, type AutoBatchOptions } from './auto-batch.ts'
import {
  contextOf,
  createBatchSender,
  runBatch,
  type BatchCommands,
  type BatchOptions,
  type BatchResults,
  type CheckedCommands,
} from './batch.ts'
import { isMethodName, methodOf, paramsFor, resultFor, type CallTarget } from './call-target.ts'
import type { BodyEncoding } from './encode-body.ts'
import { createExecutor, type ExecuteRequest } from './execute.ts'
import { shapeError } from './failures.ts'
import type { Limiter } from './limiter.ts'
import type { Hooks, Logger } from './observe.ts'
import { checkPaging, paginate, type PageableDescriptor, type PageOf, type PaginateArgs, type PaginateOptions } from './paginate.ts'
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
  /**
   * Wraps around every logical call (a call, each command of `client.batch`, each page of
   * `client.paginate`), the first outermost: `(request, next) => next(request)`. The bot identity of
   * `@b24bot/imbot` is one (`botIdentity({ clientId, botToken })`). `client.extend({ use })` adds
   * wraps after the client's own; it keeps them.
   */
  readonly use?: readonly CallWrap[]
  /**
   * The ky instance every HTTP request is sent with (`ky.create({...})`, `ky.extend({...})`): its
   * `fetch` (a proxy agent, a test double), hooks and headers apply. The client's own retries, limiter
   * and auth run on top; each attempt is sent with ky's `retry` off, `throwHttpErrors` off, the
   * client's time limit as `timeout`, no `prefixUrl` or `searchParams`, and redirects not followed,
   * whatever the instance was created with. Default: ky itself.
   */
  readonly ky?: KyInstance
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
  /** Called around every attempt of a call to the portal (the token endpoint's requests are not among them). */
  readonly hooks?: Hooks
  /** Gets a debug line per attempt and a warning per failed call. Never sees a credential. */
  readonly logger?: Logger
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>
  /**
   * Calls issued together (in the same run of code, or within `window` ms) go as one `batch` request of up
   * to 50, each caller getting its own result or error; a lone call goes as it is. Default: on, with
   * `{ window: 0, maxSize: 50 }`; `false` sends every call alone.
   */
  readonly autoBatch?: AutoBatchOptions | false
}

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
  call(method: string, params?: Params, options?: CallOptions): Promise<unknown>
  /**
   * A new client with some options replaced. This client is not changed. It shares this client's
   * limiter unless given another, and keeps its wraps: `use` adds wraps after (inside) them.
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
  paginate<D extends MethodDescriptor>(
    descriptor: D & PageableDescriptor<D>,
    ...args: PaginateArgs<D>
  ): AsyncGenerator<PageOf<D>, void, undefined>
  /**
   * Iterates over every item of a list method called by name, unvalidated.
   *
   * @example
   * ```ts
   * for await (const lead of client.paginate('crm.lead.list', { select: ['ID', 'TITLE'] })) console.log(lead)
   * ```
   */
  paginate(method: string, params?: Params, options?: PaginateOptions): AsyncGenerator<unknown, void, undefined>
}

/** The auth the options name: exactly one of `auth` and `webhookUrl`. */
function authOf(options: ClientOptions): Auth {
  if (options.auth && options.webhookUrl !== undefined) throw new TypeError('Give either auth or webhookUrl, not both')
  if (options.auth) return options.auth
  if (options.webhookUrl !== undefined) return webhookAuth(options.webhookUrl)
  throw new TypeError('createClient needs auth or webhookUrl')
}

/** The longest time limit timers take (2^31 - 1 ms, about 24.8 days). */
const maxTimeout = 2_147_483_647

/** A time limit as given, or a `TypeError`: a positive number of milliseconds up to {@link maxTimeout}, or `false`. */
function checkTimeout(timeout: number | false, name: string): number | false {
  if (timeout === false) return false
  if (typeof timeout !== 'number' || !(timeout > 0) || timeout > maxTimeout)
    throw new TypeError(`${name} must be a number of milliseconds from 1 to ${String(maxTimeout)}, or false`)
  return timeout
}

/** `wraps` around `terminal`, the first outermost. */
function compose(wraps: readonly CallWrap[], terminal: CallNext): CallNext {
  return wraps.reduceRight<CallNext>((next, wrap) => (request) => wrap(request, next), terminal)
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
  const defaultTimeout = checkTimeout(options.timeout ?? 60_000, 'timeout')
  const limiter = options.limiter ?? portalLimiter()
  const portalPacing = limiter.forPortal?.(auth.portal) ?? limiter
  const wraps = options.use ?? []
  if (!wraps.every((wrap) => typeof wrap === 'function')) throw new TypeError('use: every wrap is a function (request, next) => Promise')
  const wrapSecrets = wraps.flatMap((wrap) => wrap.secrets ?? []).filter((secret) => typeof secret === 'string' && secret !== '')
  let from: readonly string[] | undefined
  let secrets: readonly string[] = []
  const redactor = createRedactor(() => {
    const current = auth.secrets()
    if (current !== from) {
      from = current
      secrets = wrapSecrets.length === 0 ? current : [...current, ...wrapSecrets]
    }
    return secrets
  })
  const encoding = options.encoding ?? 'json'
  const execute = createExecutor({
    ky: options.ky ?? defaultKy,
    headers: { accept: 'application/json', ...options.headers },
    auth,
    limiter: portalPacing,
    retry: options.retry === false ? retryPolicy({ attempts: 1 }) : retryPolicy(options.retry),
    encoding,
    redactor,
    hooks: options.hooks ?? {},
    logger: options.logger,
  })
  const sendBatch = createBatchSender({ execute, limiter: portalPacing, redactor })
  const below: (request: ExecuteRequest) => Promise<SuccessEnvelope> =
    options.autoBatch === false
      ? execute
      : createAutoBatcher({ execute, send: sendBatch, timeout: defaultTimeout, encoding, redactor, options: options.autoBatch ?? {} })
  /**
   * Where a call goes after the wraps: auto-batching (or not), then the executor. What a wrap hands on
   * is checked again: a method name (never something that walks a URL) and params that are an object.
   */
  const alone: CallNext = (request: CallRequest) => {
    if (!isMethodName(request.method)) return Promise.reject(new TypeError('A wrap passed on something that is not a Bitrix24 method name'))
    if (typeof request.params !== 'object' || (request.params as unknown) === null)
      return Promise.reject(new TypeError(`A wrap passed on params of ${request.method} that are not an object`))
    return below({
      method: request.method,
      params: request.params,
      signal: request.signal,
      timeout: request.timeout,
      idempotent: request.idempotent,
    })
  }
  const send = compose(wraps, alone)

  /** Validates a call into the request the wraps see. */
  function prepare(target: CallTarget, params: Params | undefined, callOptions: CallOptions): CallRequest {
    const method = methodOf(target)
    callOptions.signal?.throwIfAborted()
    return {
      method,
      params: paramsFor(target, params),
      signal: callOptions.signal,
      timeout: callOptions.timeout === undefined ? defaultTimeout : checkTimeout(callOptions.timeout, "the call's timeout"),
      idempotent: callOptions.idempotent ?? (typeof target === 'string' ? undefined : target.idempotent) ?? false,
    }
  }

  /** The result as the target documents it, or its `ResponseShapeError`. */
  function parse(request: CallRequest, target: CallTarget, raw: unknown): unknown {
    const parsed = resultFor(target, raw, contextOf(request, redactor))
    if ('error' in parsed) throw parsed.error
    return parsed.value
  }

  async function call(target: CallTarget, params?: Params, callOptions: CallOptions = {}): Promise<unknown> {
    const request = prepare(target, params, callOptions)
    const envelope = await send(request)
    return parse(request, target, envelope.result)
  }

  return {
    call,
    batch: (commands, batchOptions) =>
      runBatch(
        { send: sendBatch, wrap: (terminal) => compose(wraps, terminal), alone, redactor, timeout: defaultTimeout },
        commands,
        batchOptions,
      ) as never,
    paginate: (target: CallTarget, params?: Params, paginateOptions: PaginateOptions = {}) => {
      const method = methodOf(target)
      const paging = typeof target === 'string' ? 'start' : (target.paging ?? 'start')
      checkPaging(method, paging, paginateOptions)
      return paginate(
        {
          method,
          paging,
          notAList: (message, received) =>
            shapeError(contextOf({ method, params: params ?? {}, idempotent: true }, redactor), [{ path: 'result', message }], received),
        },
        async (extend, callOptions) => {
          const request = prepare(target, params, callOptions)
          const paged = { ...request, params: extend(request.params) }
          const envelope = await send(paged)
          return { result: parse(paged, target, envelope.result), next: envelope.next }
        },
        paginateOptions,
      )
    },
    extend: (overrides) => {
      // A new `auth` or `webhookUrl` replaces the other: a client has one way to authorize.
      const replaced = overrides.auth !== undefined || overrides.webhookUrl !== undefined
      const { auth: ownAuth, webhookUrl: ownWebhook, ...rest } = options
      const authorization: Pick<ClientOptions, 'auth' | 'webhookUrl'> = replaced
        ? {}
        : { ...(ownAuth ? { auth: ownAuth } : {}), ...(ownWebhook === undefined ? {} : { webhookUrl: ownWebhook }) }
      return createClient({ ...rest, ...authorization, limiter, ...overrides, use: [...wraps, ...(overrides.use ?? [])] })
    },
  }
}
