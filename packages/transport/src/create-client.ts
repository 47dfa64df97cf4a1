import {
  NetworkError,
  ResponseShapeError,
  TimeoutError,
  toIssues,
  ValidationError,
  type CallArgs,
  type CallOptions,
  type Caller,
  type MethodDescriptor,
  type MethodResult,
  type SuccessEnvelope,
} from '@b24bot/core'
import ky, { TimeoutError as KyTimeoutError } from 'ky'
import * as v from 'valibot'
import { encodeBody, type BodyEncoding } from './encode-body.ts'
import { readResponse } from './read-response.ts'
import { createRedactor } from './redactor.ts'
import { webhookAuth } from './webhook-auth.ts'

/** What {@link createClient} takes. */
export interface ClientOptions {
  /** The incoming webhook: `https://{portal}/rest/{userId}/{secret}/`. It is a credential and is never logged. */
  readonly webhookUrl: string | URL
  /** Time limit per call in milliseconds, or `false` for none. Default 60 000 (a cloud portal cuts calls at 60 s). */
  readonly timeout?: number | false
  /** How params are sent: `'json'` (default, keeps native types) or `'form'` (PHP-style brackets, all strings). */
  readonly encoding?: BodyEncoding
  /** The `fetch` to use. Default: the global one. */
  readonly fetch?: typeof globalThis.fetch
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>
}

/** Params of a raw call: any object. */
export type RawParams = Readonly<Record<string, unknown>>

/**
 * A Bitrix24 REST client. Calls by descriptor are validated and typed; calls by name are the raw
 * escape hatch for any method.
 */
export interface Client extends Caller {
  /**
   * Calls a described method: validates params (a `ValidationError` and no request when they are
   * wrong), sends them, and parses the result into the method's documented type.
   *
   * @example
   * ```ts
   * const chatId = await client.call(methods['imbot.chat.get'], { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
   * ```
   */
  call<D extends MethodDescriptor>(descriptor: D, ...args: CallArgs<D>): Promise<MethodResult<D>>
  /**
   * Calls any method by name, unvalidated, and resolves to its raw `result`.
   *
   * @example
   * ```ts
   * const result = await client.call('imbot.chat.get', { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
   * ```
   */
  call(method: string, params?: RawParams, options?: CallOptions): Promise<unknown>
  /**
   * A new client with some options replaced. This client is not changed.
   *
   * @example
   * ```ts
   * const patient = client.extend({ timeout: 120_000 })
   * ```
   */
  extend(options: Partial<ClientOptions>): Client
}

/** One logical call on its way to the portal, after validation. */
interface RestRequest {
  readonly method: string
  readonly params: RawParams
  readonly signal: AbortSignal | undefined
  readonly timeout: number | false
}

const methodName = /^[A-Za-z][\w.]*$/

/**
 * Creates a client for one portal.
 *
 * @example
 * ```ts
 * import { createClient } from '@b24bot/transport'
 *
 * const client = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL! })
 * const result = await client.call('imbot.chat.get', { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
 * ```
 */
export function createClient(options: ClientOptions): Client {
  const auth = webhookAuth(options.webhookUrl)
  const redactor = createRedactor(auth.secrets)
  const encoding = options.encoding ?? 'json'
  const defaultTimeout = options.timeout ?? 60_000
  const http = ky.create({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    retry: 0,
    throwHttpErrors: false,
    redirect: 'manual',
    headers: { accept: 'application/json', ...options.headers },
  })

  /** Sends one call and reads the envelope. Every failure leaves here as a b24bot error without secrets. */
  async function send(request: RestRequest): Promise<SuccessEnvelope> {
    const { method, signal, timeout } = request
    const { body, contentType } = encodeBody(request.params, encoding)
    let response: Response
    let text: string
    try {
      response = await http.post(auth.url(method), { body, headers: { 'content-type': contentType }, signal: signal ?? null, timeout })
      text = await response.text()
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      if (error instanceof KyTimeoutError && timeout !== false) throw new TimeoutError({ method, timeout })
      throw new NetworkError({ method, cause: redactor.error(error) })
    }
    return readResponse(method, response.status, response.ok, text, redactor)
  }

  async function call(target: MethodDescriptor | string, params?: RawParams, callOptions: CallOptions = {}): Promise<unknown> {
    const descriptor = typeof target === 'string' ? undefined : target
    const method = descriptor ? descriptor.method : (target as string)
    if (!methodName.test(method)) throw new TypeError(`Not a Bitrix24 method name: ${JSON.stringify(method)}`)
    callOptions.signal?.throwIfAborted()

    let wireParams: RawParams = params ?? {}
    if (descriptor) {
      const parsed = v.safeParse(descriptor.params, params ?? {})
      if (!parsed.success) throw new ValidationError({ method, issues: toIssues(parsed.issues) })
      wireParams = parsed.output
    }

    const envelope = await send({ method, params: wireParams, signal: callOptions.signal, timeout: callOptions.timeout ?? defaultTimeout })
    if (!descriptor) return envelope.result
    const result = v.safeParse(descriptor.result, envelope.result)
    if (!result.success) throw new ResponseShapeError({ method, issues: toIssues(result.issues), received: envelope.result })
    return result.output
  }

  return {
    call: call,
    extend: (overrides) => createClient({ ...options, ...overrides }),
  }
}
