import type { Caller } from '@b24bot/core'
import type { ImbotApi } from './generated/imbot-api.ts'
import { bindMethods } from './bindings.ts'
import { methods } from './methods.ts'

/**
 * The bot methods bound to a caller, usually a client from `@b24bot/transport`.
 *
 * Convenient, and it costs every method: a bundle that calls `imbot(client)` carries all 67
 * descriptors and their schemas, about 33.5 kB gzipped with the client (12 kB more than the client
 * alone). Where size matters, pass a descriptor exported by name to `client.call` instead: it bundles
 * that method alone, about 0.3 kB over the client (`docs/decisions/040-tree-shaking.md`).
 *
 * @example
 * ```ts
 * import { createClient } from '@b24bot/transport'
 * import { imbot, imbotChatGet } from '@b24bot/imbot'
 *
 * const client = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL! })
 * const api = imbot(client)
 * const chatId = await api.chat.get({ ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 }) // number | null
 *
 * // The same call without `imbot`, so a bundle keeps imbot.chat.get alone:
 * const sameChatId = await client.call(imbotChatGet, { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
 * ```
 */
export function imbot(caller: Caller): ImbotApi {
  // The conformance type test proves the built object has exactly the shape of ImbotApi.
  return bindMethods(caller, methods) as unknown as ImbotApi
}
