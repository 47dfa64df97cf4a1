import { ValidationError, type MethodDescriptor } from '@b24bot/core'
import { createClient } from '@b24bot/transport'
import ky from 'ky'
import { expect } from 'vitest'

/**
 * Calls `descriptor` with `params` through a real client whose `fetch` records every use, and asserts
 * the call fails with a `ValidationError` that names `field` (a dotted path, as `Issue.path`), and that
 * no request was made.
 */
export async function expectInvalid(descriptor: MethodDescriptor, params: unknown, field: string): Promise<void> {
  let requests = 0
  const fetch: typeof globalThis.fetch = () => {
    requests += 1
    return Promise.reject(new Error('no request should be made'))
  }
  const client = createClient({ webhookUrl: 'https://portal.example/rest/1/secret/', ky: ky.create({ fetch }) })
  const error = await client.call(descriptor, params as never).then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(ValidationError.isInstance(error), `expected a ValidationError, got ${String(error)}`).toBe(true)
  expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(field)
  expect(requests).toBe(0)
}
