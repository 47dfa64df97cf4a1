import { errorEnvelopeSchema, successEnvelopeSchema, toIssues, type SuccessEnvelope } from '@b24bot/core'
import * as v from 'valibot'
import { apiError, httpError, shapeError, type FailureContext } from './failures.ts'
import type { ExchangeAnswer } from './http.ts'

function parseJson(text: string): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return undefined
  }
}

/** The answer's JSON value, or `undefined` when it is none; and its error envelope, when it is one. */
export function readJson(text: string): {
  readonly json: { readonly value: unknown } | undefined
  readonly failure: v.SafeParseResult<typeof errorEnvelopeSchema> | undefined
} {
  const json = parseJson(text)
  const value = json?.value
  // Only an object with an `error` key can be an error envelope; most answers are not.
  const failure = typeof value === 'object' && value !== null && 'error' in value ? v.safeParse(errorEnvelopeSchema, value) : undefined
  return { json, failure }
}

/**
 * Turns an answer into the success envelope, or throws what it is instead:
 * - an error envelope, whatever the status (the portal answers some errors with 200): `ApiError`;
 * - any other non-2xx: `HttpError`;
 * - a 2xx that is not a success envelope: `ResponseShapeError`.
 */
export function readResponse(context: FailureContext, answer: ExchangeAnswer): SuccessEnvelope {
  const { json, failure } = readJson(answer.text)
  if (failure?.success) throw apiError(context, failure.output, answer.status)
  if (!answer.ok) throw httpError(context, answer.status, answer.text)
  if (!json) throw shapeError(context, [{ path: '', message: 'the body is not JSON' }], answer.text)
  const envelope = v.safeParse(successEnvelopeSchema, json.value)
  if (!envelope.success) throw shapeError(context, toIssues(envelope.issues, { quoteValues: false }), json.value)
  return envelope.output
}
