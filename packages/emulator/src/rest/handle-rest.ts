import { phpDate } from '../views/php-date.ts'
import { implementations } from '../methods/index.ts'
import { allowed, type CallAuth, type MethodImplementation } from '../methods/method.ts'
import type { OperatingUse } from './limits.ts'
import type { Portal } from '../portal.ts'
import type { InjectedReply } from './records.ts'
import type { CallOutcome } from './call-outcome.ts'
import { phpJsonEncode } from './php-json.ts'
import { readParams } from './read-params.ts'
import { batchErrors, isNotBatchable, runBatch } from './batch.ts'
import { RestError, restErrors } from './rest-error.ts'

/** An HTTP request on `/rest/...`, reduced to what the REST server reads. */
export interface RestRequest {
  readonly httpMethod: string
  /** The path below `/rest/`, still percent-encoded. */
  readonly path: string
  readonly query: string
  readonly body: string
  readonly contentType: string | undefined
  /** The `Authorization` header, read for `Bearer` tokens. */
  readonly authorization?: string | undefined
}

/** What the REST server answers. */
export interface RestResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** Reset the connection instead of answering (a scripted fault). */
  readonly reset?: boolean
}

/** Headers `CRestUtil::sendHeaders` and `CRestServer::sendHeaders` always send (server-behavior §1.7). */
const jsonHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'origin, content-type, accept',
  'x-content-type-options': 'nosniff',
}

/** Keys the server consumes before a method sees the params (server-behavior §1.2). */
const consumedKeys = ['auth', 'access_token', 'auth_connector', 'sessid', 'state', 'start']

interface Route {
  readonly method: string
  readonly webhook?: { readonly login: string; readonly secret: string }
}

/** `/rest/{method}` (OAuth) or `/rest/{userId}/{secret}/{method}` (webhook), trailing `/` and `.json` allowed. */
function route(path: string): Route | undefined {
  // PHP's rawurldecode: valid escapes decoded, malformed ones kept as they are.
  const parts = path
    .replace(/\/$/, '')
    .split('/')
    .map((part) =>
      part.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
        try {
          return decodeURIComponent(run)
        } catch {
          return run
        }
      }),
    )
  const method = (parts.at(-1) ?? '').replace(/\.json$/i, '')
  if (parts.length === 1) return { method }
  const [login, secret] = parts
  if (parts.length === 3 && login !== undefined && secret !== undefined) return { method, webhook: { login, secret } }
  return undefined
}

/** The `time` block of a success, cloud style: integer `start` and `processing` (server-behavior §1.5). */
function timeBlock(
  startedAt: number,
  now: number,
  use: OperatingUse = { operating: 0, resetAt: Math.floor(startedAt / 1000) + 600 },
): Record<string, unknown> {
  const finish = now / 1000
  const start = Math.floor(startedAt / 1000)
  return {
    start,
    finish,
    duration: finish - start,
    processing: Math.floor(finish - startedAt / 1000),
    date_start: phpDate(new Date(start * 1000)),
    date_finish: phpDate(new Date(finish * 1000)),
    operating_reset_at: use.resetAt,
    operating: use.operating,
  }
}

function injectedResponse(reply: InjectedReply, time: Record<string, unknown>): CallOutcome {
  if ('result' in reply) return { status: 200, body: { result: reply.result, time } }
  if ('error' in reply) return { status: reply.status, body: { error: reply.error, error_description: reply.description ?? '' } }
  return { status: reply.status, body: reply.body, raw: reply.body, ...(reply.contentType ? { contentType: reply.contentType } : {}) }
}

/**
 * The REST server's pipeline (`CRestServer::processExecution`, server-behavior §1.4): the method must
 * exist (404, before auth), then auth (401), then the method runs; its result is wrapped in the
 * success envelope, its `RestError` in the error envelope. Every request is recorded on the portal.
 */
