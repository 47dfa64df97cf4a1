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
import { isMethodName, methodOf, paramsFor, resultFor, type CallTarget } from './call-target.ts'
import { jsonEncoding, type BodyEncoder } from './encode-body.ts'
import { createExecutor, sensitiveValues, type ExecuteRequest } from './execute.ts'
import type { FailureContext } from './failures.ts'
import { unlimited, type Limiter } from './limiter.ts'
import type { Hooks, Logger } from './observe.ts'
import { createRedactor, type Redactor } from './redactor.ts'
import { retryPolicy, type RetryOptions } from './retry.ts'
import { webhookAuth } from './webhook-auth.ts'

/**
 * What {@link createBaseClient} takes: how to authorize (`webhookUrl` or `auth`), and how to behave.
 * The same as `createClient`'s options, except that auto-batching is a piece you add:
 * `autoBatch: autoBatching()`.
 */
export interface BaseClientOptions {
  /**
   * The incoming webhook: `https://{portal}/rest/{userId}/{secret}/`, a shortcut for
   * `auth: webhookAuth(url)`. It is a credential and is never logged.
   */
  readonly webhookUrl?: string | URL
  /** How calls are authorized: `webhookAuth(url)`, `oauth({...})`, ... Give this or `webhookUrl`. */
  readonly auth?: Auth
  /**
   * Wraps around every logical call (a call, each command of a batch, each page of a paginated list),
   * the first outermost: `(request, next) => next(request)`. The bot identity of `@b24bot/imbot` is one
   * (`botIdentity({ clientId, botToken })`). `client.extend({ use })` adds wraps after the client's own;
   * it keeps them.
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
  /** How params are sent: {@link jsonEncoding} (default, keeps native types), or `formEncoding()` (PHP-style brackets, all strings). */
  readonly encoding?: BodyEncoder
  /** How failed calls are repeated, or `false` to never repeat. */
  readonly retry?: RetryOptions | false
  /**
   * Paces calls to the portal's limits, shared with the clients `extend` derives. A base client has
   * none by default (`unlimited`: a call the portal refuses with `QUERY_LIMIT_EXCEEDED` is retried after
   * a pause, as it was not executed); give `portalLimiter()` to keep under the limits before asking.
   * `createClient` defaults to `portalLimiter()`.
   */
  readonly limiter?: Limiter
  /** Called around every attempt of a call to the portal (the token endpoint's requests are not among them). */
  readonly hooks?: Hooks
  /** Gets a debug line per attempt and a warning per failed call. Never sees a credential. */
  readonly logger?: Logger
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>
  /**
   * Gathers calls issued together into `batch` requests: `autoBatching({ window, maxSize })`. Default:
   * none, every call goes alone (`createClient` turns it on by default).
   */
  readonly autoBatch?: AutoBatching
}

/**
 * A client that calls: `call` by descriptor (validated, typed) or by name (the raw escape hatch), and
 * `extend`. Batches and lists take it as their first argument: `batch(client, commands)`,
 * `paginate(client, descriptor, params)`.
 */
