import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { createSelfSignedCertificate } from './self-signed-certificate.ts'

/** POSTs to an https URL with Node's own client, trusting only `ca`; resolves to the status and the parsed body. */
function postTrusting(url: string, ca: string | undefined): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', ...(ca === undefined ? {} : { ca }) }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown })
      })
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

/** The value printed after `label: `. */
const printed = (out: readonly string[], label: string): string =>
  out.find((line) => line.startsWith(`${label}: `))?.slice(label.length + 2) ?? ''

function io() {
  const out: string[] = []
  const err: string[] = []
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } }
}

describe('b24bot-emulator', () => {
  it('starts a portal and prints its webhook URL, which works', async () => {
    const { out, io: streams } = io()
    const { emulator, exitCode } = await runCli(['--port', '0', '--secret', 'clisecret1234567'], streams)
    try {
      expect(exitCode).toBe(0)
      expect(out[1]).toMatch(/^webhook URL: http:\/\/127\.0\.0\.1:\d+\/rest\/1\/clisecret1234567\/$/)
      const webhookUrl = out[1]?.slice('webhook URL: '.length) ?? ''
      const response = await fetch(`${webhookUrl}imbot.chat.get`, { method: 'POST' })
      expect(await response.json()).toMatchObject({ result: null })
      const page = out.find((line) => line.startsWith('chat page: '))?.slice('chat page: '.length) ?? ''
      expect(page).toBe(`${webhookUrl.slice(0, webhookUrl.indexOf('/rest/'))}/`)
      expect((await fetch(page)).headers.get('content-type')).toMatch(/^text\/html/)
    } finally {
      await emulator?.close()
    }
  })

  it('enforces the limits of a plan when asked', async () => {
    const { emulator } = await runCli(['--port', '0', '--limits', 'standard'], io().io)
    try {
      const statuses: number[] = []
      for (let i = 0; i < 55; i++) statuses.push((await fetch(`${emulator?.webhookUrl ?? ''}imbot.chat.get`, { method: 'POST' })).status)
      expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0)
    } finally {
      await emulator?.close()
    }
  })

  it.each([
    [['--port', 'x'], /--port must be a port number/],
    [['--limits', 'gold'], /--limits must be standard or enterprise/],
    [['--nope'], /Unknown option '--nope'/],
  ])('refuses %j with usage and exit code 2', async (argv, message) => {
    const { err, io: streams } = io()
    const { emulator, exitCode } = await runCli(argv, streams)
    expect(emulator).toBeUndefined()
    expect(exitCode).toBe(2)
    expect(err.join('\n')).toMatch(message)
    expect(err.join('\n')).toContain('Usage: npx @b24bot/emulator')
  })

  it('--tls serves https with a certificate it makes, which a client trusting the printed file accepts', async () => {
    const { out, io: streams } = io()
    const { emulator, exitCode } = await runCli(['--port', '0', '--tls'], streams)
    const certificatePath = printed(out, 'certificate')
    try {
      expect(exitCode).toBe(0)
      const webhookUrl = printed(out, 'webhook URL')
      expect(webhookUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/rest\/1\/\w+\/$/)
      const ca = readFileSync(certificatePath, 'utf8')
      expect(out.join('\n')).toContain(`NODE_EXTRA_CA_CERTS=${certificatePath}`)
      emulator?.portal.createChat({ entityType: 'ORDER', entityId: 13 })
      const answer = await postTrusting(`${webhookUrl}imbot.chat.get?ENTITY_TYPE=ORDER&ENTITY_ID=13`, ca)
      expect(answer).toMatchObject({ status: 200, body: { result: { ID: 2 } } })
      // localhost is in the certificate too; a client that trusts only the usual CAs refuses it.
      expect((await postTrusting(`${webhookUrl.replace('127.0.0.1', 'localhost')}imbot.chat.get`, ca)).status).toBe(200)
      await expect(postTrusting(`${webhookUrl}imbot.chat.get`, undefined)).rejects.toThrow(/self[- ]signed/i)
    } finally {
      await emulator?.close()
    }
    // The throwaway certificate goes with the emulator.
    expect(existsSync(certificatePath)).toBe(false)
  })

  it('lets the official SDK call the --tls emulator, trusting the certificate through NODE_EXTRA_CA_CERTS', async () => {
    const { out, io: streams } = io()
    const { emulator } = await runCli(['--port', '0', '--tls'], streams)
    try {
      const chat = emulator?.portal.createChat({ entityType: 'DEAL', entityId: 7 })
      // A child process, as a user would run it: the variable is read at start, and this process is left alone.
      const script = `
        import { B24Hook } from '@bitrix24/b24jssdk'
        const answer = await B24Hook.fromWebhookUrl(process.argv[1]).actions.v2.call.make({
          method: 'imbot.chat.get', params: { ENTITY_TYPE: 'DEAL', ENTITY_ID: 7 },
        })
        process.stdout.write(JSON.stringify(answer.getData().result))`
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, printed(out, 'webhook URL')], {
        cwd: import.meta.dirname,
        env: { ...process.env, NODE_EXTRA_CA_CERTS: printed(out, 'certificate'), NODE_TLS_REJECT_UNAUTHORIZED: '1' },
      })
      expect(JSON.parse(stdout)).toEqual({ ID: chat?.id })
    } finally {
      await emulator?.close()
    }
  })

  it('--cert and --key serve your own certificate; one without the other is refused', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'b24bot-cli-test-'))
    try {
      const { cert, key } = createSelfSignedCertificate()
      writeFileSync(join(directory, 'cert.pem'), cert)
      writeFileSync(join(directory, 'key.pem'), key)
      const { out, io: streams } = io()
      const { emulator } = await runCli(
        ['--port', '0', '--cert', join(directory, 'cert.pem'), '--key', join(directory, 'key.pem')],
        streams,
      )
      try {
        expect(printed(out, 'certificate')).toBe('')
        expect(await postTrusting(`${printed(out, 'webhook URL')}imbot.chat.get`, cert)).toMatchObject({
          status: 200,
          body: { result: null },
        })
      } finally {
        await emulator?.close()
      }
      const refused = io()
      expect((await runCli(['--port', '0', '--cert', join(directory, 'cert.pem')], refused.io)).exitCode).toBe(2)
      expect(refused.err.join('\n')).toMatch(/--cert and --key go together/)
      const missing = io()
      expect(
        (await runCli(['--port', '0', '--cert', join(directory, 'no.pem'), '--key', join(directory, 'key.pem')], missing.io)).exitCode,
      ).toBe(2)
      expect(missing.err.join('\n')).toMatch(/cannot read the certificate/)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })

  it('prints the usage for --help', async () => {
    const { out, io: streams } = io()
    expect((await runCli(['--help'], streams)).exitCode).toBe(0)
    expect(out[0]).toContain('--limits <plan>')
    expect(out[0]).toMatch(/--tls .*self-signed certificate/)
    expect(out[0]).toContain('--cert <file>')
    expect(out[0]).toContain('NODE_EXTRA_CA_CERTS=<path>')
  })
})
