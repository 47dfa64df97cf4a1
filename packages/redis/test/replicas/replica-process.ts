import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/**
 * Replicas of a bot as real Node processes, for the multi-process tests of issue 12. A replica runs one of
 * the `*-child.ts` scripts beside this file from the TypeScript sources, without a build (`register-ts.mjs`
 * of @b24bot/bot maps `@b24bot/<name>` to `packages/<name>/src/index.ts`). It gets its settings as one
 * JSON object in `REPLICA_CONFIG`, talks back in JSON lines on stdout, and hears `go` on stdin.
 */

const registerTs = fileURLToPath(new URL('../../../bot/test/register-ts.mjs', import.meta.url))

/** A JSON line a replica printed: `type` says what it is, the rest depends on the script. */
export interface ReplicaMessage {
  readonly type: string
  readonly [field: string]: unknown
}

/** A running replica. */
export interface Replica {
  readonly name: string
  readonly child: ChildProcess
  /** Every JSON line it printed so far, oldest first. */
  readonly messages: readonly ReplicaMessage[]
  /** Resolves when the process ended, however it did. */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>
  /** What it printed besides its JSON lines (stderr included): for failure messages. */
  output(): string
  /** Writes one line to its stdin. */
  send(line: string): void
  /** The first message (already printed or still to come) that `matches`; rejects when the replica ends first or `timeoutMs` passes. */
  next(matches: (message: ReplicaMessage) => boolean, timeoutMs: number): Promise<ReplicaMessage>
}

const running: Replica[] = []

/** Starts `script` (a file beside this one) as a replica with `config` in `REPLICA_CONFIG`. */
export function startReplica(name: string, script: string, config: object): Replica {
  const child = spawn(process.execPath, ['--import', registerTs, fileURLToPath(new URL(script, import.meta.url))], {
    env: { ...process.env, REPLICA_CONFIG: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const messages: ReplicaMessage[] = []
  const listeners: Set<() => void> = new Set()
  let output = ''
  let ended = false
  const notify = (): void => {
    for (const listener of listeners) listener()
  }
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('{')) {
      messages.push(JSON.parse(line) as ReplicaMessage)
      notify()
    } else output += `${line}\n`
  })
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  // A replica killed while the parent writes to it: the write fails, the test learns it from `exited`.
  child.stdin.on('error', () => undefined)
  // `close`, not `exit`: by then every line it printed has been read.
  const exited: Replica['exited'] = new Promise((resolve) => {
    child.once('close', (code, signal) => {
      ended = true
      notify()
      resolve({ code, signal })
    })
  })
  const replica: Replica = {
    name,
    child,
    messages,
    exited,
    output: () => output,
    send: (line) => {
      child.stdin.write(`${line}\n`)
    },
    next: (matches, timeoutMs) =>
      new Promise((resolve, reject) => {
        const stopWaiting = (): void => {
          clearTimeout(timer)
          listeners.delete(check)
        }
        const fail = (why: string): void => {
          stopWaiting()
          reject(new Error(`replica ${name} ${why}:\n${output}`))
        }
        const check = (): void => {
          const found = messages.find(matches)
          if (found) {
            stopWaiting()
            resolve(found)
          } else if (ended) fail(`ended (${String(child.exitCode ?? child.signalCode)}) before the message the test waited for`)
        }
        const timer = setTimeout(() => {
          fail(`printed no awaited message in ${String(timeoutMs)} ms (it hangs?)`)
        }, timeoutMs)
        listeners.add(check)
        check()
      }),
  }
  running.push(replica)
  return replica
}

/** SIGKILLs every replica still running (for `afterEach`), and waits until they are gone. */
export async function stopReplicas(): Promise<void> {
  const replicas = running.splice(0)
  for (const replica of replicas) if (replica.child.exitCode === null && replica.child.signalCode === null) replica.child.kill('SIGKILL')
  await Promise.all(replicas.map((replica) => replica.exited))
}

/**
 * Waits until every replica is `ready`, runs `beforeGo`, says `go` to all at once, and waits for each
 * one's `done`: the wall time from `go` to the last `done` (process start-up is not in it), and what
 * each reported.
 */
export async function runTogether(
  replicas: readonly Replica[],
  options: { readonly timeoutMs: number; readonly beforeGo?: () => void },
): Promise<{ readonly wallMs: number; readonly reports: readonly ReplicaMessage[] }> {
  await Promise.all(replicas.map((replica) => replica.next((message) => message.type === 'ready', 60_000)))
  options.beforeGo?.()
  const started = performance.now()
  for (const replica of replicas) replica.send('go')
  const reports = await Promise.all(replicas.map((replica) => replica.next((message) => message.type === 'done', options.timeoutMs)))
  return { wallMs: performance.now() - started, reports }
}
