import type { CallOptions, Caller, MethodDescriptor, MethodPaging, MethodParams, MethodResult, Params } from '@b24bot/core'
import { internalsOf } from './base-client.ts'
import { methodOf, type CallTarget } from './call-target.ts'
import { shapeError } from './failures.ts'

/** `LIST_LIMIT`: a list method answers at most 50 items per page (server-behavior §1.8). */
const PAGE_SIZE = 50

/**
 * Options of `client.paginate`.
 *
 * @example
 * ```ts
 * for await (const deal of client.paginate('crm.deal.list', { filter: { STAGE_ID: 'NEW' } }, { fast: true })) console.log(deal)
 * ```
 */
export interface PaginateOptions {
  /**
   * The fast mode for large lists (server-behavior §1.8): `start=-1` (no count query, no `total`), ordered
   * by the id field ascending, each page filtered `>ID` the last id seen. `true` uses the field `ID`.
   * The method must support `order` and `filter` (its params' `order`/`filter`, or `ORDER`/`FILTER` when
   * the params use those); the order you give is replaced.
   */
  readonly fast?: boolean | { readonly idField?: string } | undefined
  /** Stops the iteration: the pending page request is cancelled and the loop throws the reason. */
  readonly signal?: AbortSignal | undefined
}

/**
 * The items of a list method's result: the elements of a list, the values of a map keyed by id, or the
 * elements of the one list inside an object such as `{ items: [...] }` (or under the key a v2
 * method's `paging` names: its `bots` of `{ bots, users, hasNextPage }`).
 *
 * @example
 * ```ts
 * import type { PageItem } from '@b24bot/transport'
 *
 * type Bot = PageItem<Record<number, { ID: number }>> // { ID: number }
 * ```
 */
export type PageItem<Result> = Result extends readonly (infer Item)[]
  ? Item
  : Result extends Readonly<Record<string, infer Value>>
    ? Value extends readonly (infer Item)[]
      ? Item
      : Value
    : unknown

/**
 * What `client.paginate` yields for a descriptor: the elements under the key its `paging` names (v2
 * paging), or the {@link PageItem} of its result (the classic paging).
 *
 * @example
 * ```ts
 * import type { PageOf } from '@b24bot/transport'
 * import type { methods } from '@b24bot/imbot'
 *
 * type Bot = PageOf<(typeof methods)['imbot.v2.Bot.list']> // an element of result.bots
 * ```
 */
export type PageOf<D extends MethodDescriptor> = [NonNullable<D['paging']>] extends [never]
  ? PageItem<MethodResult<D>>
  : NonNullable<D['paging']> extends { readonly style: 'offset'; readonly items: infer Key extends string }
    ? MethodResult<D> extends Readonly<Record<Key, readonly (infer Item)[]>>
      ? Item
      : unknown
    : NonNullable<D['paging']> extends { readonly style: 'none' }
      ? never
      : PageItem<MethodResult<D>>

/** Whether a descriptor's `paging` declares `style` (never for one that declares no paging). */
type PagesBy<D extends MethodDescriptor, Style extends string> = [NonNullable<D['paging']>] extends [never]
  ? false
  : NonNullable<D['paging']> extends { readonly style: Style }
    ? true
    : false

/** The paging options a descriptor takes: the fast mode only for the classic paging. */
type PaginateOptionsOf<D extends MethodDescriptor> =
  PagesBy<D, 'offset'> extends true ? Omit<PaginateOptions, 'fast'> & { readonly fast?: false | undefined } : PaginateOptions

/** A descriptor `client.paginate` takes: not one whose `paging` says it cannot be paged. */
export type PageableDescriptor<D extends MethodDescriptor> = PagesBy<D, 'none'> extends true ? never : D

/**
 * The arguments after the descriptor of `client.paginate`: params optional exactly when every param is.
 *
 * @example
 * ```ts
 * import type { MethodDescriptor, PaginateArgs } from '@b24bot/transport'
 *
 * declare function pages<D extends MethodDescriptor>(descriptor: D, ...args: PaginateArgs<D>): void
 * ```
 */
