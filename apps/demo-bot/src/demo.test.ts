import { startEmulator } from '@b24bot/emulator'
import { describe, expect, it } from 'vitest'
import { runDemo } from './demo.ts'

async function demo(env: Parameters<typeof runDemo>[0]) {
  const lines: string[] = []
  const code = await runDemo(env, (line) => lines.push(line))
  return { code, output: lines.join('\n') }
}

describe('the demo', () => {
  it('runs on an embedded emulator when nothing is configured, and finds the chat it bound', async () => {
    const { code, output } = await demo({})
    expect(code).toBe(0)
    expect(output).toMatch(/portal: {2}embedded emulator at http:\/\/127\.0\.0\.1:\d+/)
    const created = /created: chat (\d+) "Order 13" bound to ORDER\/13/.exec(output)
    expect(created).not.toBeNull()
    expect(output).toContain(`api.chat.get({ ENTITY_TYPE: 'ORDER', ENTITY_ID: '13' }) -> ${created?.[1] ?? ''}`)
  })

  it('holds a conversation with a bot on the embedded emulator: join, a command, a button', async () => {
    const { code, output } = await demo({})
    expect(code).toBe(0)
    const lines = output.split('\n').filter((line) => /^ {2}(Alice|bot):/.test(line))
    expect(lines.slice(1)).toEqual([
      '  bot:     Hello! I am the demo bot. Type /help.',
      '  Alice:   /help',
      '  bot:     I know /help and /ping.',
      '  Alice:   (presses "Ping")',
      '  bot:     pong',
    ])
  })

  it('asks the portal of B24_WEBHOOK_URL instead, and never prints its secret', async () => {
    const portal = await startEmulator({ webhook: { secret: 'demosecret12345x' } })
    try {
      const chat = portal.portal.createChat({ entityType: 'DEAL', entityId: '7' })
      const { code, output } = await demo({ B24_WEBHOOK_URL: portal.webhookUrl, B24_ENTITY_TYPE: 'DEAL', B24_ENTITY_ID: '7' })
      expect(code).toBe(0)
      expect(output).toContain(`portal:  ${portal.url} (B24_WEBHOOK_URL)`)
      expect(output).toContain(`-> ${chat.id}`)
      expect(output).not.toContain('created:')
      expect(output).not.toContain('demosecret12345x')
      expect(portal.portal.chats.size).toBe(2)
    } finally {
      await portal.close()
    }
  })

  it('reports a failure with exit code 1 and without the secret', async () => {
    const portal = await startEmulator()
    try {
      const { code, output } = await demo({ B24_WEBHOOK_URL: `${portal.url}/rest/1/wrongsecret9876/` })
      expect(code).toBe(1)
      expect(output).toContain('failed: imbot.chat.get failed with INVALID_CREDENTIALS (HTTP 401)')
      expect(output).not.toContain('wrongsecret9876')
    } finally {
      await portal.close()
    }
  })
})
