import type * as v from 'valibot'

/** A schema for a method's params: any input, a record of wire params out. */
export type ParamsSchema = v.GenericSchema<unknown, Record<string, unknown>>

/** A schema for a method's result: the raw `result` in, the documented type out. */
export type ResultSchema = v.GenericSchema<unknown, unknown>

/**
 * One Bitrix24 method as data: its name, the schema its params must pass (the output is what is
 * sent), and the schema that turns its raw `result` into the documented type. The method tables
 * and their bindings are built from these.
 *
 * @example
 * ```ts
 * import { defineMethod } from '@b24bot/core'
 * import * as v from 'valibot'
 *
 * const chatGet = defineMethod({
 *   method: 'imbot.chat.get',
 *   params: v.strictObject({ ENTITY_TYPE: v.string(), ENTITY_ID: v.string() }),
 *   result: v.nullable(v.object({ ID: v.number() })),
 * })
 * ```
 */
export interface MethodDescriptor<
  Method extends string = string,
  Params extends ParamsSchema = ParamsSchema,
  Result extends ResultSchema = ResultSchema,
  Paging extends MethodPaging | undefined = MethodPaging | undefined,
> {
  /** The exact REST method name, such as `imbot.chat.get`. */
  readonly method: Method
  /** Validates params before any request; its output is what goes on the wire. */
  readonly params: Params
  /** Parses the envelope's `result` into the documented type. */
  readonly result: Result
  /**
   * Whether sending the call twice has the effect of sending it once (reads, and registrations that
   * return the existing record). Only such calls are repeated after a failure that may have
   * happened after the portal executed them. Default `false`.
   */
  readonly idempotent?: boolean
  /** How `client.paginate` pages the method. Default `'start'`, the classic REST paging. */
  readonly paging?: Paging
}

/**
 * How a list method pages, for `client.paginate`:
 * - `'start'`: the classic REST paging (server-behavior §1.8): `start` = the offset, each answer's
 *   `next` the offset of the next page; what a method without a `paging` pages by.
 * - `{ style: 'offset' }`: the v2 paging: `offset` (and `limit`) params, the page's items under
 *   `items` in the result, and `hasMore` naming the result's flag that another page follows.
 * - `{ style: 'none', reason }`: the method cannot be paged (`reason` says what to do instead).
 *
 * @example
 * ```ts
 * import type { MethodPaging } from '@b24bot/core'
 *
 * const paging: MethodPaging = { style: 'offset', items: 'bots', hasMore: 'hasNextPage' }
 * ```
 */
export type MethodPaging =
  | 'start'
  | { readonly style: 'offset'; readonly items: string; readonly hasMore: string }
  | { readonly style: 'none'; readonly reason: string }

/** The params a caller passes to a method (the schema's input type). */
export type MethodParams<D extends MethodDescriptor> = v.InferInput<D['params']>

/** What a method resolves to (the result schema's output type). */
export type MethodResult<D extends MethodDescriptor> = v.InferOutput<D['result']>

/** Per-call options. Every call accepts them. */
export interface CallOptions {
  /** Cancels the call; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined
  /** Overrides the client's time limit for this call, in milliseconds. */
  readonly timeout?: number | undefined
  /**
   * Declares this call safe to repeat, so the client may resend it after a timeout or a lost
   * connection, when the portal may already have executed it. Default: the descriptor's
   * `idempotent` (a raw call by name: `false`).
   */
  readonly idempotent?: boolean | undefined
}

/** The arguments after the descriptor: params are optional exactly when every param is optional. */
export type CallArgs<D extends MethodDescriptor> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends P` is how "every key of P is optional" is spelled
  {} extends MethodParams<D> ? [params?: MethodParams<D>, options?: CallOptions] : [params: MethodParams<D>, options?: CallOptions]

/**
 * Anything that can carry out a described call: the transport's client, or a test double.
 * The method bindings need nothing more.
 */
export interface Caller {
  /** Validates params, sends the call, and parses the result with the descriptor's schemas. */
  call<D extends MethodDescriptor>(descriptor: D, ...args: CallArgs<D>): Promise<MethodResult<D>>
}

/**
 * Declares a method descriptor. Returns it frozen, with its name kept as a literal type.
 *
 * @example
 * ```ts
 * import { defineMethod } from '@b24bot/core'
 * import * as v from 'valibot'
 *
 * const params = v.strictObject({ ENTITY_TYPE: v.string(), ENTITY_ID: v.string() })
 * const result = v.nullable(v.number())
 * export const chatGet = defineMethod({ method: 'imbot.chat.get', params, result })
 * ```
 */
export function defineMethod<
  const Method extends string,
  Params extends ParamsSchema,
  Result extends ResultSchema,
  const Paging extends MethodPaging | undefined = undefined,
>(descriptor: MethodDescriptor<Method, Params, Result, Paging>): MethodDescriptor<Method, Params, Result, Paging> {
  return Object.freeze({
    method: descriptor.method,
    params: descriptor.params,
    result: descriptor.result,
    ...(descriptor.idempotent === undefined ? {} : { idempotent: descriptor.idempotent }),
    ...(descriptor.paging === undefined ? {} : { paging: descriptor.paging }),
  })
}
