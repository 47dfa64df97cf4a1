import { decodeForm, type FormObject } from '@b24bot/core'

/** Whether a `Content-Type` is JSON the way Bitrix's `HttpRequest::isJson()` decides: `application/json` or `+json`. */
function isJson(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  return mediaType === 'application/json' || mediaType.includes('+json')
}

/**
 * The request parameters as `CRestUtil::getRequestData()` builds them (server-behavior §1.2):
 * query merged with the body, the body winning; a JSON body when the content type is JSON (an
 * invalid or non-object JSON body is silently ignored), otherwise the body parsed like `parse_str`.
 */
export function readParams(query: string, body: string, contentType: string | undefined): Record<string, unknown> {
  const fromQuery: FormObject = decodeForm(query)
  let fromBody: Record<string, unknown> = {}
  if (isJson(contentType)) {
    try {
      const parsed: unknown = JSON.parse(body)
      if (typeof parsed === 'object' && parsed !== null) fromBody = { ...(parsed as Record<string, unknown>) }
    } catch {
      // The server catches the decode error and goes on with the query parameters alone.
    }
  } else if (body !== '') {
    fromBody = decodeForm(body)
  }
  return { ...fromQuery, ...fromBody }
}

/** `array_change_key_case($params, CASE_UPPER)`: every imbot handler upper-cases the top level only. */
export function upperCaseKeys(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key.toUpperCase(), value]))
}
