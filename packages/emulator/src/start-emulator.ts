import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { ClockOptions } from './model/clock.ts'
import type { LimitsOptions } from './rest/limits.ts'
import { Portal } from './portal.ts'
import { serveFile } from './methods/files.ts'
import { handleRest, type RestResponse } from './rest/handle-rest.ts'
import { handleTokenRequest } from './rest/token-endpoint.ts'
import { serveWebChat } from './web/web-api.ts'

/** What {@link startEmulator} takes. */
export interface EmulatorOptions {
  /** Port to listen on. Default 0: a free port. */
  readonly port?: number
  /** Address to listen on. Default `127.0.0.1`: loopback only. */
  readonly host?: string
  /** The webhook `webhookUrl` points at. Default: user 1, a random secret, scopes `imbot`, `im`, `basic`. */
  readonly webhook?: { readonly userId?: number; readonly secret?: string; readonly scopes?: readonly string[] }
  /** Request bodies larger than this many bytes get 413. Default 160 MiB: room for a 100 MB file in Base64, so larger uploads meet `FILE_TOO_LARGE`. */
  readonly maxBodyBytes?: number
  /** The portal clock: where it starts, and whether it stands still until advanced. */
  readonly clock?: ClockOptions
  /** The portal's limits (`limitPresets` has the documented ones). Off by default. */
  readonly limits?: LimitsOptions
  /**
   * How many entries the portal's logs (`requests`, `calls`, `tokenRequests`) keep: the latest, up to a
   * quarter more between trims, so memory stays flat however long it runs. Default 10 000.
   */
  readonly logSize?: number
  /**
   * Serve HTTPS with this key and certificate (PEM), for clients that refuse plain HTTP webhooks,
   * such as the official `@bitrix24/b24jssdk`. Default: plain HTTP, as a portal with
   * `REST_APAUTH_ALLOW_HTTP` allows.
   */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer }
}

/** A running emulated portal. */
export interface Emulator {
  /** The portal's base URL, such as `http://127.0.0.1:41234`. */
  readonly url: string
  /** An incoming-webhook URL for the default webhook: `{url}/rest/1/{secret}/`. */
  readonly webhookUrl: string
  /** The portal's state: arrange chats and users, read recorded requests, inject replies. */
  readonly portal: Portal
  /** Stops listening and closes open connections. */
  close(): Promise<void>
}

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new BodyTooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function send(response: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: string): void {
  response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) })
  response.end(body)
}

async function guarded(answer: () => Promise<RestResponse>): Promise<RestResponse> {
  try {
    return await answer()
  } catch (error) {
    const body = JSON.stringify({ error: 'ERROR_CORE', error_description: `Emulator failure: ${String(error)}` })
    return { status: 500, headers: { 'content-type': 'application/json; charset=utf-8' }, body }
  }
}

/**
 * Starts an emulated Bitrix24 portal over real HTTP. It reads requests and answers them the way the
 * server does (envelopes, statuses, error codes, quirks), per `spec/server-behavior.md`.
 *
 * @example
 * ```ts
 * import { startEmulator } from '@b24bot/emulator'
 * import { createClient } from '@b24bot/transport'
 *
 * const emulator = await startEmulator()
 * const client = createClient({ webhookUrl: emulator.webhookUrl })
 * emulator.portal.createChat({ entityType: 'ORDER', entityId: 13 })
 * // ...
 * await emulator.close()
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const portal = new Portal({
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.logSize === undefined ? {} : { logSize: options.logSize }),
  })
  const webhook = portal.addWebhook(options.webhook)
  const maxBodyBytes = options.maxBodyBytes ?? 160 * 1024 * 1024

  const listener: RequestListener = (request, response) => {
    const url = new URL(request.url ?? '/', 'http://emulator')
    const isTokenEndpoint = /^\/oauth\/token\/?$/.test(url.pathname)
    // The chat page for humans (`/`) and its API (`/emulator/api/`).
    if (serveWebChat(portal, request, response)) return
    // The `downloadUrl` of `File.download`: the file's bytes.
    if (serveFile(portal, url.pathname, response)) return
    if (!url.pathname.startsWith('/rest/') && !isTokenEndpoint) {
      send(response, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not found')
      return
    }
    // Events a call causes go out after its response, as the portal's background jobs do.
    response.once('close', portal.events.hold())
    readBody(request, maxBodyBytes).then(
      async (body) => {
        // handleRest answers every failure with an envelope; this guard only keeps a bug from killing the server.
        const contentType = request.headers['content-type']
        const answer = await guarded(() =>
          isTokenEndpoint
            ? handleTokenRequest(portal, url.search.slice(1), body, contentType)
            : handleRest(portal, {
                httpMethod: request.method ?? 'GET',
                path: url.pathname.slice('/rest/'.length),
                query: url.search.slice(1),
                body,
                contentType,
                authorization: request.headers.authorization,
              }),
        )
        if (answer.reset) response.socket?.resetAndDestroy()
        else send(response, answer.status, answer.headers, answer.body)
      },
      (error: unknown) => {
        if (error instanceof BodyTooLarge)
          send(response, 413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }, 'Request Entity Too Large')
        else response.destroy()
      },
    )
  }
  const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `${options.tls ? 'https' : 'http'}://${host}:${String(address.port)}`
  portal.url = url

  return {
    url,
    webhookUrl: `${url}/rest/${webhook.userId}/${webhook.secret}/`,
    portal,
    close: () =>
      new Promise<void>((resolve, reject) => {
        portal.events.close()
        server.close((error) => {
          if (error) reject(error)
          else resolve()
        })
        server.closeAllConnections()
      }),
  }
}