export interface BaseClient extends Caller {
  /**
   * Calls a described method: validates params (a `ValidationError` and no request when they are
   * wrong), sends them, and parses the result into the method's documented type.
   *
   * @example
   * ```ts
   * import { imbotChatGet } from '@b24bot/imbot'
   *
   * const chatId = await client.call(imbotChatGet, { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
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
  extend(options: Partial<BaseClientOptions>): BaseClient
}

/** What the pieces of a client (auto-batching, `batch`, `paginate`) reach inside it. Not public. */
export interface ClientInternals {
  /** Sends one request to the portal: limiter, auth, ky, retries. */
  readonly execute: (request: ExecuteRequest) => Promise<SuccessEnvelope>
  /** The limiter as paced for this client's portal. */
  readonly limiter: Limiter
  /** Removes credentials from what errors and logs carry. */
  readonly redactor: Redactor
  /** The client's time limit per request in milliseconds, or `false`. */
  readonly timeout: number | false
  /** How request bodies are encoded (JSON or PHP-style form). */
  readonly encoding: BodyEncoder
  /** The client's wraps around `terminal`. */
  readonly wrap: (terminal: CallNext) => CallNext
  /** How a call goes below the wraps. */
  readonly alone: CallNext
  /** A call through the wraps. */
  readonly send: CallNext
  /** Validates a call into the request the wraps see. */
  readonly prepare: (target: CallTarget, params: Params | undefined, options: CallOptions) => CallRequest
  /** The result as the target documents it, or its `ResponseShapeError`. */
  readonly parse: (request: CallRequest, target: CallTarget, raw: unknown) => unknown
  /** How errors of a call are made (its method, safety and credentials kept out). */
  readonly contextOf: (request: Pick<CallRequest, 'method' | 'params' | 'idempotent'>) => FailureContext
}

/**
 * Coalesces calls into `batch` requests: made by `autoBatching()`, given as `autoBatch` to
 * {@link createBaseClient}.
 */
export interface AutoBatching {
  /** Builds, for one client, the step its calls take below the wraps. */
  readonly install: (client: ClientInternals) => (request: ExecuteRequest) => Promise<SuccessEnvelope>
}

const internals: WeakMap<object, ClientInternals> = new WeakMap()

/** The insides of a client made by `createClient` or `createBaseClient`, or a `TypeError`. */
export function internalsOf(client: Caller, where: string): ClientInternals {
  const found = internals.get(client)
  if (!found) throw new TypeError(`${where} needs a client made by createClient or createBaseClient`)
  return found
}

/** Lets `client` be reached by the pieces as `inside`. */
export function registerClient(client: object, inside: ClientInternals): void {
  internals.set(client, inside)
}

/** The auth the options name: exactly one of `auth` and `webhookUrl`. */
function authOf(options: BaseClientOptions): Auth {
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
 * The options a derived client is made with: `overrides` over `options`, the limiter shared, the wraps
 * kept. A new `auth` or `webhookUrl` replaces the other: a client has one way to authorize.
 */
export function extendedOptions<O extends BaseClientOptions | { readonly auth?: Auth; readonly webhookUrl?: string | URL }>(
  options: O & { readonly use?: readonly CallWrap[] },
  limiter: Limiter,
  overrides: Partial<O> & { readonly use?: readonly CallWrap[] },
): O {
  const replaced = overrides.auth !== undefined || overrides.webhookUrl !== undefined
  const { auth: ownAuth, webhookUrl: ownWebhook, ...rest } = options
  const authorization = replaced
    ? {}
    : { ...(ownAuth ? { auth: ownAuth } : {}), ...(ownWebhook === undefined ? {} : { webhookUrl: ownWebhook }) }
  return { ...rest, ...authorization, limiter, ...overrides, use: [...(options.use ?? []), ...(overrides.use ?? [])] } as unknown as O
}

/** A client as {@link createBaseClient} makes it, and its insides. */
export function buildClient(options: BaseClientOptions): {
  readonly client: BaseClient
  readonly inside: ClientInternals
  /** The limiter as given (or made), which derived clients share. */
  readonly limiter: Limiter
} {
  const auth = authOf(options)
  const defaultTimeout = checkTimeout(options.timeout ?? 60_000, 'timeout')
  const limiter = options.limiter ?? unlimited
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
  const encoding = options.encoding ?? jsonEncoding
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
  const contextOf = (request: Pick<CallRequest, 'method' | 'params' | 'idempotent'>): FailureContext => ({
    method: request.method,
    idempotent: request.idempotent,
    redactor: redactor.with(sensitiveValues(request.params)),
  })
  /** The step below the wraps: the executor, or the auto-batcher in front of it (set once the insides exist). */
  let below: (request: ExecuteRequest) => Promise<SuccessEnvelope> = execute
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

  function parse(request: CallRequest, target: CallTarget, raw: unknown): unknown {
    const parsed = resultFor(target, raw, contextOf(request))
    if ('error' in parsed) throw parsed.error
    return parsed.value
  }

  const inside: ClientInternals = {
    execute,
    limiter: portalPacing,
    redactor,
    timeout: defaultTimeout,
    encoding,
    wrap: (terminal) => compose(wraps, terminal),
    alone,
    send,
    prepare,
    parse,
    contextOf,
  }
  if (options.autoBatch) below = options.autoBatch.install(inside)

  async function call(target: CallTarget, params?: Params, callOptions: CallOptions = {}): Promise<unknown> {
    const request = prepare(target, params, callOptions)
    const envelope = await send(request)
    return parse(request, target, envelope.result)
  }

  const client: BaseClient = {
    call,
    extend: (overrides) => createBaseClient(extendedOptions(options, limiter, overrides)),
  }
  registerClient(client, inside)
  return { client, inside, limiter }
}

/**
 * Creates a client for one portal that carries only what a call needs: validation, retries,
 * redaction, wraps. Batches, lists, auto-batching and pacing are pieces you import when you use them
 * ({@link AutoBatching}, `batch`, `paginate`, `portalLimiter`), so a bundle that makes one call holds no
 * more than that (`createClient` is this with all of them on).
 *
 * @example
 * ```ts
 * import { imbotChatGet } from '@b24bot/imbot'
 * import { autoBatching, batch, createBaseClient, paginate, portalLimiter } from '@b24bot/transport'
 *
 * const client = createBaseClient({ webhookUrl: process.env.B24_WEBHOOK_URL! })
 * const chatId = await client.call(imbotChatGet, { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })
 * const { bots } = await batch(client, { bots: ['imbot.bot.list'] })
 * for await (const lead of paginate(client, 'crm.lead.list', { select: ['ID'] })) console.log(lead)
 * const busy = createBaseClient({ webhookUrl: process.env.B24_WEBHOOK_URL!, autoBatch: autoBatching(), limiter: portalLimiter() })
 * ```
 */
export function createBaseClient(options: BaseClientOptions): BaseClient {
  return buildClient(options).client
}
