import { parseArgs } from 'node:util'
import { limitPresets } from './rest/limits.ts'
import { startEmulator, type Emulator } from './start-emulator.ts'

const usage = `Usage: b24bot-emulator [options]

Starts an emulated Bitrix24 portal and prints its incoming-webhook URL.

Options:
  --port <n>        port to listen on (default 8080; 0 picks a free one)
  --host <address>  address to listen on (default 127.0.0.1)
  --secret <text>   the webhook secret (default: random)
  --limits <plan>   enforce the portal limits: standard (50 burst, 2/s) or enterprise (250, 5/s)
  --help            show this text`

/** Where the command writes. */
export interface CliIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
}

/**
 * The `b24bot-emulator` command: parses `argv`, starts the emulator and prints where it listens.
 * Resolves to the running emulator, or `undefined` (with the exit code set on `io`) when it should not run.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<{ emulator?: Emulator; exitCode: number }> {
  let values: {
    port?: string | undefined
    host?: string | undefined
    secret?: string | undefined
    limits?: string | undefined
    help?: boolean | undefined
  }
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        secret: { type: 'string' },
        limits: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${usage}`)
    return { exitCode: 2 }
  }
  if (values.help) {
    io.out(usage)
    return { exitCode: 0 }
  }
  const port = Number(values.port ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    io.err(`--port must be a port number, got ${values.port ?? ''}\n\n${usage}`)
    return { exitCode: 2 }
  }
  if (values.limits !== undefined && values.limits !== 'standard' && values.limits !== 'enterprise') {
    io.err(`--limits must be standard or enterprise, got ${values.limits}\n\n${usage}`)
    return { exitCode: 2 }
  }
  const emulator = await startEmulator({
    port,
    ...(values.host ? { host: values.host } : {}),
    ...(values.secret ? { webhook: { secret: values.secret } } : {}),
    ...(values.limits ? { limits: { requests: limitPresets[values.limits], operating: limitPresets.operating } } : {}),
  })
  io.out(`b24bot emulator: a Bitrix24 portal at ${emulator.url}`)
  io.out(`webhook URL: ${emulator.webhookUrl}`)
  io.out(`token endpoint: ${emulator.url}/oauth/token/`)
  io.out(`chat page: ${emulator.url}/`)
  return { emulator, exitCode: 0 }
}
