import { once } from 'node:events'
import { createServer } from 'node:http'
import { startPolling } from '@b24bot/bot'
import { fileOffsetStore, toNodeHandler } from '@b24bot/bot/node'
import { B24Error } from '@b24bot/imbot'
import { startPlayground } from './playground.ts'
import { playConversation } from './script.ts'
import { botClient, removeSupportBot, setupSupportBot } from './setup.ts'
import { forgetSecrets, loadSecrets, StateFileError } from './state-file.ts'
import { BOT_NAME, createSupportBot } from './support-bot.ts'

/** What the demo reads from the environment. */
export interface DemoEnvironment {
  /** A real portal's incoming webhook (scope `imbot`). Without it the demo runs the embedded emulator. */
  readonly B24_WEBHOOK_URL?: string | undefined
  /** With the webhook: the public https address that reaches this process; the portal then pushes events. */
  readonly B24_PUBLIC_URL?: string | undefined
  /** The port the bot listens on in push mode (default 3000). */
  readonly PORT?: string | undefined
  /** The emulator's port in the playground (default: a free one). */
  readonly B24_PLAYGROUND_PORT?: string | undefined
  /** Where the bot keeps its secrets on a real portal (default `.b24bot-demo.json`). */
  readonly B24_STATE_FILE?: string | undefined
  /** `true` in CI: the playground plays its script and exits. */
  readonly CI?: string | undefined
}

/** How the demo is run. */
export interface DemoOptions {
  readonly env: DemoEnvironment
  /** Command-line flags: `--once` plays the script and exits; `--remove` deletes the bot from the portal. */
  readonly argv?: readonly string[]
  /** Where the demo writes its lines. */
  readonly log: (line: string) => void
  /** Stops a demo that serves (default: SIGINT or SIGTERM). */
  readonly signal?: AbortSignal
}

/** Until `signal` aborts, or the process is told to stop. */
async function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) {
    await Promise.race((['SIGINT', 'SIGTERM'] as const).map((name) => once(process, name)))
    return
  }
  if (!signal.aborted) await once(signal, 'abort')
}

/** The message of a failure that is safe to print: b24bot's errors carry no secret; anything else by name. */
function reasonOf(error: unknown): string {
  if (B24Error.isInstance(error) || error instanceof StateFileError) return error.message
  return error instanceof Error ? `${error.name}${error instanceof TypeError ? `: ${error.message}` : ''}` : 'unknown error'
}

async function playground(options: DemoOptions, once: boolean): Promise<number> {
  const { log } = options
  const port = options.env.B24_PLAYGROUND_PORT === undefined ? undefined : Number(options.env.B24_PLAYGROUND_PORT)
  const running = await startPlayground({ ...(port === undefined ? {} : { port }), report: log })
  try {
    log('b24bot demo: the support bot on the embedded emulator')
    if (once) {
      await playConversation(running, log)
      return 0
    }
    log(`open ${running.pageUrl} and write to the bot ("${BOT_NAME}"), as Alice Smith; Ctrl-C stops`)
    await untilStopped(options.signal)
    return 0
  } finally {
    await running.close()
  }
}

async function onPortal(options: DemoOptions, webhookUrl: string): Promise<number> {
  const { env, log } = options
  const stateFile = env.B24_STATE_FILE ?? '.b24bot-demo.json'
  const { botToken, urlSecret } = await loadSecrets(stateFile)
  const client = botClient(webhookUrl, botToken)
  // The webhook URL holds a secret: only its origin is ever printed.
  log(`b24bot demo: the support bot on ${new URL(webhookUrl).origin}`)
  if (options.argv?.includes('--remove')) {
    log((await removeSupportBot(client)) ? `  removed the bot "${BOT_NAME}"` : '  no bot to remove')
    await forgetSecrets(stateFile)
    await forgetSecrets(`${stateFile}.offsets`)
    return 0
  }
  const bot = createSupportBot({ client, urlSecret, report: log })
  if (env.B24_PUBLIC_URL !== undefined && env.B24_PUBLIC_URL !== '') {
    const port = Number(env.PORT ?? 3000)
    const server = createServer(toNodeHandler(bot))
    await new Promise<void>((resolve) => server.listen(port, resolve))
    try {
      const botId = await setupSupportBot(client, {
        mode: 'webhook',
        url: bot.webhookUrl(new URL('events', env.B24_PUBLIC_URL.replace(/\/?$/, '/'))),
      })
      log(
        `  bot ${String(botId)} registered in webhook mode; listening on port ${String(port)} (events at ${new URL(env.B24_PUBLIC_URL).origin}/events); Ctrl-C stops`,
      )
      await untilStopped(options.signal)
      return 0
    } finally {
      server.closeAllConnections()
      server.close()
    }
  }
  const botId = await setupSupportBot(client, { mode: 'fetch' })
  log(`  bot ${String(botId)} registered in fetch mode; polling its events; Ctrl-C stops`)
  await startPolling(bot, {
    client,
    botId,
    offsets: fileOffsetStore(`${stateFile}.offsets`),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  })
  return 0
}

/**
 * The demo. With nothing configured: the support bot on the embedded emulator and its chat page,
 * served until Ctrl-C (`CI=true` or `--once`: a scripted conversation, then exit). With
 * `B24_WEBHOOK_URL`: the bot on that portal, polling its events, or with `B24_PUBLIC_URL` too, taking
 * them pushed. Resolves to the process exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await runDemo({ env: process.env, argv: process.argv.slice(2), log: console.log })
 * ```
 */
export async function runDemo(options: DemoOptions): Promise<number> {
  const { env, log } = options
  try {
    const webhookUrl = env.B24_WEBHOOK_URL
    if (webhookUrl !== undefined && webhookUrl !== '') return await onPortal(options, webhookUrl)
    return await playground(options, env.CI === 'true' || options.argv?.includes('--once') === true)
  } catch (error) {
    log(`  failed: ${reasonOf(error)}`)
    return 1
  }
}
