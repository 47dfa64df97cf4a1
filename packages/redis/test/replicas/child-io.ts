import { createInterface } from 'node:readline'

/*
 * The replica's side of replica-process.ts: its settings from `REPLICA_CONFIG`, JSON lines to the parent
 * on stdout, and `go` from the parent on stdin.
 */

/** This replica's settings, as the parent gave them (the script knows their shape). */
export function config(): unknown {
  const raw = process.env.REPLICA_CONFIG
  if (raw === undefined) throw new Error('a replica needs REPLICA_CONFIG (start it with startReplica)')
  return JSON.parse(raw)
}

/** Tells the parent something: one JSON line. */
export function report(type: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ type, ...fields })}\n`)
}

/** Resolves when the parent says `go` (so that replicas started one by one begin together). */
export function go(): Promise<void> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin })
    lines.on('line', (line) => {
      if (line.trim() !== 'go') return
      lines.close()
      resolve()
    })
  })
}

/** A failure as the parent can show it: the class and message, never a whole error object. */
export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
