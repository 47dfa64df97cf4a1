import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Bot } from '@b24bot/bot'
import { toNodeHandler } from '@b24bot/bot/node'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import { botClient, setupSupportBot } from './setup.ts'
import { createSupportBot } from './support-bot.ts'

/** The embedded portal with the support bot registered on it, and the people who talk to it. */
export interface Playground {
  readonly emulator: Emulator
  readonly bot: Bot
  readonly botId: number
  /** The person the chat page acts as first. */
  readonly userId: number
  /** The emulator's chat page. */
  readonly pageUrl: string
  /** Stops the bot's server and the emulator. */
  close(): Promise<void>
}

/** What the playground can be told. */
export interface PlaygroundOptions {
  /** The emulator's port (default: a free one). */
  readonly port?: number
  /** Where the bot reports a handler's failure. */
  readonly report?: (line: string) => void
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/**
 * Starts the embedded emulator and the support bot on it, the way a real bot runs against a portal
 * that pushes events: the bot registers itself as a v2 webhook bot through the portal's incoming
 * webhook, and serves its event handler over `node:http` (`toNodeHandler`), events authenticated by
 * the secret in its URL (`urlSecret`).
 *
 * @example
 * ```ts
 * const playground = await startPlayground()
 * console.log(`open ${playground.pageUrl}`)
 * ```
 */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const emulator = await startEmulator(options.port === undefined ? {} : { port: options.port })
  const server = createServer()
  try {
    const botToken = randomBytes(24).toString('base64url')
    const urlSecret = randomBytes(24).toString('base64url')
    const port = await listen(server)
    const client = botClient(emulator.webhookUrl, botToken)
    const bot = createSupportBot({ client, urlSecret, ...(options.report === undefined ? {} : { report: options.report }) })
    server.on('request', toNodeHandler(bot))
    // The secret rides in the URL the portal posts to: `bot.webhookUrl` adds it.
    const botId = await setupSupportBot(client, { mode: 'webhook', url: bot.webhookUrl(`http://127.0.0.1:${String(port)}/events`) })
    const alice = emulator.portal.createUser({ name: 'Alice', lastName: 'Smith' })
    return {
      emulator,
      bot,
      botId,
      userId: alice.id,
      pageUrl: `${emulator.url}/`,
      async close() {
        server.closeAllConnections()
        await new Promise<void>((resolve) =>
          server.close(() => {
            resolve()
          }),
        )
        await emulator.close()
      },
    }
  } catch (error) {
    server.close()
    await emulator.close()
    throw error
  }
}
