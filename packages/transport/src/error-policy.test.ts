import { ApiError, HttpError, NetworkError, ResponseShapeError, TimeoutError } from '@b24bot/core'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { failureOf, isRetryable, mayRepeat, verdict, type Failure } from './error-policy.ts'
import { createClient, unlimited } from './index.ts'
import { caught } from '../test/errors.ts'

describe('the error policy table', () => {
  it.each<[string, Failure, string, string, string | undefined]>([
    ['503 QUERY_LIMIT_EXCEEDED', { kind: 'api', code: 'QUERY_LIMIT_EXCEEDED', status: 503 }, 'no', 'always', 'bucket-full'],
    ['429 QUERY_LIMIT_EXCEEDED (the bot pages)', { kind: 'api', code: 'QUERY_LIMIT_EXCEEDED', status: 429 }, 'no', 'always', 'bucket-full'],
    ['429 OPERATION_TIME_LIMIT', { kind: 'api', code: 'OPERATION_TIME_LIMIT', status: 429 }, 'no', 'always', 'hold-method'],
    ['OVERLOAD_LIMIT, a block set by hand', { kind: 'api', code: 'OVERLOAD_LIMIT', status: 503 }, 'no', 'never', undefined],
    ['500 ERROR_CORE (SQL error)', { kind: 'api', code: 'ERROR_CORE', status: 500 }, 'unknown', 'if-safe', undefined],
    ['400 ERROR_CORE (a method exception)', { kind: 'api', code: 'ERROR_CORE', status: 400 }, 'no', 'never', undefined],
    ['ERROR_CORE in a batch (no status)', { kind: 'api', code: 'ERROR_CORE', status: undefined }, 'unknown', 'if-safe', undefined],
    ['500 INTERNAL_SERVER_ERROR', { kind: 'api', code: 'INTERNAL_SERVER_ERROR', status: 500 }, 'unknown', 'if-safe', undefined],
    ['503 SERVICE_UNAVAILABLE', { kind: 'api', code: 'SERVICE_UNAVAILABLE', status: 503 }, 'unknown', 'if-safe', undefined],
    ['another 503 with an envelope', { kind: 'api', code: 'MAINTENANCE', status: 503 }, 'unknown', 'if-safe', undefined],
    ['400 WRONG_REQUEST', { kind: 'api', code: 'WRONG_REQUEST', status: 400 }, 'no', 'never', undefined],
    ['429 with an unknown code', { kind: 'api', code: 'Too Many Requests', status: 429 }, 'no', 'always', 'bucket-full'],
    ['408 with an unknown code', { kind: 'api', code: 'Request Timeout', status: 408 }, 'unknown', 'if-safe', undefined],
    [
      'ERROR_BATCH_METHOD_NOT_ALLOWED (inside a batch)',
      { kind: 'api', code: 'ERROR_BATCH_METHOD_NOT_ALLOWED', status: undefined },
      'no',
      'always',
      undefined,
    ],
    ['401 invalid_grant (token endpoint)', { kind: 'api', code: 'invalid_grant', status: 400 }, 'no', 'never', undefined],
    ['502 page', { kind: 'http', status: 502 }, 'unknown', 'if-safe', undefined],
    ['504 page', { kind: 'http', status: 504 }, 'unknown', 'if-safe', undefined],
    ['503 page', { kind: 'http', status: 503 }, 'unknown', 'if-safe', undefined],
    ['429 page', { kind: 'http', status: 429 }, 'no', 'always', 'bucket-full'],
    ['404 page', { kind: 'http', status: 404 }, 'no', 'never', undefined],
    ['302 redirect', { kind: 'http', status: 302 }, 'no', 'never', undefined],
    ['refused connection', { kind: 'network', sent: false }, 'no', 'always', undefined],
    ['reset connection', { kind: 'network', sent: true }, 'unknown', 'if-safe', undefined],
    ['timeout', { kind: 'timeout' }, 'unknown', 'if-safe', undefined],
    ['2xx that is not an envelope', { kind: 'shape' }, 'unknown', 'never', undefined],
  ])('%s: executed %s, repeat %s, limiter %s', (_name, failure, executed, repeat, limiter) => {
    const found = verdict(failure)
    expect({ executed: found.executed, repeat: found.repeat, limiter: found.limiter }).toEqual({ executed, repeat, limiter })
  })

  it('renews an expired token, and an expiry is never retryable on its own', () => {
    const expired = verdict({ kind: 'api', code: 'expired_token', status: 401 })
    expect(expired).toMatchObject({ executed: 'no', renew: true })
    expect(isRetryable(expired, true)).toBe(false)
  })

  it('reads our errors as the failures they stand for', () => {
    expect(failureOf(new ApiError({ method: 'm', code: 'C', description: '', status: 418 }))).toEqual({
      kind: 'api',
      code: 'C',
      status: 418,
    })
    expect(failureOf(new HttpError({ method: 'm', status: 502 }))).toEqual({ kind: 'http', status: 502 })
    expect(failureOf(new TimeoutError({ method: 'm', timeout: 1 }))).toEqual({ kind: 'timeout' })
    expect(
      failureOf(
        new NetworkError({
          method: 'm',
          cause: new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
        }),
      ),
    ).toEqual({ kind: 'network', sent: false })
    expect(failureOf(new NetworkError({ method: 'm', cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }))).toEqual({
      kind: 'network',
      sent: true,
    })
    expect(failureOf(new ResponseShapeError({ method: 'm', issues: [], received: 1 }))).toEqual({ kind: 'shape' })
    expect(failureOf(new Error('a store broke'))).toEqual({ kind: 'other' })
  })

  it('never lets a write be repeated, or be called retryable, when its outcome is unknown', () => {
    const failure: fc.Arbitrary<Failure> = fc.oneof(
      fc.record({
        kind: fc.constant('api' as const),
        code: fc.oneof(
          fc.string(),
          fc.constantFrom(
            'ERROR_CORE',
            'INTERNAL_SERVER_ERROR',
            'SERVICE_UNAVAILABLE',
            'QUERY_LIMIT_EXCEEDED',
            'OVERLOAD_LIMIT',
            'expired_token',
            'valueOf',
            'constructor',
            '__proto__',
            'toString',
          ),
        ),
        status: fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }),
      }),
      fc.record({ kind: fc.constant('http' as const), status: fc.integer({ min: 100, max: 599 }) }),
      fc.record({ kind: fc.constant('network' as const), sent: fc.boolean() }),
      fc.constantFrom<Failure>({ kind: 'timeout' }, { kind: 'shape' }, { kind: 'other' }),
    )
    fc.assert(
      fc.property(failure, (found) => {
        const meaning = verdict(found)
        if (meaning.executed !== 'no') {
          expect(mayRepeat(meaning, false)).toBe(false)
          expect(isRetryable(meaning, false)).toBe(false)
        }
        // A refusal that no repeat cures is never repeated, safe or not.
        if (meaning.repeat === 'never') expect(mayRepeat(meaning, true)).toBe(false)
      }),
    )
  })
})

