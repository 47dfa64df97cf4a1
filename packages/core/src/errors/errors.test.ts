import { inspect } from 'node:util'
import * as v from 'valibot'
import { describe, expect, it, vi } from 'vitest'
import { ApiError } from './api-error.ts'
import { B24Error } from './b24-error.ts'
import { HttpError } from './http-error.ts'
import { toIssues } from './issues.ts'
import { NetworkError } from './network-error.ts'
import { ResponseShapeError } from './response-shape-error.ts'
import { TimeoutError } from './timeout-error.ts'
import { ValidationError } from './validation-error.ts'

const apiError = () =>
  new ApiError({ method: 'imbot.chat.get', code: 'ACCESS_ERROR', description: 'No access', status: 403, details: { argument: 'X' } })

describe('error identity', () => {
  it('isInstance follows the class chain', () => {
    const timeout = new TimeoutError({ method: 'm', timeout: 5 })
    expect(TimeoutError.isInstance(timeout)).toBe(true)
    expect(NetworkError.isInstance(timeout)).toBe(true)
    expect(B24Error.isInstance(timeout)).toBe(true)
    expect(ApiError.isInstance(timeout)).toBe(false)
    expect(TimeoutError.isInstance(new NetworkError({ method: 'm' }))).toBe(false)
    expect(ApiError.isInstance(new Error('x'))).toBe(false)
    expect(ApiError.isInstance(null)).toBe(false)
    expect(ApiError.isInstance('ApiError')).toBe(false)
  })

  it('survives a second copy of the package, where instanceof does not', async () => {
    vi.resetModules()
    const copy = await import('./api-error.ts')
    expect(copy.ApiError).not.toBe(ApiError)
    const foreign = new copy.ApiError({ method: 'm', code: 'C', description: '', status: 400 })
    expect(foreign instanceof ApiError).toBe(false)
    expect(ApiError.isInstance(foreign)).toBe(true)
    expect(B24Error.isInstance(foreign)).toBe(true)
  })

  it('has stable names that survive minification', () => {
    expect([apiError(), new HttpError({ method: 'm', status: 502 }), new NetworkError({ method: 'm' })].map((e) => e.name)).toEqual([
      'ApiError',
      'HttpError',
      'NetworkError',
    ])
    expect(new TimeoutError({ method: 'm', timeout: 1 }).name).toBe('TimeoutError')
    expect(new ValidationError({ method: 'm', issues: [] }).name).toBe('ValidationError')
    expect(new ResponseShapeError({ method: 'm', issues: [], received: 1 }).name).toBe('ResponseShapeError')
  })
})

describe('ApiError', () => {
  it('carries the envelope and names the method', () => {
    const error = apiError()
    expect(error).toMatchObject({ code: 'ACCESS_ERROR', description: 'No access', status: 403, method: 'imbot.chat.get', retryable: false })
    expect(error.details).toEqual({ argument: 'X' })
    expect(error.message).toBe('imbot.chat.get failed with ACCESS_ERROR (HTTP 403): No access')
  })

  it("is retryable only when its maker says so (the transport's error policy decides, not the class)", () => {
    expect(new ApiError({ method: 'm', code: 'QUERY_LIMIT_EXCEEDED', description: '', status: 503 }).retryable).toBe(false)
    expect(new ApiError({ method: 'm', code: 'QUERY_LIMIT_EXCEEDED', description: '', status: 503, retryable: true }).retryable).toBe(true)
  })

  it('adds a hint to its message as a sentence of its own', () => {
    expect(new ApiError({ method: 'm', code: 'C', description: 'Blocked.', status: 429, hint: 'Wait.' }).message).toBe(
      'm failed with C (HTTP 429): Blocked. Wait.',
    )
    expect(new ApiError({ method: 'm', code: 'C', description: 'Blocked', status: 429, hint: 'Wait.' }).message).toBe(
      'm failed with C (HTTP 429): Blocked. Wait.',
    )
  })

  it('serializes its public fields', () => {
    expect(JSON.parse(JSON.stringify(apiError()))).toEqual({
      name: 'ApiError',
      message: 'imbot.chat.get failed with ACCESS_ERROR (HTTP 403): No access',
      method: 'imbot.chat.get',
      code: 'ACCESS_ERROR',
      description: 'No access',
      status: 403,
      retryable: false,
      details: { argument: 'X' },
    })
  })
})