/** The OAuth access token of a request: `Authorization: Bearer`, else `auth`, else `access_token` (server-behavior §1.3). */
function accessTokenOf(request: RestRequest, params: Readonly<Record<string, unknown>>): string | undefined {
  const bearer = /^bearer\s+(\S+)/i.exec(request.authorization ?? '')?.[1]
  if (bearer) return bearer
  for (const key of ['auth', 'access_token']) {
    const value = params[key]
    if (typeof value === 'string' && value !== '') return value
  }
  return undefined
}

/** Who a request is authorized as, or the 401 the server answers (server-behavior §1.3). */
function authenticate(portal: Portal, target: Route, request: RestRequest, params: Readonly<Record<string, unknown>>): CallAuth {
  if (target.webhook) {
    const { login, secret } = target.webhook
    const webhook = portal.webhooks.find((hook) => String(hook.userId) === login && hook.secret === secret)
    if (!webhook) throw restErrors.invalidCredentials()
    return {
      type: 'webhook',
      userId: webhook.userId,
      scopes: webhook.scopes,
      caller: `webhook:${String(webhook.userId)}:${webhook.secret}`,
    }
  }
  const token = accessTokenOf(request, params)
  if (token === undefined) throw restErrors.noAuthFound()
  const check = portal.tokens.check(token)
  if (!check.ok) throw check.error === 'expired_token' ? restErrors.expiredToken() : restErrors.invalidToken()
  return {
    type: 'oauth',
    userId: check.userId,
    clientId: check.app.clientId,
    scopes: check.app.scopes,
    caller: `oauth:${check.app.clientId}`,
  }
}

function failure(error: unknown): CallOutcome {
  const restError = error instanceof RestError ? error : new RestError('ERROR_CORE', String(error), 500)
  return { status: restError.status, body: restError.toBody() }
}

/**
 * Runs one method for an authorized caller (`CRestServer::processCall`): a scripted injection if one
 * matches, else the implementation; its result in the success envelope, its `RestError` in the error
 * envelope. Shared by plain calls and `batch` sub-calls.
 */
async function runMethod(
  portal: Portal,
  method: string,
  implementation: MethodImplementation,
  params: Readonly<Record<string, unknown>>,
  auth: CallAuth,
): Promise<CallOutcome> {
  const startedAt = portal.clock.now()
  const limitKey = `${auth.caller}|${method.toLowerCase()}`
  // The load limiter runs before the call (server-behavior §1.4), and every call's time is counted after it.
  if (portal.rest.limits.isBlocked(limitKey)) return failure(restErrors.operationTimeLimit())
  const finish = (): Record<string, unknown> => {
    const now = portal.clock.now()
    portal.rest.limits.record(limitKey, method, (now - startedAt) / 1000)
    return timeBlock(startedAt, now, portal.rest.limits.use(limitKey))
  }
  try {
    const injected = portal.rest.injections.take(method)
    if (injected?.delayMs) await new Promise((resolve) => setTimeout(resolve, injected.delayMs))
    if (injected?.reset === 'before') return { status: 0, body: null, reset: true }
    if (injected?.reply) return injectedResponse(injected.reply, finish())
    const outcome = execute(portal, method, implementation, params, auth, finish)
    return injected?.reset === 'after' ? { ...outcome, reset: true } : outcome
  } catch (error) {
    finish()
    return failure(error)
  }
}

/** Runs the implementation and logs the executed call. */
function execute(
  portal: Portal,
  method: string,
  implementation: MethodImplementation,
  params: Readonly<Record<string, unknown>>,
  auth: CallAuth,
  finish: () => Record<string, unknown>,
): CallOutcome {
  const methodParams = Object.fromEntries(Object.entries(params).filter(([key]) => !consumedKeys.includes(key.toLowerCase())))
  let outcome: CallOutcome
  try {
    const result = implementation.handle({ params: methodParams, portal, userId: auth.userId, auth })
    outcome = { status: 200, body: { result, time: finish() } }
  } catch (error) {
    finish()
    outcome = failure(error)
  }
  portal.rest.log.call({ method, params: methodParams, status: outcome.status })
  return outcome
}