describe('the policy at work, through the emulator', () => {
  let emulator: Emulator
  beforeEach(async () => {
    emulator = await startEmulator()
  })
  afterEach(async () => {
    await emulator.close()
  })

  const client = () =>
    createClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited, autoBatch: false, retry: { attempts: 3, baseDelay: 1 } })
  const read = (target: ReturnType<typeof client>) =>
    target.call('imbot.chat.get', { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 }, { idempotent: true })
  const write = (target: ReturnType<typeof client>) => target.call('imbot.message.add', { DIALOG_ID: '1', MESSAGE: 'hi' })
  const executed = (method: string) => emulator.portal.calls.filter((call) => call.method === method).length

  it.each([
    ['500 ERROR_CORE', { status: 500, error: 'ERROR_CORE', description: 'SQL query error!' }],
    ['500 INTERNAL_SERVER_ERROR', { status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' }],
    ['503 SERVICE_UNAVAILABLE', { status: 503, error: 'SERVICE_UNAVAILABLE', description: 'Service is unavailable' }],
    ['a 502 page', { status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' }],
    ['a 504 page', { status: 504, body: '<html>Gateway timeout</html>', contentType: 'text/html' }],
  ] as const)('repeats a read after %s, and it succeeds', async (_name, reply) => {
    emulator.portal.inject({ reply, times: 2 })
    await expect(read(client())).resolves.toBeNull()
    expect(emulator.portal.requests.map((request) => request.status)).toEqual([reply.status, reply.status, 200])
  })

  it.each([
    ['500 ERROR_CORE', { status: 500, error: 'ERROR_CORE', description: 'SQL query error!' }],
    ['a 502 page', { status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' }],
  ] as const)('does not repeat a write after %s: retryable false, and the message says it may have run', async (_name, reply) => {
    emulator.portal.inject({ reply })
    const error = await caught(write(client()))
    expect(error).toMatchObject({ retryable: false, status: reply.status })
    expect((error as Error).message).toContain('may or may not have executed it')
    expect(emulator.portal.requests).toHaveLength(1)
  })

  it('never repeats OVERLOAD_LIMIT, read or write', async () => {
    emulator.portal.inject({
      reply: { status: 503, error: 'OVERLOAD_LIMIT', description: 'REST API is blocked due to overload.' },
      times: 2,
    })
    await expect(read(client())).rejects.toMatchObject({ code: 'OVERLOAD_LIMIT', retryable: false })
    await expect(write(client())).rejects.toMatchObject({ code: 'OVERLOAD_LIMIT', retryable: false })
    expect(emulator.portal.requests).toHaveLength(2)
  })

  it('repeats a write refused before running (rate limit), and it runs once', async () => {
    emulator.portal.inject({ reply: { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' } })
    const register = { CLIENT_ID: 'app', CODE: 'echo', EVENT_HANDLER: 'https://bot.example.com/hook', PROPERTIES: { NAME: 'Echo' } }
    await expect(client().call('imbot.register', register)).resolves.toEqual(expect.any(Number))
    expect(emulator.portal.requests.map((request) => request.status)).toEqual([503, 200])
    expect(executed('imbot.register')).toBe(1)
  })

  it('a write whose answer was lost is not repeated, and its error says retryable: false; a read is repeated', async () => {
    emulator.portal.inject({ method: 'imbot.message.add', reset: 'after' })
    const error = await caught(write(client()))
    expect(error).toMatchObject({ name: 'NetworkError', retryable: false })
    expect(executed('imbot.message.add')).toBe(1)
    emulator.portal.inject({ method: 'imbot.chat.get', reset: 'after' })
    await expect(read(client())).resolves.toBeNull()
    expect(executed('imbot.chat.get')).toBe(2)
  })

  it('a generic "repeat while retryable" loop written by a user never writes twice', async () => {
    emulator.portal.inject({ method: 'imbot.message.add', reset: 'after', times: 3 })
    emulator.portal.inject({
      method: 'imbot.message.add',
      reply: { status: 500, error: 'ERROR_CORE', description: 'SQL query error!' },
      times: 3,
    })
    const target = createClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited, autoBatch: false, retry: false })
    let lastError: unknown
    for (let tries = 0; tries < 5; tries += 1) {
      try {
        await write(target)
        break
      } catch (error) {
        lastError = error
        if (!(error as { retryable?: boolean }).retryable) break
      }
    }
    expect(lastError).toMatchObject({ retryable: false })
    expect(executed('imbot.message.add')).toBe(1)
  })

  it('auto-batched reads that hit a server fault in the batch are sent again alone; writes are not', async () => {
    const batched = createClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited, retry: { attempts: 3, baseDelay: 1 } })
    emulator.portal.inject({ method: 'imbot.chat.get', reply: { status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'oops' } })
    emulator.portal.inject({ method: 'imbot.message.add', reply: { status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'oops' } })
    const [readResult, writeResult] = await Promise.allSettled([read(batched), write(batched)])
    expect(readResult).toEqual({ status: 'fulfilled', value: null })
    expect(writeResult).toMatchObject({
      status: 'rejected',
      reason: { code: 'INTERNAL_SERVER_ERROR', retryable: false, method: 'imbot.message.add' },
    })
    expect(emulator.portal.requests.map((request) => request.method)).toEqual(['batch', 'imbot.chat.get'])
  })

  it('a call the portal refuses inside a batch (a file download) is sent again alone, with no method name known to the client', async () => {
    const batched = createClient({ webhookUrl: emulator.webhookUrl, limiter: unlimited, retry: { attempts: 3, baseDelay: 1 } })
    const [download] = await Promise.allSettled([batched.call('imbot.v2.File.download', { botId: 1, fileId: 1 }), read(batched)])
    expect(emulator.portal.requests.map((request) => request.method)).toEqual(['batch', 'imbot.v2.File.download'])
    // Alone, the portal answers it for what it is (here: no such bot), not ERROR_BATCH_METHOD_NOT_ALLOWED.
    expect(download).toMatchObject({ status: 'rejected' })
    expect((download as PromiseRejectedResult).reason).not.toMatchObject({ code: 'ERROR_BATCH_METHOD_NOT_ALLOWED' })
  })

  it('an envelope with a code it does not know means what its status means: a JSON 429 is slowed down and repeated', async () => {
    emulator.portal.inject({ reply: { status: 429, error: 'Too Many Requests', description: 'slow down' } })
    await expect(write(client())).rejects.not.toMatchObject({ code: 'Too Many Requests' })
    expect(emulator.portal.requests.map((request) => request.status)).toEqual([429, expect.any(Number)])
  })
})