export type PaginateArgs<D extends MethodDescriptor> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends P` is how "every key of P is optional" is spelled
  {} extends MethodParams<D>
    ? [params?: MethodParams<D>, options?: PaginateOptionsOf<D>]
    : [params: MethodParams<D>, options?: PaginateOptionsOf<D>]

/** One page: the parsed result and the envelope's `next`. */
export interface Page {
  readonly result: unknown
  readonly next: number | undefined
}

/** Loads one page: the caller's validated params, extended with the paging params. */
export type LoadPage = (extend: (params: Params) => Params, options: CallOptions) => Promise<Page>

/** Why a page cannot be read as items: thrown as the call's `ResponseShapeError`, naming the keys it found (never a value). */
export type NotAList = (message: string, received: unknown) => Error

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const advice = 'client.paginate cannot page it: call the method directly, or describe its paging in its descriptor (`paging`)'

/**
 * The items of one page of the classic paging (see {@link PageItem}): a list; the one list of an
 * object; or the values of a map, when they are all records or all scalars. Anything else (an object
 * holding several lists and flags, as v2 results are) is refused rather than guessed at.
 */
function itemsOf(result: unknown, notAList: NotAList): readonly unknown[] {
  if (Array.isArray(result)) return result
  if (isPlainObject(result)) {
    const values = Object.values(result)
    const [only] = values
    if (values.length === 1 && Array.isArray(only)) return only as unknown[]
    if (values.every(isPlainObject) || values.every((value) => value === null || typeof value !== 'object')) return values
    const keys = Object.keys(result).slice(0, 10).join(', ')
    throw notAList(`is not a list of items but an object with keys ${keys}; ${advice}`, result)
  }
  throw notAList(`is not a list of items; ${advice}`, result)
}

/**
 * The keys the params use for the filter and the order: `FILTER`/`ORDER` when they already hold an
 * upper-case one (and no lower-case one), else `filter`/`order`.
 */
function pagingKeys(params: Params): { readonly filter: string; readonly order: string } {
  const has = (key: string): boolean => Object.hasOwn(params, key)
  const upper = (has('FILTER') || has('ORDER')) && !has('filter') && !has('order')
  return upper ? { filter: 'FILTER', order: 'ORDER' } : { filter: 'filter', order: 'order' }
}

/** What {@link paginate} needs besides the loader: the method's paging, and how to refuse a page. */
export interface PagingContext {
  readonly method: string
  /** The descriptor's `paging`; `'start'` for a call by name. */
  readonly paging: MethodPaging
  readonly notAList: NotAList
}

/**
 * Whether `paging` can be followed with `options`; a `TypeError` (before any request) when it cannot:
 * a method that does not page, or the fast mode on a method that does not page by `start`.
 */
function checkPaging(method: string, paging: MethodPaging, options: PaginateOptions): void {
  if (typeof paging === 'object' && paging.style === 'none') throw new TypeError(`client.paginate cannot page ${method}: ${paging.reason}`)
  if (typeof paging === 'object' && options.fast !== undefined && options.fast !== false) {
    throw new TypeError(`client.paginate: the fast mode is for the classic start/next paging; ${method} pages by offset`)
  }
}

/**
 * Iterates over every item of a list method, one page at a time, as the loop asks for items; leaving
 * the loop early (`break`) requests nothing more. The classic paging: `start=0`, then the `next` each
 * page gives, until a page has none; in the fast mode, `start=-1` pages ordered by id, each after the
 * last id seen, until a page is short. The v2 paging: `offset` from the caller's (or 0), the items
 * under the key `paging.items`, while the page's `paging.hasMore` flag is `true`.
 */
async function* pages(context: PagingContext, load: LoadPage, options: PaginateOptions = {}): AsyncGenerator<unknown, void, undefined> {
  const { signal } = options
  const { paging, notAList } = context
  if (typeof paging === 'object' && paging.style === 'offset') {
    yield* byOffset(paging, load, options, notAList)
    return
  }
  const fast = options.fast === true ? {} : options.fast === false ? undefined : options.fast
  if (!fast) {
    let start = 0
    for (;;) {
      signal?.throwIfAborted()
      const offset = start
      const page = await load((params) => ({ ...params, start: offset }), { signal })
      yield* itemsOf(page.result, notAList)
      if (page.next === undefined || page.next <= start) return
      start = page.next
    }
  }
  const idField = fast.idField ?? 'ID'
  let lastId: unknown
  for (;;) {
    signal?.throwIfAborted()
    const after = lastId
    const page = await load(
      (params) => {
        const keys = pagingKeys(params)
        const given = params[keys.filter]
        const filter = isPlainObject(given) ? given : {}
        return {
          ...params,
          start: -1,
          [keys.order]: { [idField]: 'ASC' },
          [keys.filter]: after === undefined ? filter : { ...filter, [`>${idField}`]: after },
        }
      },
      { signal },
    )
    const items = itemsOf(page.result, notAList)
    yield* items
    if (items.length < PAGE_SIZE) return
    const last = items.at(-1)
    const id = isPlainObject(last) ? last[idField] : undefined
    if (id === undefined || id === null || id === lastId) {
      const problem =
        id === lastId
          ? 'is the id the page before ended with, so the next page would repeat it'
          : 'is missing: the fast mode needs it to ask for the next page'
      throw notAList(`[${String(items.length - 1)}].${idField} ${problem}`, last)
    }
    lastId = id
  }
}

/** The v2 paging: `offset` (from the caller's, or 0) advanced by each page's item count while `hasMore` is true. */
async function* byOffset(
  paging: { readonly items: string; readonly hasMore: string },
  load: LoadPage,
  options: PaginateOptions,
  notAList: NotAList,
): AsyncGenerator<unknown, void, undefined> {
  const { signal } = options
  let offset: number | undefined
  for (;;) {
    signal?.throwIfAborted()
    const from = offset
    let first = 0
    const page = await load(
      (params) => {
        const given = params.offset
        first = from ?? (typeof given === 'number' && Number.isInteger(given) && given >= 0 ? given : 0)
        return { ...params, offset: first }
      },
      { signal },
    )
    const result = page.result
    const items = isPlainObject(result) ? result[paging.items] : undefined
    if (!Array.isArray(items)) throw notAList(`has no list of items under ${JSON.stringify(paging.items)}; ${advice}`, result)
    yield* items as unknown[]
    const more = (result as Readonly<Record<string, unknown>>)[paging.hasMore]
    if (more !== true || items.length === 0) return
    offset = first + items.length
  }
}

/**
 * Iterates over every item of a list method, page after page (`start`/`next`, or the fast `start=-1`
 * mode ordered by id; `offset` for the v2 methods). Leave the loop whenever you like: no more pages are
 * asked for. By descriptor, params are validated and items typed; by name, unvalidated.
 *
 * @param client A client made by `createClient` or `createBaseClient`.
 * @example
 * ```ts
 * import { paginate } from '@b24bot/transport'
 *
 * for await (const deal of paginate(client, 'crm.deal.list', { filter: { STAGE_ID: 'NEW' } }, { fast: true })) {
 *   console.log(deal)
 * }
 * ```
 */
export function paginate<D extends MethodDescriptor>(
  client: Caller,
  descriptor: D & PageableDescriptor<D>,
  ...args: PaginateArgs<D>
): AsyncGenerator<PageOf<D>, void, undefined>
export function paginate(
  client: Caller,
  method: string,
  params?: Params,
  options?: PaginateOptions,
): AsyncGenerator<unknown, void, undefined>
export function paginate(
  client: Caller,
  target: CallTarget,
  params?: Params,
  options: PaginateOptions = {},
): AsyncGenerator<unknown, void, undefined> {
  const inside = internalsOf(client, 'paginate')
  const method = methodOf(target)
  const paging = typeof target === 'string' ? 'start' : (target.paging ?? 'start')
  checkPaging(method, paging, options)
  return pages(
    {
      method,
      paging,
      notAList: (message, received) =>
        shapeError(inside.contextOf({ method, params: params ?? {}, idempotent: true }), [{ path: 'result', message }], received),
    },
    async (extend, callOptions) => {
      const request = inside.prepare(target, params, callOptions)
      const paged = { ...request, params: extend(request.params) }
      const envelope = await inside.send(paged)
      return { result: inside.parse(paged, target, envelope.result), next: envelope.next }
    },
    options,
  )
}
