/** How params travel: JSON keeps native types; the PHP form sends every scalar as a string. */
export type BodyEncoding = 'json' | 'form'

/** Turns a call's params into its request body: {@link jsonEncoding}, or `formEncoding()` for the PHP form. */
export interface BodyEncoder {
  /** Which encoding it is: auto-batching needs to know whether the form encoding would change a call's params. */
  readonly kind: BodyEncoding
  /** The body and its content type. */
  encode(params: Readonly<Record<string, unknown>>): { readonly body: string; readonly contentType: string }
}

/**
 * The JSON body, every client's default: native types (numbers, booleans, `null`) arrive as they are.
 *
 * @example
 * ```ts
 * import { jsonEncoding } from '@b24bot/transport'
 *
 * jsonEncoding.encode({ ENTITY_ID: 13 }) // { body: '{"ENTITY_ID":13}', contentType: 'application/json' }
 * ```
 */
export const jsonEncoding: BodyEncoder = Object.freeze({
  kind: 'json',
  encode: (params: Readonly<Record<string, unknown>>) => ({ body: JSON.stringify(params), contentType: 'application/json' }),
})
