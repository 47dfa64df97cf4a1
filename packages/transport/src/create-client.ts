import type { CallArgs, CallOptions, Caller, CallWrap, MethodDescriptor, MethodResult, Params } from '@b24bot/core'
import type { KyInstance } from 'ky'
import type { Auth } from './auth.ts'
import { autoBatching, type AutoBatchOptions } from './auto-batch.ts'
import { buildClient, extendedOptions, registerClient } from './base-client.ts'
import { batch, type BatchCommands, type BatchOptions, type BatchResults, type CheckedCommands } from './batch.ts'
import type { CallTarget } from './call-target.ts'
import { jsonEncoding, type BodyEncoder, type BodyEncoding } from './encode-body.ts'
import { formEncoding } from './form-encoding.ts'
import type { Limiter } from './limiter.ts'
import { portalLimiter } from './portal-limiter.ts'
import type { Hooks, Logger } from './observe.ts'
import { paginate, type PageableDescriptor, type PageOf, type PaginateArgs, type PaginateOptions } from './paginate.ts'
import type { RetryOptions } from './retry.ts'

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
  /** How params are sent: `'json'` (default, keeps native types) or `'form'` (PHP-style brackets, all strings), or an encoder. */
  readonly encoding?: BodyEncoding | BodyEncoder
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
   * import { methods } from '@b24bot/imbot'
   *
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
   * import { ApiError } from '@b24bot/transport'
   * import { methods } from '@b24bot/imbot'
   *
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

/**
 * Creates a client for one portal, with every piece on: auto-batching (unless `autoBatch: false`),
 * `client.batch` and `client.paginate`. It costs about 21 kB gzipped in a browser bundle, ky and valibot
 * included, whichever of them you use; `createBaseClient` carries only what a call needs (about 16 kB)
 * and takes the others as pieces (`autoBatching()`, `batch(client, ...)`, `paginate(client, ...)`).
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
  const { autoBatch, ...given } = options
  const encoding =
    given.encoding === 'form' ? formEncoding() : given.encoding === 'json' || given.encoding === undefined ? jsonEncoding : given.encoding
  const rest = { ...given, encoding, limiter: given.limiter ?? portalLimiter() }
  const { client: base, inside, limiter } = buildClient(autoBatch === false ? rest : { ...rest, autoBatch: autoBatching(autoBatch) })
  const client: Client = {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- the base client's call is a plain function; it never reads `this`
    call: base.call,
    batch: (commands, batchOptions) => batch(base, commands, batchOptions),
    paginate: (target: CallTarget, params?: Params, paginateOptions?: PaginateOptions) =>
      paginate(base, target as string, params, paginateOptions),
    extend: (overrides) => createClient(extendedOptions(options, limiter, overrides)),
  }
  registerClient(client, inside)
  return client
}
