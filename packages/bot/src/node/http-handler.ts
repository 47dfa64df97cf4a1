import type { IncomingMessage, ServerResponse } from 'node:http'
import { encodeForm, type FormInput } from '@b24bot/core'
import type { Bot, IntakeAnswer } from '../bot.ts'

/** What {@link toNodeHandler} takes. */
export interface NodeHandlerOptions {
  /**
   * Hears failures of the adapter itself: a response it could not write (the portal hung up). Default:
   * the bot's `logger` at debug level, as a closed connection is routine.
   */
  readonly onError?: (error: unknown) => void
}

/** A `node:http` request listener; Express calls it as a route handler too. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void

/** An Express route handler: `(req, res, next)`; `next` is never called, every request is answered. */
export type ExpressHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void

/**
 * A request a body parser (`express.urlencoded()`, `express.json()`, `express.text()`, `express.raw()`)
 * has read: what it made of the body, and the raw bytes when a `verify` hook kept them (`req.rawBody`).
 */
type ParsedRequest = IncomingMessage & { readonly body?: unknown; readonly rawBody?: unknown }

/** The part of a bot the adapters use. */
type Intake = Pick<Bot, 'take' | 'intakeLimits' | 'options'>

/** How reading a body from the socket ended. */
type BodyRead =
  | { readonly kind: 'read'; readonly text: string }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'gone' }

/**
 * Reads `req`'s body as text: no more than `maxBytes` (a larger declared length is refused unread; a
 * larger body stops being read at the cap), within `timeout` ms (a body that trickles in is cut), and
 * let go when the client hangs up.
 */
function readNodeBody(req: IncomingMessage, maxBytes: number, timeout: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ kind: 'too-large' })
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (outcome: BodyRead): void => {
      clearTimeout(timer)
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onGone)
      req.off('close', onClose)
      if (outcome.kind !== 'read') req.pause()
      resolve(outcome)
    }
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += bytes.byteLength
      if (size > maxBytes) finish({ kind: 'too-large' })
      else chunks.push(bytes)
    }
    const onEnd = (): void => {
      finish({
        kind: 'read',
        text: chunks.length === 1 ? (chunks[0]?.toString('utf8') ?? '') : Buffer.concat(chunks, size).toString('utf8'),
      })
    }
    const onGone = (): void => {
      finish({ kind: 'gone' })
    }
    const onClose = (): void => {
      if (!req.readableEnded) onGone()
    }
    const timer = setTimeout(() => {
      finish({ kind: 'timeout' })
    }, timeout)
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onGone)
    req.on('close', onClose)
  })
}

/**
 * The body a parser left in `req.body`, back in wire form; `undefined` when it cannot be. A string or
 * bytes (`express.text()`, `express.raw()`) is the body itself; an object is re-encoded as a form (or
 * JSON for a JSON request). `express.urlencoded({ extended: true })` (the `qs` parser) turns maps keyed
 * by small ids (`data[BOT][3]`) into lists; the event decoder re-keys those by each entry's own id.
 */
function reencode(body: unknown, contentType: string): string | undefined {
  if (typeof body === 'string') return body
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')
  if (typeof body !== 'object' || body === null) return undefined
  try {
    return contentType.includes('json') ? JSON.stringify(body) : encodeForm(body as Readonly<Record<string, FormInput>>)
  } catch {
    return undefined
  }
}

const plainText = { 'content-type': 'text/plain; charset=utf-8' } as const

function write(res: ServerResponse, answer: IntakeAnswer, close: boolean): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return
  const body = Buffer.from(answer.text, 'utf8')
  res.writeHead(answer.status, { ...plainText, 'content-length': String(body.byteLength), ...(close ? { connection: 'close' } : {}) })
  res.end(body)
}

/** Whether a parser already read the body (Express 4 sets `req.body = {}` even when it did not). */
function parsed(req: ParsedRequest): boolean {
  return req.body !== undefined && req.readableEnded
}

