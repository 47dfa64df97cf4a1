import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator, type PortalMessage } from '@b24bot/emulator'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runDemo, type DemoEnvironment } from './demo.ts'
import { BOT_CODE } from './support-bot.ts'

/** Runs the demo until it ends by itself, or until `stop` says so; resolves to its code and lines. */
async function demo(env: DemoEnvironment, options: { argv?: string[]; until?: (lines: string[]) => Promise<void> } = {}) {
  const lines: string[] = []
  const controller = new AbortController()
  const running = runDemo({ env, argv: options.argv ?? [], log: (line) => lines.push(line), signal: controller.signal })
  if (options.until) {
    try {
      await options.until(lines)
    } finally {
      controller.abort()
    }
  }
  const code = await running
  return { code, lines, output: lines.join('\n') }
}

/** Waits for `check` to hold, polling; fails after `ms`. */
async function eventually(check: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => {
        resolve(port)
      })
    })
  })
}

describe('npm run demo without configuration: the playground', () => {
  it('with CI=true plays the scripted conversation through the real intake, prints it, and exits 0', async () => {
    const { code, output } = await demo({ CI: 'true' })
    expect(code).toBe(0)
    for (const line of [
      'b24bot demo: the support bot on the embedded emulator',
      '  Alice        /help',
      '  Alice        (presses "Billing")',
      '  Support desk Here is your request. Send it?',
      '  | Description: Invoice ［b］13［/b］ was charged twice',
      "  (Support desk reacted with a like to Alice's message)",
      '  Support desk Request #1 is open. We talk about it in Request #1.',
      '  Support desk Request #1 is open, in Request #1.',
      '  Support desk Cancelled. Nothing was sent.',
      'The chat of request #1, "Request #1: Billing":',
      '  Support desk Alice Smith, I open support requests in a private chat with me: write /request there.',
    ])
      expect(output).toContain(line)
  })

  it('with --once does the same without CI', async () => {
    const { code, output } = await demo({}, { argv: ['--once'] })
    expect(code).toBe(0)
    expect(output).toContain('  Support desk Cancelled. Nothing was sent.')
  })

  it('otherwise serves the chat page and the bot until stopped, and says where to look', async () => {
    let page = ''
    const { code, lines } = await demo(
      {},
      {
        until: async (lines) => {
          await eventually(() => lines.some((line) => line.startsWith('open ')))
          const url = /open (http:\/\/127\.0\.0\.1:\d+\/) and write to the bot \("Support desk"\), as Alice Smith; Ctrl-C stops/.exec(
            lines.at(-1)!,
          )?.[1]
          page = await (await fetch(url!)).text()
        },
      },
    )
    expect(code).toBe(0)
    expect(lines[0]).toBe('b24bot demo: the support bot on the embedded emulator')
    expect(page).toContain('<title>b24bot emulator chat</title>')
  })
})