describe('other errors', () => {
  it('HttpError keeps a short body excerpt; retryable as its maker says', () => {
    const error = new HttpError({ method: 'm', status: 502, body: 'x'.repeat(2000) })
    expect(error.body).toHaveLength(500)
    expect(error.retryable).toBe(false)
    expect(new HttpError({ method: 'm', status: 502, retryable: true }).retryable).toBe(true)
  })

  it('an error without a cause has no cause property', () => {
    expect(Object.hasOwn(new TimeoutError({ method: 'm', timeout: 1 }), 'cause')).toBe(false)
    expect(Object.hasOwn(new NetworkError({ method: 'm' }), 'cause')).toBe(false)
  })

  it('NetworkError keeps its cause and says what failed', () => {
    const cause = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') })
    const error = new NetworkError({ method: 'imbot.chat.get', cause })
    expect(error.cause).toBe(cause)
    expect(error.message).toBe('imbot.chat.get failed before a response arrived: fetch failed (connect ECONNREFUSED 127.0.0.1:9)')
    expect(error.retryable).toBe(false)
    expect(new TimeoutError({ method: 'm', timeout: 1, retryable: true, hint: 'It was not repeated.' })).toMatchObject({
      retryable: true,
      message: 'm got no response within 1 ms. It was not repeated.',
    })
  })

  it('ResponseShapeError keeps the raw value out of logs and JSON', () => {
    const error = new ResponseShapeError({ method: 'm', issues: [{ path: 'ID', message: 'bad' }], received: { token: 'raw-value' } })
    expect(error.received).toEqual({ token: 'raw-value' })
    expect(JSON.stringify(error)).not.toContain('raw-value')
    expect(inspect(error)).not.toContain('raw-value')
    expect(error.message).toBe('m returned an unexpected response: ID bad')
  })
})

describe('issues', () => {
  const schema = v.strictObject({
    ENTITY_TYPE: v.string(),
    FIELDS: v.object({ LIST: v.array(v.number()) }),
    botToken: v.optional(v.pipe(v.string(), v.maxLength(4))),
  })
  const issuesOf = (input: unknown) => {
    const result = v.safeParse(schema, input)
    return result.success ? [] : toIssues(result.issues)
  }

  it('name the field, with dotted and indexed paths', () => {
    expect(issuesOf({ FIELDS: { LIST: [1, 'x'] }, EXTRA: 1 })).toEqual([
      { path: 'ENTITY_TYPE', message: 'is required' },
      { path: 'FIELDS.LIST[1]', message: 'Invalid type: Expected number but received "x"' },
      { path: 'EXTRA', message: 'is not a parameter of this method' },
    ])
  })

  it('quote no value when asked not to (answers from outside), saying only what kind of value came', () => {
    const result = v.safeParse(v.object({ ID: v.number(), LIST: v.array(v.string()) }), { ID: 'token-abc', LIST: [{ secret: 'x' }] })
    const issues = result.success ? [] : toIssues(result.issues, { quoteValues: false })
    expect(issues).toEqual([
      { path: 'ID', message: 'expected number, got a string' },
      { path: 'LIST[0]', message: 'expected string, got an object' },
    ])
    const strict = v.safeParse(v.strictObject({}), { 'token-abc': 1 })
    expect(strict.success ? [] : toIssues(strict.issues, { quoteValues: false })).toEqual([
      { path: 'token-abc', message: 'is not expected' },
    ])
  })

  it('never echo the value of a credential field', () => {
    const issues = issuesOf({ ENTITY_TYPE: 'x', FIELDS: { LIST: [] }, botToken: 'very-secret-token' })
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toBe('botToken')
    expect(JSON.stringify(issues)).not.toContain('very-secret')
    const error = new ValidationError({ method: 'm', issues })
    expect(`${error.message} ${error.stack ?? ''} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain('very-secret')
  })
})
