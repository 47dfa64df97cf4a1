import { FormLimitError, pickForm, type FormPick } from '@b24bot/core'

/** How many fields and how deep a body may be: PHP's own bounds on the portal's input (`max_input_vars`, `max_input_nesting_level`). */
export interface BodyLimits {
  /** Fields (form pairs, or JSON values). Default 1000. */
  readonly fields: number
  /** Nesting (brackets, or JSON objects and lists). Default 64. */
  readonly depth: number
}

/** A value as the body gives it: the string, nothing, or something that is not a string (`auth[application_token][]=x`). */
export type Picked = FormPick

/**
 * Who an event says it comes from, read before anything else of the body is decoded: enough to
 * authenticate it (and, for an install, to verify it).
 */
export interface Sender {
  readonly event: Picked
  readonly applicationToken: Picked
  readonly memberId: Picked
  readonly domain: Picked
  readonly refreshToken: Picked
  /** The JSON value of a JSON body, parsed once (already within the bounds). */
  readonly json: { readonly value: Readonly<Record<string, unknown>> } | undefined
}

/** Why a body was refused before it was authenticated. */
export interface Refusal {
  readonly status: 400 | 413
  readonly reason: string
}

/** The paths of a form body read before authentication. */
const senderPaths = ['event', 'auth[application_token]', 'auth[member_id]', 'auth[domain]', 'auth[refresh_token]'] as const

/** Whether a body is JSON: by its type, or (as some samples are sent) by its first character. */
function isJsonBody(text: string, contentType: string): boolean {
  return contentType.toLowerCase().includes('json') || text.trimStart().startsWith('{')
}

/**
 * Walks a JSON text once without building anything, counting its values and its nesting, so that a
 * hostile body (a million nested lists, a million tiny values) is refused before `JSON.parse` pays for
 * it. Strings are skipped with their escapes; the text is not otherwise checked (`JSON.parse` does).
 */
function jsonShape(text: string, limits: BodyLimits): Refusal | undefined {
  let depth = 0
  let fields = 0
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index)
    if (char === 0x22) {
      // A string: skip to its closing quote.
      for (index += 1; index < text.length; index += 1) {
        const inner = text.charCodeAt(index)
        if (inner === 0x5c) index += 1
        else if (inner === 0x22) break
      }
    } else if (char === 0x7b || char === 0x5b) {
      depth += 1
      if (depth > limits.depth) return { status: 400, reason: `The body nests deeper than ${String(limits.depth)} levels` }
    } else if (char === 0x7d || char === 0x5d) {
      depth -= 1
    } else if (char === 0x2c || char === 0x3a) {
      fields += 1
      if (fields > limits.fields * 2) return { status: 413, reason: `The body has more than ${String(limits.fields)} fields` }
    }
  }
  return undefined
}

function pickedOf(value: unknown): Picked {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return { notText: true }
}

function field(object: unknown, key: string): unknown {
  return typeof object === 'object' && object !== null && !Array.isArray(object) && Object.hasOwn(object, key)
    ? (object as Record<string, unknown>)[key]
    : undefined
}

/**
 * Reads who an event says it comes from, cheaply: of a form body only the few pairs that say it (no
 * decoding of the rest); a JSON body within the bounds, parsed once. `Refusal` for a body that is
 * neither, or past the bounds.
 */
export function readSender(text: string, contentType: string, limits: BodyLimits): Sender | Refusal {
  if (!isJsonBody(text, contentType)) {
    // Within the bounds, as the whole decode will be: past them, refused before anything else.
    let picked: Readonly<Record<(typeof senderPaths)[number], FormPick>>
    try {
      picked = pickForm(text, senderPaths, { maxFields: limits.fields, maxDepth: limits.depth, onLimit: 'throw' })
    } catch (error) {
      if (!FormLimitError.isInstance(error)) throw error
      return error.limit === 'depth'
        ? { status: 400, reason: `The body nests deeper than ${String(limits.depth)} levels` }
        : { status: 413, reason: `The body has more than ${String(limits.fields)} fields` }
    }
    return {
      event: picked.event,
      applicationToken: picked['auth[application_token]'],
      memberId: picked['auth[member_id]'],
      domain: picked['auth[domain]'],
      refreshToken: picked['auth[refresh_token]'],
      json: undefined,
    }
  }
  const refused = jsonShape(text, limits)
  if (refused) return refused
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { status: 400, reason: 'The body is neither a form nor a JSON object' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { status: 400, reason: 'The body is neither a form nor a JSON object' }
  const auth = field(value, 'auth')
  return {
    event: pickedOf(field(value, 'event') ?? field(value, 'type')),
    applicationToken: pickedOf(field(auth, 'application_token')),
    memberId: pickedOf(field(auth, 'member_id')),
    domain: pickedOf(field(auth, 'domain')),
    refreshToken: pickedOf(field(auth, 'refresh_token')),
    json: { value: value as Readonly<Record<string, unknown>> },
  }
}

/** The text of a picked value, or `undefined` when it is none (absent, or not text). */
export function textOf(picked: Picked): string | undefined {
  return typeof picked === 'string' ? picked : undefined
}
