import { ApiError, createClient, type Client } from '@b24bot/transport'
import type { Emulator } from '../src/start-emulator.ts'

/** What a method call settled to: its result, or the portal's error. */
export type SdkAnswer = { readonly result: unknown; readonly error?: undefined } | { readonly error: ApiError; readonly result?: undefined }

const webhookPath = /\/rest\/\d+\/[^/]+\/$/

/**
 * Calls methods through our own transport (`@b24bot/transport`, the raw by-name path, so the portal
 * sees exactly these params) against the emulator's webhook, or `webhookUrl`. `defaults` are merged
 * under the params (a `CLIENT_ID`, a `botToken`). Portal errors come back as `{ error: ApiError }`;
 * anything else (a network failure, a malformed answer) throws.
 *
 * An OAuth endpoint (`${url}/rest/` with an `auth` param) is called with plain `fetch` until the
 * transport speaks OAuth; its answer is read into the same shape.
 */
export function sdkCaller(emulator: () => Emulator, defaults: Readonly<Record<string, unknown>> = {}) {
  const clients: Map<string, Client> = new Map()
  return async (method: string, params: Readonly<Record<string, unknown>> = {}, webhookUrl = emulator().webhookUrl): Promise<SdkAnswer> => {
    const merged = { ...defaults, ...params }
    if (!webhookPath.test(webhookUrl)) return oauthCall(webhookUrl, method, merged)
    let client = clients.get(webhookUrl)
    if (!client) {
      client = createClient({ webhookUrl, timeout: false })
      clients.set(webhookUrl, client)
    }
    try {
      return { result: await client.call(method, merged) }
    } catch (error) {
      if (ApiError.isInstance(error)) return { error }
      throw error
    }
  }
}

async function oauthCall(url: string, method: string, params: Readonly<Record<string, unknown>>): Promise<SdkAnswer> {
  const response = await fetch(`${url}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  })
  const body = (await response.json()) as Record<string, unknown>
  if (response.ok && 'result' in body) return { result: body.result }
  const { error, error_description: description, ...details } = body
  return { error: new ApiError({ method, code: String(error), description: String(description), status: response.status, details }) }
}
