/**
 * The `node:http` and Express adapters of the intake. Node only (and runtimes with Node's request and
 * response objects): the rest of the intake is Web-standard, and on Bun, Deno, Workers or Next
 * `bot.fetch` is used as is. It imports `node:http` for types only, so importing the package loads no
 * `node:*` module.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { encodeForm, type FormInput } from '@b24bot/core'
import type { Bot } from '../bot.ts'

/** What {@link toNodeHandler} takes. */
export interface NodeHandlerOptions {
  /**
   * Hears failures of the adapter itself: a request it could not turn into a `Request`, a response
   * it could not write (the portal hung up). Default: ignored, as a closed connection is routine.
   */
  readonly onError?: (error: unknown) => void
}

/** A `node:http` request listener; Express calls it as a route handler too. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void

/** An Express route handler: `(req, res, next)`; `next` is never called, every request is answered. */
export type ExpressHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void

/** A request a body parser (`express.urlencoded()`, `express.json()`, ...) has already read. */
type ParsedRequest = IncomingMessage & { readonly body?: unknown }

/** The part of a bot the adapters use. */
type Intake = Pick<Bot, 'fetch'>

const noop = (): void => undefined

function plain(status: number, reason: string): Response {
  return new Response(reason, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (`:path`) are not headers a `Request` can carry.
    if (value === undefined || name.startsWith(':')) continue
    headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  return headers
}

function urlOf(req: IncomingMessage): string {
  const path = req.url ?? '/'
  try {
    return new URL(path, `http://${req.headers.host ?? 'localhost'}`).href
  } catch {
    try {
      return new URL(path, 'http://localhost').href
    } catch {
      return 'http://localhost/'
    }
  }
}

/** What {@link bodyStream} gives: the stream, and whether it read the request to its end. */
interface RequestBody {
  readonly stream: ReadableStream<Uint8Array>
  readonly complete: () => boolean
}

/**
 * The request body as a pull stream: a chunk is read from the socket only when the reader asks for
 * one, so `bot.fetch`, which stops reading past `maxBodyBytes`, never makes this hold more than the
 * cap plus one chunk. A request that breaks off errors the stream (`bot.fetch` answers 500).
 */
function bodyStream(req: IncomingMessage): RequestBody {
  let ended = false
  let stopped = false
  let attached = false
  let waiting: { resolve: () => void } | undefined
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined

  const wake = (): void => {
    const current = waiting
    waiting = undefined
    current?.resolve()
  }
  const detach = (): void => {
    stopped = true
    req.off('data', onData)
    req.off('end', onEnd)
    req.off('error', onFailure)
    req.off('close', onClose)
    req.pause()
    wake()
  }
  function onData(chunk: Buffer | string): void {
    if (stopped) return
    req.pause()
    controller?.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk)
    wake()
  }
  function onEnd(): void {
    ended = true
    detach()
    controller?.close()
  }
  function onFailure(error: unknown): void {
    detach()
    controller?.error(error)
  }
  function onClose(): void {
    if (!ended) onFailure(new Error('The request closed before its body ended'))
  }

  const stream: ReadableStream<Uint8Array> = new ReadableStream(
    {
      start(own) {
        controller = own
      },
      pull() {
        if (stopped) return undefined
        if (!attached) {
          attached = true
          req.on('data', onData)
          req.on('end', onEnd)
          req.on('error', onFailure)
          req.on('close', onClose)
        }
        return new Promise<void>((resolve) => {
          waiting = { resolve }
          req.resume()
        })
      },
      cancel() {
        detach()
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, complete: () => ended }
}

/** The body a parser left in `req.body`, back in wire form; `undefined` when it cannot be. */
function reencode(body: unknown, contentType: string): string | Uint8Array | undefined {
  if (typeof body === 'string' || body instanceof Uint8Array) return body
  if (typeof body !== 'object' || body === null) return undefined
  try {
    return contentType.includes('json') ? JSON.stringify(body) : encodeForm(body as Readonly<Record<string, FormInput>>)
  } catch {
    return undefined
  }
}

async function toResponse(intake: Intake, req: ParsedRequest, reading: { body: RequestBody | undefined }): Promise<Response> {
  const url = urlOf(req)
  const method = req.method ?? 'GET'
  let headers: Headers
  try {
    headers = headersOf(req)
  } catch {
    return plain(400, 'The request headers cannot be read')
  }
  if (method === 'GET' || method === 'HEAD') return intake.fetch(new Request(url, { method, headers }))
  let init: RequestInit
  if (req.body !== undefined && req.readableEnded) {
    // A body parser read the stream; what it made of the body is all there is.
    const body = reencode(req.body, headers.get('content-type') ?? '')
    if (body === undefined) return plain(400, 'The body a parser left in req.body cannot be read as a form or JSON')
    headers.delete('content-length')
    headers.delete('transfer-encoding')
    init = { method, headers, body }
  } else {
    reading.body = bodyStream(req)
    init = { method, headers, body: reading.body.stream, duplex: 'half' }
  }
  let request: Request
  try {
    request = new Request(url, init)
  } catch {
    // A method `fetch` refuses (CONNECT, TRACE, TRACK) is not the POST an event comes as.
    return plain(405, 'Events are POSTed')
  }
  return intake.fetch(request)
}

async function write(res: ServerResponse, response: Response, close: boolean): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer())
  if (res.headersSent || res.writableEnded || res.destroyed) return
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  headers['content-length'] = String(body.byteLength)
  // The rest of an unread body is not worth reading: close the connection after answering.
  if (close) headers.connection = 'close'
  res.writeHead(response.status, headers)
  res.end(body)
}

