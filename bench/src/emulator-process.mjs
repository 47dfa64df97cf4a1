// A TLS emulator in its own process, as a portal is a separate machine: the client's and the server's
// work do not share one event loop. Needs the built emulator (`pnpm bench` builds it first). Prints the
// webhook URL, then serves until killed.
import process from 'node:process'
import { startEmulator } from '@b24bot/emulator'
import { generate } from 'selfsigned'

const certificate = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
  notAfterDate: new Date(Date.now() + 86_400_000),
  extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
})
const emulator = await startEmulator({ tls: { key: certificate.private, cert: certificate.cert } })
emulator.portal.createChat({ entityType: 'ORDER', entityId: '13' })
process.stdout.write(`${emulator.webhookUrl}\n`)
