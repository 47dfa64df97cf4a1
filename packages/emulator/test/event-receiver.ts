import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach } from 'vitest'
import { decodeForm, type FormObject } from '@b24bot/core'
import { startEmulator, type Emulator } from '../src/start-emulator.ts'

/** One POST a receiver got. */
export interface ReceivedEvent {
  readonly path: string
  readonly contentType: string
  readonly raw: string
  /** The body decoded like PHP's `parse_str`: every scalar a string. */
  readonly body: FormObject
}

/** A bot's handler on loopback that records every event POSTed to it. */
export interface EventReceiver {
  /** Base URL, e.g. `http://127.0.0.1:5123/`; the host has dots, as handler URLs must. */
  readonly url: string
  readonly received: ReceivedEvent[]
  /** The `event` names received, in order. */
  events(): string[]
  /** Answer with this status from now on (default 200). */
  respondWith(status: number): void
  close(): Promise<void>
}

/** Starts a handler server that answers 200 and records each POST. */
export async function startReceiver(): Promise<EventReceiver> {
  const received: ReceivedEvent[] = []
  let status = 200
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      received.push({ path: request.url ?? '/', contentType: request.headers['content-type'] ?? '', raw, body: decodeForm(raw) })
      response.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${String(port)}/`,
    received,
    events: () => received.map((event) => event.body.event as string),
    respondWith: (next) => {
      status = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
        server.closeAllConnections()
      }),
  }
}

/** A fresh emulator and handler receiver per test, closed after it; reassign `emulator` to restart it differently. */
export interface EventPortal {
  emulator: Emulator
  receiver: EventReceiver
}

/** Registers `beforeEach`/`afterEach` hooks giving every test of the file its own {@link EventPortal}. */
export function useEventPortal(): EventPortal {
  const state = {} as EventPortal
  beforeEach(async () => {
    state.emulator = await startEmulator()
    state.receiver = await startReceiver()
  })
  afterEach(async () => {
    await state.emulator.close()
    await state.receiver.close()
  })
  return state
}