/** A `batch` sub-call: looked up, checked against the batch's own rules and the caller's scopes, then run. */
function subCall(portal: Portal, auth: CallAuth): (method: string, params: Readonly<Record<string, unknown>>) => Promise<CallOutcome> {
  return async (method, params) => {
    if (isNotBatchable(method)) return failure(batchErrors.methodNotAllowed())
    const implementation = implementations.get(method.toLowerCase())
    if (!implementation) return failure(restErrors.methodNotFound())
    // A sub-call is not re-authenticated; only the scope is checked, with an empty description.
    if (!allowed(implementation, auth.scopes)) return failure(new RestError('insufficient_scope', '', 401))
    return runMethod(portal, method, implementation, params, auth)
  }
}

/**
 * A `batch` request: an injection naming `batch` (`portal.inject({ method: 'batch' })`) scripts the
 * request itself, as it would any method (decision 045); otherwise every command runs as a sub-call.
 */
async function batchRequest(portal: Portal, params: Readonly<Record<string, unknown>>, auth: CallAuth): Promise<CallOutcome> {
  const startedAt = portal.clock.now()
  // Only an injection that names `batch`: one meant for any method still meets the first command, as before.
  const injected = portal.rest.injections.take('batch', true)
  if (injected?.delayMs) await new Promise((resolve) => setTimeout(resolve, injected.delayMs))
  if (injected?.reset === 'before') return { status: 0, body: null, reset: true }
  if (injected?.reply) return injectedResponse(injected.reply, timeBlock(startedAt, portal.clock.now()))
  const run = subCall(portal, auth)
  // A sub-call scripted to reset the connection loses the whole batch's answer; the other commands still run.
  const answer = { lost: injected?.reset === 'after' }
  const result = await runBatch(params, async (method, subParams) => {
    const subOutcome = await run(method, subParams)
    answer.lost ||= subOutcome.reset === true
    return subOutcome
  })
  return { status: 200, body: { result, time: timeBlock(startedAt, portal.clock.now()) }, ...(answer.lost ? { reset: true } : {}) }
}

export async function handleRest(portal: Portal, request: RestRequest): Promise<RestResponse> {
  const target = route(request.path)
  const params = readParams(request.query, request.body, request.contentType)
  let outcome: CallOutcome
  try {
    // The request-rate limit sits in front of the portal (nginx in the cloud): it counts every request, batch as one.
    if (!portal.rest.limits.admitRequest()) throw restErrors.queryLimitExceeded()
    const isBatch = target?.method.toLowerCase() === 'batch'
    const implementation = target ? implementations.get(target.method.toLowerCase()) : undefined
    if (!target || (!implementation && !isBatch)) throw restErrors.methodNotFound()
    const auth = authenticate(portal, target, request, params)
    if (isBatch) {
      outcome = await batchRequest(portal, params, auth)
    } else if (implementation) {
      if (!allowed(implementation, auth.scopes)) throw restErrors.insufficientScope(auth.type === 'webhook' ? 'webhook' : 'access')
      outcome = await runMethod(portal, target.method, implementation, params, auth)
    } else {
      throw restErrors.methodNotFound()
    }
  } catch (error) {
    outcome = failure(error)
  }
  portal.rest.log.request({
    method: target?.method ?? '',
    httpMethod: request.httpMethod,
    params,
    status: outcome.status,
    response: outcome.body,
  })
  const headers = outcome.contentType ? { ...jsonHeaders, 'content-type': outcome.contentType } : jsonHeaders
  return { status: outcome.status, headers, body: outcome.raw ?? phpJsonEncode(outcome.body), ...(outcome.reset ? { reset: true } : {}) }
}
