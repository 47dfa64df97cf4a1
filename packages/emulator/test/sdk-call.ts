import { ApiError, createClient, type Client } from '@b24bot/transport'
import type { Emulator } from '../src/start-emulator.ts'

/** What a method call through our SDK settled to: its result, or the portal's error. */
export type SdkAnswer = { readonly result: unknown; readonly error?: undefined } | { readonly error: ApiError; readonly result?: undefined }

/**
 * Calls methods through our own transport (`@b24bot/transport`, the raw by-name path, so the portal
 * sees exactly these params) against the emulator's webhook, or `webhookUrl`. `defaults` are merged
 * under the params (a `CLIENT_ID`, a `botToken`). Portal errors come back as `{ error: ApiError }`;
 * anything else (a network failure) throws.
 */
export function sdkCaller(emulator: () => Emulator, defaults: Readonly<Record<string, unknown>> = {}) {
  const clients: Map<string, Client> = new Map()
  return async (method: string, params: Readonly<Record<string, unknown>> = {}, webhookUrl = emulator().webhookUrl): Promise<SdkAnswer> => {
    let client = clients.get(webhookUrl)
    if (!client) {
      client = createClient({ webhookUrl })
      clients.set(webhookUrl, client)
    }
    try {
      return { result: await client.call(method, { ...defaults, ...params }) }
    } catch (error) {
      if (ApiError.isInstance(error)) return { error }
      throw error
    }
  }
}
