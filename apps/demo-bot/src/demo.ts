import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createBot } from '@b24bot/bot'
import { toNodeHandler } from '@b24bot/bot/node'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import { B24Error, botIdentity, imbot, keyboard } from '@b24bot/imbot'
import { createClient } from '@b24bot/transport'

/** What the demo reads from the environment. */
export interface DemoEnvironment {
  /** A real portal's incoming webhook. Without it the demo starts an embedded emulator. */
  readonly B24_WEBHOOK_URL?: string | undefined
  /** The entity to look up. Default `ORDER`. */
  readonly B24_ENTITY_TYPE?: string | undefined
  /** The entity id to look up. Default `13`. */
  readonly B24_ENTITY_ID?: string | undefined
}

/** Where the demo writes its lines. */
export type DemoLog = (line: string) => void

/**
 * A conversation with a real bot on the embedded emulator: the bot registers itself and a command
 * through a webhook, serves its event handler over `node:http`, and a simulated user opens the
 * dialog, types `/help` and presses the button the bot answered with.
 */
async function converse(emulator: Emulator, log: DemoLog): Promise<void> {
  const clientId = 'demo_bot'
  const client = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ clientId })] })
  const api = imbot(client)
  const bot = createBot({ applicationToken: clientId, client })
  bot.on('ONIMBOTJOINCHAT', (ctx) => ctx.reply('Hello! I am the demo bot. Type /help.'))
  bot.command('help', (ctx) => ctx.answerCommand({ text: 'I know /help and /ping.', keyboard: keyboard().command('Ping', 'ping').build() }))
  bot.command('ping', (ctx) => ctx.reply('pong'))

  const server = createServer(toNodeHandler(bot))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const handlerUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/events`
    const botId = await api.register({ CODE: 'demo', TYPE: 'B', EVENT_HANDLER: handlerUrl, PROPERTIES: { NAME: 'Demo bot' } })
    for (const command of ['help', 'ping']) {
      await api.command.register({
        BOT_ID: botId,
        COMMAND: command,
        EVENT_COMMAND_ADD: handlerUrl,
        LANG: [{ LANGUAGE_ID: 'en', TITLE: command }],
      })
    }
    log(`  bot:     registered bot ${String(botId)}, handler ${handlerUrl}`)

    const { portal } = emulator
    const user = portal.createUser({ name: 'Alice' })
    const say = async (text: string): Promise<void> => {
      log(`  Alice:   ${text}`)
      portal.as(user.id).send(String(botId), text)
      await portal.events.settled()
    }
    const chat = portal.as(user.id).openDialog(botId)
    await portal.events.settled()
    const replies = () => [...portal.messages.values()].filter((message) => message.chatId === chat.id && message.authorId === botId)
    const shown: Set<number> = new Set()
    const showReplies = (): void => {
      for (const message of replies())
        if (!shown.has(message.id)) {
          shown.add(message.id)
          log(`  bot:     ${message.text}`)
        }
    }
    showReplies()
    await say('/help')
    showReplies()
    const withButton = replies().find((message) => Array.isArray(message.params.KEYBOARD))
    if (withButton) {
      log('  Alice:   (presses "Ping")')
      portal.as(user.id).press(withButton.id, 'Ping')
      await portal.events.settled()
      showReplies()
    }
  } finally {
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve()
      }),
    )
  }
}

/**
 * The demo: finds the chat bound to an entity with `api.chat.get`. On the embedded emulator it
 * first creates that chat, and then holds a conversation with a bot; on a real portal it only asks.
 * Resolves to the process exit code.
 */
export async function runDemo(env: DemoEnvironment, log: DemoLog): Promise<number> {
  const entityType = env.B24_ENTITY_TYPE ?? 'ORDER'
  const entityId = env.B24_ENTITY_ID ?? '13'
  const emulator = env.B24_WEBHOOK_URL ? undefined : await startEmulator()
  try {
    const webhookUrl = emulator?.webhookUrl ?? env.B24_WEBHOOK_URL ?? ''
    log('b24bot demo')
    // The webhook URL holds a secret: only its origin is ever printed.
    log(emulator ? `  portal:  embedded emulator at ${emulator.url}` : `  portal:  ${new URL(webhookUrl).origin} (B24_WEBHOOK_URL)`)
    if (emulator) {
      const chat = emulator.portal.createChat({ title: `Order ${entityId}`, entityType, entityId })
      log(`  created: chat ${chat.id} "${chat.title}" bound to ${entityType}/${entityId}`)
    }

    const api = imbot(createClient({ webhookUrl }))
    const chatId = await api.chat.get({ ENTITY_TYPE: entityType, ENTITY_ID: entityId })
    log(`  api.chat.get({ ENTITY_TYPE: '${entityType}', ENTITY_ID: '${entityId}' }) -> ${String(chatId)}`)
    log(chatId === null ? `  no chat is bound to ${entityType}/${entityId}` : `  found chat ${chatId}`)
    if (emulator) await converse(emulator, log)
    return 0
  } catch (error) {
    // b24bot errors are free of credentials by construction; anything else is reported by name only.
    const reason =
      B24Error.isInstance(error) || error instanceof TypeError ? error.message : error instanceof Error ? error.name : 'unknown error'
    log(`  failed: ${reason}`)
    return 1
  } finally {
    await emulator?.close()
  }
}
