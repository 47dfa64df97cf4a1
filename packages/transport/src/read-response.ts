import { ApiError, errorEnvelopeSchema, HttpError, ResponseShapeError, successEnvelopeSchema, toIssues, type SuccessEnvelope } from '@b24bot/core'
import * as v from 'valibot'
import type { Redactor } from './redactor.ts'

function parseJson(text: string): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return undefined
  }
}

/**
 * Turns a response into the success envelope, or throws what it is instead:
 * - an error envelope, whatever the status (the portal answers some errors with 200): `ApiError`;
 * - any other non-2xx: `HttpError`;
 * - a 2xx that is not a success envelope: `ResponseShapeError`.
 */
export function readResponse(method: string, status: number, ok: boolean, body: string, redactor: Redactor): SuccessEnvelope {
  const json = parseJson(body)
  const value = json?.value
  // Only an object with an `error` key can be an error envelope; most answers are not.
  const failure = typeof value === 'object' && value !== null && 'error' in value ? v.safeParse(errorEnvelopeSchema, value) : undefined
  if (failure?.success) {
    const { error: code, error_description: description, ...details } = failure.output
    throw new ApiError({ method, code, description: redactor.text(description), status, details })
  }
  if (!ok) throw new HttpError({ method, status, body: redactor.text(body) })
  if (!json) {
    throw new ResponseShapeError({ method, issues: [{ path: '', message: 'the body is not JSON' }], received: body })
  }
  const envelope = v.safeParse(successEnvelopeSchema, json.value)
  if (!envelope.success) throw new ResponseShapeError({ method, issues: toIssues(envelope.issues), received: json.value })
  return envelope.output
}
