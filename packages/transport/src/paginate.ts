import { ResponseShapeError, type CallOptions, type MethodDescriptor, type MethodParams } from '@b24bot/core'
import type { WireParams } from './execute.ts'

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
 * elements of the one list inside an object such as `{ items: [...] }`.
 *
 * @example
 * ```ts
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
 * The arguments after the descriptor of `client.paginate`: params optional exactly when every param is.
 *
 * @example
 * ```ts
 * declare function pages<D extends MethodDescriptor>(descriptor: D, ...args: PaginateArgs<D>): void
 * ```
 */
export type PaginateArgs<D extends MethodDescriptor> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends P` is how "every key of P is optional" is spelled
  {} extends MethodParams<D>
    ? [params?: MethodParams<D>, options?: PaginateOptions]
    : [params: MethodParams<D>, options?: PaginateOptions]

/** One page: the parsed result and the envelope's `next`. */
export interface Page {
  readonly result: unknown
  readonly next: number | undefined
}

/** Loads one page: the caller's validated params, extended with the paging params. */
export type LoadPage = (extend: (params: WireParams) => WireParams, options: CallOptions) => Promise<Page>

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The items of one page (see {@link PageItem}). */
function itemsOf(method: string, result: unknown): readonly unknown[] {
  if (Array.isArray(result)) return result
  if (isPlainObject(result)) {
    const values = Object.values(result)
    const [only] = values
    return values.length === 1 && Array.isArray(only) ? (only as unknown[]) : values
  }
  throw new ResponseShapeError({ method, issues: [{ path: '', message: 'a list method answers a list or an object of items' }], received: result })
}

/**
 * The keys the params use for the filter and the order: `FILTER`/`ORDER` when they already hold an
 * upper-case one (and no lower-case one), else `filter`/`order`.
 */
function pagingKeys(params: WireParams): { readonly filter: string; readonly order: string } {
  const has = (key: string): boolean => Object.hasOwn(params, key)
  const upper = (has('FILTER') || has('ORDER')) && !has('filter') && !has('order')
  return upper ? { filter: 'FILTER', order: 'ORDER' } : { filter: 'filter', order: 'order' }
}

/**
 * Iterates over every item of a list method: `start=0`, then the `next` each page gives, until a page
 * has none; or, in the fast mode, `start=-1` pages ordered by id, each after the last id seen, until a
 * page is short. Pages are requested one at a time, as the loop asks for items; leaving the loop early
 * (`break`) requests nothing more.
 */
export async function* paginate(method: string, load: LoadPage, options: PaginateOptions = {}): AsyncGenerator<unknown, void, undefined> {
  const { signal } = options
  const fast = options.fast === true ? {} : options.fast === false ? undefined : options.fast
  if (!fast) {
    let start = 0
    for (;;) {
      signal?.throwIfAborted()
      const offset = start
      const page = await load((params) => ({ ...params, start: offset }), { signal })
      yield* itemsOf(method, page.result)
      if (page.next === undefined || page.next <= start) return
      start = page.next
    }
  }
  const idField = fast.idField ?? 'ID'
  let lastId: unknown
  for (;;) {
    signal?.throwIfAborted()
    const after = lastId
    const page = await load((params) => {
      const keys = pagingKeys(params)
      const given = params[keys.filter]
      const filter = isPlainObject(given) ? given : {}
      return {
        ...params,
        start: -1,
        [keys.order]: { [idField]: 'ASC' },
        [keys.filter]: after === undefined ? filter : { ...filter, [`>${idField}`]: after },
      }
    }, { signal })
    const items = itemsOf(method, page.result)
    yield* items
    if (items.length < PAGE_SIZE) return
    const last = items.at(-1)
    const id = isPlainObject(last) ? last[idField] : undefined
    if (id === undefined || id === null || id === lastId) {
      const problem = id === lastId ? 'is the id the page before ended with, so the next page would repeat it' : 'is missing: the fast mode needs it to ask for the next page'
      throw new ResponseShapeError({ method, issues: [{ path: `[${String(items.length - 1)}].${idField}`, message: problem }], received: last })
    }
    lastId = id
  }
}
