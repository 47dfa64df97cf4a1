import type { Emulator } from '../src/start-emulator.ts'
import { sdkCaller } from './sdk-call.ts'

/** A REST answer as tests read it: the status and the envelope (`{ result }` or `{ error, error_description }`). */
export interface RestAnswer {
  readonly status: number
  readonly body: Record<string, unknown>
}

/**
 * {@link sdkCaller} with its answer shaped like the envelope the SDK read: a result as
 * `{ status: 200, body: { result } }`, a portal error as its status and `{ error, error_description }`.
 * Calls go through our SDK (`@b24bot/transport`), with `defaults` (e.g. a `CLIENT_ID`) under the params.
 */
export function restCaller(emulator: () => Emulator, defaults: Readonly<Record<string, unknown>> = {}) {
  const call = sdkCaller(emulator, defaults)
  return async (method: string, params: unknown = {}, url?: string): Promise<RestAnswer> => {
    const answer = await call(method, params as Record<string, unknown>, url)
    if (!answer.error) return { status: 200, body: { result: answer.result } }
    const { error } = answer
    return { status: error.status, body: { error: error.code, error_description: error.description, ...error.details } }
  }
}
