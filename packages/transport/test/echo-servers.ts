import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * Test servers that answer every request by echoing it back, the way real failures quote what they
 * were sent: a proxy's JSON 404 naming the path, an HTML error page, a 2xx text body, an error
 * envelope whose description and extra keys hold the request, a success envelope whose `result` is
 * the request, and a token endpoint that echoes its query. Every echo carries each piece of the
 * request in several wire encodings at once (see {@link encodings}), so a secret the client sent
 * comes back in all of them.
 */

/** How a REST request is answered. */
export type EchoStyle =
  /** 404 JSON as a proxy or framework writes it (`{ statusCode, error: 'Not Found', message: 'Cannot POST /path?query' }`). */
  | 'json-404'
  /** 500 HTML page quoting the URL, the headers and the body. */
  | 'html-500'
  /** 502 HTML page of a gateway, quoting the same. */
  | 'html-502'
  /** 200 `text/plain` quoting the query and the body. */
  | 'text-200'
  /** 400 error envelope: description, `details` and nested objects and lists echo everything; a batch gets a `result_error` per command. */
  | 'error-envelope'
  /** 200 success envelope whose `result` is the echo: of a shape no descriptor expects. */
  | 'wrong-result'
  /** 401 `expired_token`: the client refreshes at the token endpoint, which echoes in its own style. */
  | 'expired'
  /** Answers only after `delayMs` (a time limit runs out first). */
  | 'slow'
  /** Sends the headers at once and the body only after `delayMs`. */
  | 'slow-body'

/** How the token endpoint (`/oauth/token/...`) answers, whatever the REST style. */
export type TokenStyle =
  /** 400 `invalid_grant` envelope echoing the query and form, in description and extra keys. */
  | 'token-envelope'
  /** 502 HTML page echoing the query and form. */
  | 'token-html'
  /** 200 JSON without tokens, echoing the query and form. */
  | 'token-200'

/** Every REST style. */
const echoStyles: readonly EchoStyle[] = [
  'json-404',
  'html-500',
  'html-502',
  'text-200',
  'error-envelope',
  'wrong-result',
  'expired',
  'slow',
  'slow-body',
]