describe('npm run demo on a real portal (here: an emulator standing in for one)', () => {
  let portal: Emulator
  let directory: string
  let stateFile: string
  const webhookSecret = 'portalwebhooksecret42'

  beforeEach(async () => {
    portal = await startEmulator({ webhook: { secret: webhookSecret } })
    directory = await mkdtemp(join(tmpdir(), 'b24bot-demo-'))
    stateFile = join(directory, 'state.json')
  })

  afterEach(async () => {
    await portal.close()
    await rm(directory, { recursive: true, force: true })
  })

  const theBot = () => [...portal.portal.bots.values()].find((bot) => bot.code === BOT_CODE)
  const repliesIn = (chatId: number, botId: number): PortalMessage[] =>
    [...portal.portal.messages.values()].filter((message) => message.chatId === chatId && message.authorId === botId)

  it('with B24_WEBHOOK_URL alone registers a v2 bot in fetch mode and answers by polling; its secrets stay in the state file', async () => {
    const user = portal.portal.createUser({ name: 'Bob' })
    const { code, output } = await demo(
      { B24_WEBHOOK_URL: portal.webhookUrl, B24_STATE_FILE: stateFile },
      {
        until: async (lines) => {
          await eventually(() => lines.some((line) => line.includes('registered in fetch mode')))
          const bot = theBot()!
          expect(bot.eventMode).toBe('fetch')
          const chat = portal.portal.as(user.id).openDialog(bot.id)
          portal.portal.as(user.id).send(String(bot.id), '/help')
          await eventually(() => repliesIn(chat.id, bot.id).length >= 2)
        },
      },
    )
    expect(code).toBe(0)
    const secrets = JSON.parse(await readFile(stateFile, 'utf8')) as { botToken: string; urlSecret: string }
    expect((await stat(stateFile)).mode & 0o777).toBe(0o600)
    expect(theBot()!.appId).toBe(`custom${secrets.botToken}`)
    for (const secret of [secrets.botToken, secrets.urlSecret, webhookSecret]) expect(output).not.toContain(secret)
    expect(output).toContain(`the support bot on ${portal.url}`)
  }, 30_000)

  it('with B24_PUBLIC_URL too registers in webhook mode and takes pushed events at /events, authenticated by the URL secret', async () => {
    const port = await freePort()
    const user = portal.portal.createUser({ name: 'Bob' })
    const { code, output } = await demo(
      {
        B24_WEBHOOK_URL: portal.webhookUrl,
        B24_PUBLIC_URL: `http://127.0.0.1:${String(port)}`,
        PORT: String(port),
        B24_STATE_FILE: stateFile,
      },
      {
        until: async (lines) => {
          await eventually(() => lines.some((line) => line.includes('registered in webhook mode')))
          const bot = theBot()!
          expect(bot.webhookUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${String(port)}/events\\?b24bot_secret=`))
          const chat = portal.portal.as(user.id).openDialog(bot.id)
          portal.portal.as(user.id).send(String(bot.id), '/help')
          await portal.portal.events.settled()
          expect(repliesIn(chat.id, bot.id)).toHaveLength(2)
          // An event without the secret is refused before any handler runs.
          const forged = await fetch(`http://127.0.0.1:${String(port)}/events`, { method: 'POST', body: 'event=ONIMBOTV2JOINCHAT' })
          expect(forged.status).toBe(401)
        },
      },
    )
    expect(code).toBe(0)
    const secrets = JSON.parse(await readFile(stateFile, 'utf8')) as { botToken: string; urlSecret: string }
    for (const secret of [secrets.botToken, secrets.urlSecret, webhookSecret]) expect(output).not.toContain(secret)
  }, 30_000)

  it('keeps the same bot across restarts, moving it between delivery modes', async () => {
    const env = { B24_WEBHOOK_URL: portal.webhookUrl, B24_STATE_FILE: stateFile }
    const started = (lines: string[]) => eventually(() => lines.some((line) => line.includes('registered in')))
    await demo(env, { until: started })
    const first = theBot()!.id
    const port = await freePort()
    await demo({ ...env, B24_PUBLIC_URL: `http://127.0.0.1:${String(port)}`, PORT: String(port) }, { until: started })
    expect(theBot()!.id).toBe(first)
    expect(theBot()!.eventMode).toBe('webhook')
    expect([...portal.portal.bots.values()].filter((bot) => bot.code === BOT_CODE)).toHaveLength(1)
  }, 30_000)

  it('with --remove deletes the bot from the portal and forgets its secrets', async () => {
    const env = { B24_WEBHOOK_URL: portal.webhookUrl, B24_STATE_FILE: stateFile }
    await demo(env, { until: (lines) => eventually(() => lines.some((line) => line.includes('registered in'))) })
    expect(theBot()).toBeDefined()
    const { code, output } = await demo(env, { argv: ['--remove'] })
    expect(code).toBe(0)
    expect(output).toContain('removed the bot "Support desk"')
    expect(theBot()).toBeUndefined()
    await expect(stat(stateFile)).rejects.toThrow()
  }, 30_000)

  it('reports a failure with exit code 1 and without the webhook secret', async () => {
    const { code, output } = await demo({ B24_WEBHOOK_URL: `${portal.url}/rest/1/wrongsecret9876/`, B24_STATE_FILE: stateFile })
    expect(code).toBe(1)
    expect(output).toMatch(/failed: imbot\.v2\.Bot\.register failed with INVALID_CREDENTIALS \(HTTP 401\)/)
    expect(output).not.toContain('wrongsecret9876')
  })

  it('refuses a state file that is not its own instead of overwriting it', async () => {
    const { writeFile } = await import('node:fs/promises')
    await writeFile(stateFile, 'precious data')
    const { code, output } = await demo({ B24_WEBHOOK_URL: portal.webhookUrl, B24_STATE_FILE: stateFile })
    expect(code).toBe(1)
    expect(await readFile(stateFile, 'utf8')).toBe('precious data')
    expect(output).toContain(`failed: ${stateFile} is not the demo bot's state file; move it away or set B24_STATE_FILE`)
  })
})
