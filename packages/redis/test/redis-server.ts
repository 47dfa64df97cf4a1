import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { delimiter, join } from 'node:path'

/**
 * A real `redis-server` (the Debian package) for the tests, one per test file: on a free loopback port, saving nothing,
 * stopped and started again on the same port when a test needs Redis to go away, and killed when the file is done
 * (or, at the latest, when the test process exits).
 */
export interface RedisServer {
  readonly port: number
  /** `redis://127.0.0.1:<port>` */
  readonly url: string
  /** Starts it again (after `stop`) on the same port, empty, and resolves once it answers. */
  start(): Promise<void>
  /** Stops it (SIGTERM, SIGKILL after 5 s) and resolves once it exited. Does nothing when it is not running. */
  stop(): Promise<void>
}

const running: Set<ChildProcess> = new Set()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

function onPath(command: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, command), constants.X_OK)
      return true
    } catch {
      // not in this one
    }
  }
  return false
}

/**
 * Whether `redis-server` is on the PATH. In CI its absence is a failure, not a skip: throws. Elsewhere it says once,
 * on the console, that the Redis tests are skipped.
 */
export function hasRedisServer(): boolean {
  if (onPath('redis-server')) return true
  if (process.env.CI) throw new Error('redis-server is required in CI: apt-get install -y redis-server')
  console.warn('@b24bot/redis: redis-server is not on the PATH, so the tests against Redis are skipped (apt-get install -y redis-server)')
  return false
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port)
        else reject(new Error('no port'))
      })
    })
  })
}

/** Whether a server on `port` answers PING with PONG. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    let answer = ''
    const done = (ok: boolean): void => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => {
      done(false)
    })
    socket.once('error', () => {
      done(false)
    })
    socket.once('connect', () => {
      socket.write('PING\r\n')
    })
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString()
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'))
    })
  })
}

/** Starts a `redis-server` on a free loopback port (see {@link RedisServer}). */
export async function startRedisServer(): Promise<RedisServer> {
  if (!onPath('redis-server')) throw new Error('redis-server is not on the PATH: apt-get install -y redis-server')
  const port = await freePort()
  let child: ChildProcess | undefined

  async function start(): Promise<void> {
    if (child) return
    const started = spawn(
      'redis-server',
      ['--save', '', '--appendonly', 'no', '--port', String(port), '--bind', '127.0.0.1', '--loglevel', 'warning'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    child = started
    running.add(started)
    let output = ''
    started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const state = { exited: false }
    started.once('exit', () => {
      state.exited = true
      running.delete(started)
      if (child === started) child = undefined
    })
    const deadline = Date.now() + 10_000
    while (!(await pings(port))) {
      if (state.exited) throw new Error(`redis-server exited before answering on port ${String(port)}:\n${output}`)
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${String(port)} within 10 s:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  async function stop(): Promise<void> {
    const stopping = child
    if (!stopping) return
    child = undefined
    if (stopping.exitCode !== null || stopping.signalCode !== null) return
    const exited: Promise<void> = new Promise((resolve) => {
      stopping.once('exit', () => {
        resolve()
      })
    })
    stopping.kill('SIGTERM')
    const timer = setTimeout(() => stopping.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }

  await start()
  return { port, url: `redis://127.0.0.1:${String(port)}`, start, stop }
}