/** PHP's `json_encode` of a string without the quotes: `\/`, and `<>&'"` and every non-ASCII unit as `\uXXXX`. */
function phpJsonText(text: string): string {
  return JSON.stringify(text)
    .slice(1, -1)
    .replace(/\//g, '\\/')
    .replace(/[<>&'\u007f-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** PHP's `json_encode` of a whole value (what a PHP portal or proxy puts on the wire). */
export function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[<>&'\u007f-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** `&<>"'` as HTML character references. */
export function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char)
}

/**
 * The encodings a secret takes on the wire and in echoes: as itself, `encodeURIComponent`, a
 * `URLSearchParams` form value (`+` for a space, `!'()~` encoded), JSON-escaped as JavaScript and as
 * PHP writes it (`\/`, `\u003C`, `\u00e9`), and HTML-escaped.
 */
export const encodings: Readonly<Record<string, (text: string) => string>> = {
  raw: (text) => text,
  uri: encodeURIComponent,
  form: (text) => new URLSearchParams([['', text]]).toString().slice(1),
  json: (text) => JSON.stringify(text).slice(1, -1),
  php: phpJsonText,
  html: htmlEscape,
}

/** A request as the server read it. */
export interface Received {
  readonly method: string
  /** Path and query, as sent. */
  readonly target: string
  readonly headers: readonly (readonly [string, string])[]
  readonly body: string
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The values of a query or form text, decoded; and of a query inside any of them (`method?query`, as batch commands are). */
function formValues(text: string, depth = 0): string[] {
  const values: string[] = []
  for (const [key, value] of new URLSearchParams(text)) {
    values.push(`${key}=${value}`, value)
    const query = value.indexOf('?')
    if (query !== -1 && depth < 2) values.push(...formValues(value.slice(query + 1), depth + 1))
  }
  return values
}

/** Every string inside a JSON value, and the decoded query of any that holds one. */
function jsonValues(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') {
    const query = value.indexOf('?')
    return query === -1 ? [value] : [value, ...formValues(value.slice(query + 1), 1)]
  }
  if (typeof value !== 'object' || value === null || depth > 8) return []
  return Object.entries(value).flatMap(([key, item]) => [key, ...jsonValues(item, depth + 1)])
}

/** Every piece of a request an echo quotes: the request line, the decoded path, query values, headers, the body and its decoded values. */
function echoPieces(request: Received): string[] {
  const query = request.target.indexOf('?')
  let decodedBody: string[]
  try {
    decodedBody = jsonValues(JSON.parse(request.body) as unknown)
  } catch {
    decodedBody = formValues(request.body)
  }
  const pieces = [
    `${request.method} ${request.target}`,
    safeDecode(request.target),
    ...(query === -1 ? [] : formValues(request.target.slice(query + 1))),
    ...request.headers.map(([name, value]) => `${name}: ${value}`),
    request.body,
    ...decodedBody,
  ]
  return [...new Set(pieces)].filter((piece) => piece !== '')
}

/** Each piece in every encoding, rotated by `rotate` so that a different one comes first (error excerpts keep only the start). */
function echoLines(request: Received, rotate: number): string[] {
  const lines = echoPieces(request).flatMap((piece) => Object.values(encodings).map((encode) => encode(piece)))
  const shift = lines.length === 0 ? 0 : rotate % lines.length
  return [...lines.slice(shift), ...lines.slice(0, shift)]
}

/** The echo as a JSON value: lists, nested objects, and an object keyed by the echoed pieces. */
function echoObject(request: Received, lines: readonly string[]): Record<string, unknown> {
  const pieces = echoPieces(request)
  return {
    request: { method: request.method, target: request.target, headers: Object.fromEntries(request.headers), body: request.body },
    lines,
    nested: { deeper: [{ pieces }, [pieces.map((piece) => ({ piece }))]] },
    byValue: Object.fromEntries(pieces.map((piece, index) => [piece, index])),
  }
}

function htmlPage(status: number, title: string, request: Received, lines: readonly string[]): string {
  return [
    `<!DOCTYPE html><html><head><title>${String(status)} ${title}</title></head><body>`,
    `<h1>${title}</h1><p>While handling <code>${htmlEscape(`${request.method} ${request.target}`)}</code></p>`,
    `<pre>${lines.map(htmlEscape).join('\n')}</pre>`,
    `<pre>${request.headers.map(([name, value]) => htmlEscape(`${name}: ${value}`)).join('\n')}</pre>`,
    `<pre>${htmlEscape(request.body)}</pre></body></html>`,
  ].join('\n')
}

const time = {
  start: 1,
  finish: 2,
  duration: 1,
  processing: 1,
  date_start: '2024-01-01T00:00:00+00:00',
  date_finish: '2024-01-01T00:00:01+00:00',
}

/** One echoing server. */
export interface EchoServer {
  /** `http://127.0.0.1:{port}`. */
  readonly url: string
  readonly style: EchoStyle
  /** How its token endpoint answers. Change at will. */
  tokenStyle: TokenStyle
  /** Which echoed line comes first. Change at will. */
  rotate: number
  /** How long `slow` and `slow-body` wait, in milliseconds. */
  delayMs: number
  /** Every request it read, in order. */
  readonly requests: Received[]
  close(): Promise<void>
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType })
  response.end(body)
}

/** Answers a batch with a `result_error` per command, each echoing the whole request. */
function batchErrors(request: Received, lines: readonly string[]): string {
  let commands: string[] = []
  try {
    const parsed = JSON.parse(request.body) as { cmd?: Record<string, unknown> }
    commands = Object.keys(parsed.cmd ?? {})
  } catch {
    commands = [...new URLSearchParams(request.body).keys()].flatMap((key) => /^cmd\[([^\]]+)\]$/.exec(key)?.[1] ?? [])
  }
  const errors = Object.fromEntries(
    commands.map((key) => [
      key,
      { error: 'ERROR_ECHO', error_description: `command ${key}: ${lines.join(' | ')}`, details: echoObject(request, lines) },
    ]),
  )
  return phpJson({ result: { result: {}, result_error: errors, result_total: [], result_next: [], result_time: [] }, time })
}

function answerToken(server: EchoServer, request: Received, response: ServerResponse, lines: readonly string[]): void {
  const echo = echoObject(request, lines)
  if (server.tokenStyle === 'token-envelope') {
    send(
      response,
      400,
      'application/json',
      phpJson({ error: 'invalid_grant', error_description: `Invalid refresh token in ${request.target}: ${lines.join(' | ')}`, ...echo }),
    )
  } else if (server.tokenStyle === 'token-html') {
    send(response, 502, 'text/html', htmlPage(502, 'Bad Gateway', request, lines))
  } else {
    send(response, 200, 'application/json', phpJson({ expires_in: 3600, echo }))
  }
}

function answer(server: EchoServer, request: Received, response: ServerResponse): void {
  const lines = echoLines(request, server.rotate)
  const path = request.target.split('?')[0] ?? ''
  if (path.startsWith('/oauth/token')) {
    answerToken(server, request, response, lines)
    return
  }
  switch (server.style) {
    case 'json-404':
      send(
        response,
        404,
        'application/json',
        phpJson({
          statusCode: 404,
          error: 'Not Found',
          message: `Cannot ${request.method} ${request.target}`,
          path: safeDecode(request.target),
          lines,
        }),
      )
      return
    case 'html-500':
      send(response, 500, 'text/html', htmlPage(500, 'Internal Server Error', request, lines))
      return
    case 'html-502':
      send(response, 502, 'text/html', htmlPage(502, 'Bad Gateway', request, lines))
      return
    case 'text-200':
      send(response, 200, 'text/plain', `query: ${request.target}\nbody: ${request.body}\n${lines.join('\n')}`)
      return
    case 'error-envelope':
      if (path.endsWith('/batch')) send(response, 200, 'application/json', batchErrors(request, lines))
      else
        send(
          response,
          400,
          'application/json',
          phpJson({
            error: 'ERROR_ECHO',
            error_description: `Bad request ${request.target}: ${lines.join(' | ')}`,
            ...echoObject(request, lines),
          }),
        )
      return
    case 'wrong-result':
      send(response, 200, 'application/json', phpJson({ result: echoObject(request, lines), time }))
      return
    case 'expired':
      send(
        response,
        401,
        'application/json',
        phpJson({ error: 'expired_token', error_description: 'The access token provided has expired.' }),
      )
      return
    case 'slow':
      setTimeout(() => {
        if (!response.destroyed) send(response, 200, 'application/json', phpJson({ result: lines, time }))
      }, server.delayMs)
      return
    case 'slow-body':
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"result":')
      setTimeout(() => {
        if (!response.destroyed) response.end(`${phpJson(lines)},"time":${JSON.stringify(time)}}`)
      }, server.delayMs)
      return
  }
}

function read(message: IncomingMessage): Promise<Received> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    message.on('data', (chunk: Buffer) => chunks.push(chunk))
    message.on('error', reject)
    message.on('end', () => {
      const headers: [string, string][] = []
      for (let index = 0; index + 1 < message.rawHeaders.length; index += 2)
        headers.push([message.rawHeaders[index] ?? '', message.rawHeaders[index + 1] ?? ''])
      resolve({ method: message.method ?? 'GET', target: message.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') })
    })
  })
}

/** Starts one echoing server on 127.0.0.1, on a free port. */
async function startEchoServer(
  style: EchoStyle,
  options: { readonly tokenStyle?: TokenStyle; readonly delayMs?: number } = {},
): Promise<EchoServer> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const echo: EchoServer = {
    url: `http://127.0.0.1:${String(port)}`,
    style,
    tokenStyle: options.tokenStyle ?? 'token-envelope',
    rotate: 0,
    delayMs: options.delayMs ?? 1_000,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => {
          resolve()
        })
      }),
  }
  server.on('request', (message: IncomingMessage, response: ServerResponse) => {
    read(message).then(
      (request) => {
        echo.requests.push(request)
        answer(echo, request, response)
      },
      () => response.destroy(),
    )
  })
  return echo
}

/** One server of every style, by style. */
export type EchoServers = Readonly<Record<EchoStyle, EchoServer>>

/** Starts one server of every {@link EchoStyle}. */
export async function startEchoServers(options: { readonly delayMs?: number } = {}): Promise<EchoServers> {
  const servers = await Promise.all(echoStyles.map((style) => startEchoServer(style, options)))
  return Object.fromEntries(servers.map((server) => [server.style, server])) as Record<EchoStyle, EchoServer>
}

/** Closes every server (open connections included). */
export async function closeEchoServers(servers: EchoServers | undefined): Promise<void> {
  if (servers) await Promise.all(Object.values(servers).map((server) => server.close()))
}
