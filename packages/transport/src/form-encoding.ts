import { encodeForm, type FormInput } from '@b24bot/core'
import type { BodyEncoder } from './encode-body.ts'

const formEncoder: BodyEncoder = Object.freeze({
  kind: 'form',
  encode: (params: Readonly<Record<string, unknown>>) => ({
    body: encodeForm(params as Readonly<Record<string, FormInput>>),
    contentType: 'application/x-www-form-urlencoded',
  }),
})

/**
 * The PHP form body (`a[b][]=1`, every scalar a string), as browsers and PHP clients send it, for a
 * base client (`createClient` also takes `encoding: 'form'`). A piece of its own, so a bundle that
 * sends JSON does not carry the form encoder.
 *
 * @example
 * ```ts
 * import { createBaseClient, formEncoding } from '@b24bot/transport'
 *
 * const client = createBaseClient({ webhookUrl: process.env.B24_WEBHOOK_URL!, encoding: formEncoding() })
 * ```
 */
export function formEncoding(): BodyEncoder {
  return formEncoder
}