async function serve(intake: Intake, req: ParsedRequest, res: ServerResponse, onError: (error: unknown) => void): Promise<void> {
  // Errors after the answer (a reset socket) must not become uncaught exceptions.
  req.on('error', noop)
  res.on('error', onError)
  const reading: { body: RequestBody | undefined } = { body: undefined }
  let response: Response
  try {
    response = await toResponse(intake, req, reading)
  } catch (error) {
    onError(error)
    response = plain(500, 'The event could not be taken')
  }
  try {
    await write(res, response, reading.body !== undefined && !reading.body.complete())
  } catch (error) {
    onError(error)
    if (!res.headersSent) res.destroy()
  }
}

/**
 * Serves the bot's intake from `node:http` (or anything taking a Node request listener): turns the
 * request into a Web `Request` (its body streamed, so no more than `maxBodyBytes` is ever held),
 * answers with what `bot.fetch` returns, and never throws: a broken request gets 400 or 500, a
 * connection the portal closed is let go.
 *
 * Works as an Express route handler as is (see {@link toExpressHandler}).
 *
 * @param bot The bot whose `fetch` answers.
 * @param options How to hear the adapter's own failures.
 * @returns A `(req, res) => void` request listener.
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { createBot, toNodeHandler } from '@b24bot/bot'
 *
 * const bot = createBot({ applicationToken: process.env.B24_APPLICATION_TOKEN! })
 * bot.on('ONIMBOTMESSAGEADD', (ctx) => ctx.reply(`You said: ${ctx.text ?? ''}`))
 * createServer(toNodeHandler(bot)).listen(3000)
 * ```
 */
export function toNodeHandler(bot: Intake, options: NodeHandlerOptions = {}): NodeHandler {
  const onError = options.onError ?? noop
  return (req, res) => {
    serve(bot, req, res, onError).catch(onError)
  }
}

/**
 * Serves the bot's intake as an Express route handler: `app.post(path, toExpressHandler(bot))`. Best
 * mounted before any body parser, so the body is read (capped) by the intake itself. When a parser
 * such as `express.urlencoded()` or `express.json()` already consumed the stream, the body it left in
 * `req.body` is encoded back (a form with `encodeForm`, JSON with `JSON.stringify`) and taken like
 * the original. `express.urlencoded({ extended: false })` keeps the portal's bracket keys exactly;
 * the default `qs` parser turns small numeric keys (`data[BOT][27]`) into lists.
 *
 * @param bot The bot whose `fetch` answers.
 * @param options How to hear the adapter's own failures.
 * @returns A handler that answers every request itself (it never calls `next`).
 * @example
 * ```ts
 * import express from 'express'
 * import { createBot, toExpressHandler } from '@b24bot/bot'
 *
 * const bot = createBot({ applicationToken: process.env.B24_APPLICATION_TOKEN! })
 * const app = express()
 * app.post('/bitrix/events', toExpressHandler(bot))
 * app.listen(3000)
 * ```
 */
export function toExpressHandler(bot: Intake, options: NodeHandlerOptions = {}): ExpressHandler {
  const handler = toNodeHandler(bot, options)
  return (req, res) => {
    handler(req, res)
  }
}
