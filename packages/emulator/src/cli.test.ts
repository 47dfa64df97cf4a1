import { describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'

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
    expect(err.join('\n')).toContain('Usage: b24bot-emulator')
  })

  it('prints the usage for --help', async () => {
    const { out, io: streams } = io()
    expect((await runCli(['--help'], streams)).exitCode).toBe(0)
    expect(out[0]).toContain('--limits <plan>')
  })
})