async function serve(intake: Intake, req: ParsedRequest, res: ServerResponse, onError: (error: unknown) => void): Promise<void> {
  // Errors after the answer (a reset socket) must not become uncaught exceptions.
  req.on('error', onError)
  res.on('error', onError)
  if (req.method !== 'POST') {
    write(res, { status: 405, text: 'Events are POSTed' }, !req.readableEnded)
    return
  }
  const contentType = req.headers['content-type'] ?? ''
  let text: string
  if (req.readableEnded) {
    // Something read the stream before the intake: a parser (`req.body`), or a hook that kept the bytes
    // (`req.rawBody`, taken first: it is the body exactly). Nothing left: answered at once, not after a
    // read that cannot come.
    const left = req.rawBody ?? (parsed(req) ? req.body : undefined)
    const body = left === undefined ? undefined : reencode(left, contentType)
    if (body === undefined) {
      const why =
        left === undefined
          ? 'was read before the intake by a middleware that left neither req.body nor req.rawBody'
          : 'a parser left in req.body cannot be read as a form or JSON'
      write(res, { status: 400, text: `The body ${why}` }, false)
      return
    }
    // The parser had its own limit; the bot's holds too.
    if (Buffer.byteLength(body, 'utf8') > intake.intakeLimits.maxBodyBytes) {
      write(res, { status: 413, text: 'The body is too large' }, false)
      return
    }
    text = body
  } else {
    const { maxBodyBytes, readTimeout } = intake.intakeLimits
    const read = await readNodeBody(req, maxBodyBytes, readTimeout)
    if (read.kind === 'gone') {
      intake.options.logger?.debug({ url: '(hidden)' }, 'b24bot intake: the client went away before its body ended')
      res.destroy()
      return
    }
    // The rest of an unread body is not worth reading: the connection closes after the answer.
    if (read.kind === 'too-large' || read.kind === 'timeout') {
      write(
        res,
        read.kind === 'too-large'
          ? { status: 413, text: 'The body is too large' }
          : { status: 408, text: 'The body did not arrive in time' },
        true,
      )
      return
    }
    text = read.text
  }
  const answer = await intake.take({ url: req.url ?? '/', contentType, body: text })
  write(res, answer, false)
}

/**
 * Serves the bot's intake from `node:http` (or anything taking a Node request listener): reads the
 * body from Node's own stream (no more than the bot's `maxBodyBytes`, within its `readTimeout`: 413 and
 * 408 otherwise, the connection closed), answers with the bot's intake, and never throws. A client that
 * hangs up mid-body is let go (a debug line for the bot's `logger`).
 *
 * @param bot The bot whose intake answers.
 * @param options How to hear the adapter's own failures.
 * @returns A `(req, res) => void` request listener.
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { createBot } from '@b24bot/bot'
 * import { toNodeHandler } from '@b24bot/bot/node'
 *
 * const bot = createBot({ applicationToken: process.env.B24_APPLICATION_TOKEN! })
 * bot.on('ONIMBOTMESSAGEADD', (ctx) => ctx.reply(`You said: ${ctx.text}`))
 * createServer(toNodeHandler(bot)).listen(3000)
 * ```
 */
export function toNodeHandler(bot: Intake, options: NodeHandlerOptions = {}): NodeHandler {
  const onError =
    options.onError ??
    ((error: unknown): void => {
      bot.options.logger?.debug({ error }, 'b24bot intake: a connection failed')
    })
  return (req, res) => {
    serve(bot, req, res, onError).catch((error: unknown) => {
      onError(error)
      write(res, { status: 500, text: 'The event could not be taken' }, true)
    })
  }
}

/**
 * Serves the bot's intake as an Express route handler: `app.post(path, toExpressHandler(bot))`, on
 * Express 4 and 5, behind any of the usual body parsers or none. With no parser, or one that left the
 * stream alone (`express.json()` for a form event), the body is read from the stream as
 * {@link toNodeHandler} does. When a parser already read it (`express.urlencoded()`, extended or not;
 * `express.text()`, `express.raw()`), what it left in `req.body` is taken: text and bytes as they are,
 * an object re-encoded as a form (or JSON).
 *
 * @param bot The bot whose intake answers.
 * @param options How to hear the adapter's own failures.
 * @returns A handler that answers every request itself (it never calls `next`).
 * @example
 * ```ts partial: needs express, which @b24bot/bot does not depend on (its ExpressHandler type stands alone)
 * import express from 'express'
 * import { createBot } from '@b24bot/bot'
 * import { toExpressHandler } from '@b24bot/bot/node'
 *
 * const bot = createBot({ applicationToken: process.env.B24_APPLICATION_TOKEN! })
 * const app = express()
 * app.use(express.urlencoded({ extended: true }))
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
