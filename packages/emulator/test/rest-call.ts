import type { Emulator } from '../src/start-emulator.ts'

/** A REST answer as tests read it. */
export interface RestAnswer {
  readonly status: number
  readonly body: Record<string, unknown>
}

/**
 * A JSON REST call to the emulator's webhook (or `url`), with `defaults` merged under the params,
 * e.g. the `CLIENT_ID` of the app under test.
 */
export function restCaller(emulator: () => Emulator, defaults: Readonly<Record<string, unknown>> = {}) {
  return async (method: string, params: unknown = {}, url = emulator().webhookUrl): Promise<RestAnswer> => {
    const response = await fetch(`${url}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...defaults, ...(params as Record<string, unknown>) }),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
}
