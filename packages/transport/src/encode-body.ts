import { encodeForm, type FormInput } from '@b24bot/core'

/** How params travel: JSON keeps native types; the PHP form sends every scalar as a string. */
export type BodyEncoding = 'json' | 'form'

/** The request body and its content type for the chosen encoding. */
export function encodeBody(params: Readonly<Record<string, unknown>>, encoding: BodyEncoding): { body: string; contentType: string } {
  if (encoding === 'form') {
    return { body: encodeForm(params as Readonly<Record<string, FormInput>>), contentType: 'application/x-www-form-urlencoded' }
  }
  return { body: JSON.stringify(params), contentType: 'application/json' }
}
