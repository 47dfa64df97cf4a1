import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { limitPresets } from './rest/limits.ts'
import { createSelfSignedCertificate } from './self-signed-certificate.ts'
import { startEmulator, type Emulator } from './start-emulator.ts'

const usage = `Usage: npx @b24bot/emulator [options]   (installed: b24bot-emulator [options])

Starts an emulated Bitrix24 portal and prints its incoming-webhook URL.

Options:
  --port <n>        port to listen on (default 8080; 0 picks a free one)
  --host <address>  address to listen on (default 127.0.0.1)
  --secret <text>   the webhook secret (default: random)
  --limits <plan>   enforce the portal limits: standard (50 burst, 2/s) or enterprise (250, 5/s)
  --tls             serve https with a self-signed certificate made at start (for 127.0.0.1 and
                    localhost); prints the path of the certificate for your client to trust:
                    Node NODE_EXTRA_CA_CERTS=<path>, curl --cacert <path>, Python REQUESTS_CA_BUNDLE=<path>
  --cert <file>     serve https with your own certificate (PEM), together with --key
  --key <file>      the private key (PEM) of --cert
  --help            show this text`

/** Where the command writes. */
export interface CliIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
}

/**
 * The `b24bot-emulator` command (`npx @b24bot/emulator`): parses `argv`, starts the emulator and prints
 * where it listens; with `--tls`, also the path of the self-signed certificate it made.
 * Resolves to the running emulator, or `undefined` (with the exit code set on `io`) when it should not run.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<{ emulator?: Emulator; exitCode: number }> {
  let values: {
    port?: string | undefined
    host?: string | undefined
    secret?: string | undefined
    limits?: string | undefined
    tls?: boolean | undefined
    cert?: string | undefined
    key?: string | undefined
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
        tls: { type: 'boolean' },
        cert: { type: 'string' },
        key: { type: 'string' },
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
  if ((values.cert === undefined) !== (values.key === undefined)) {
    io.err(`--cert and --key go together\n\n${usage}`)
    return { exitCode: 2 }
  }
  let tls: { cert: string; key: string; certificatePath?: string } | undefined
  try {
    if (values.cert !== undefined && values.key !== undefined) {
      tls = { cert: readFileSync(values.cert, 'utf8'), key: readFileSync(values.key, 'utf8') }
    } else if (values.tls) {
      const certificate = createSelfSignedCertificate()
      const directory = mkdtempSync(join(tmpdir(), 'b24bot-emulator-'))
      const certificatePath = join(directory, 'cert.pem')
      writeFileSync(certificatePath, certificate.cert)
      tls = { ...certificate, certificatePath }
    }
  } catch (error) {
    io.err(`cannot read the certificate: ${(error as Error).message}`)
    return { exitCode: 2 }
  }
  const started = await startEmulator({
    port,
    ...(values.host ? { host: values.host } : {}),
    ...(values.secret ? { webhook: { secret: values.secret } } : {}),
    ...(values.limits ? { limits: { requests: limitPresets[values.limits], operating: limitPresets.operating } } : {}),
    ...(tls ? { tls: { cert: tls.cert, key: tls.key } } : {}),
  })
  const certificatePath = tls?.certificatePath
  // The throwaway certificate goes with the emulator.
  const emulator: Emulator =
    certificatePath === undefined
      ? started
      : {
          ...started,
          close: async () => {
            await started.close()
            rmSync(dirname(certificatePath), { recursive: true, force: true })
          },
        }
  io.out(`b24bot emulator: a Bitrix24 portal at ${emulator.url}`)
  io.out(`webhook URL: ${emulator.webhookUrl}`)
  io.out(`token endpoint: ${emulator.url}/oauth/token/`)
  io.out(`chat page: ${emulator.url}/`)
  if (certificatePath !== undefined) {
    io.out(`certificate: ${certificatePath}`)
    io.out(
      `  trust it: NODE_EXTRA_CA_CERTS=${certificatePath} (Node), curl --cacert ${certificatePath}, REQUESTS_CA_BUNDLE=${certificatePath} (Python)`,
    )
  }
  return { emulator, exitCode: 0 }
}
