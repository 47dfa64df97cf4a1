import { startEmulator } from '@b24bot/emulator'
import { B24Error, imbot } from '@b24bot/imbot'
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
 * The demo: finds the chat bound to an entity with `api.chat.get`. On the embedded emulator it
 * first creates that chat; on a real portal it only asks. Resolves to the process exit code.
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
    return 0
  } catch (error) {
    // b24bot errors are free of credentials by construction; anything else is reported by name only.
    const reason = B24Error.isInstance(error) || error instanceof TypeError ? error.message : error instanceof Error ? error.name : 'unknown error'
    log(`  failed: ${reason}`)
    return 1
  } finally {
    await emulator?.close()
  }
}
