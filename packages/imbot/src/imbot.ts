import type { Caller } from '@b24bot/core'
import type { ImbotApi } from './api.ts'
import { bindMethods } from './bindings.ts'
import { methods } from './methods.ts'

/**
 * The bot methods bound to a caller, usually a client from `@b24bot/transport`.
 *
 * @example
 * ```ts
 * import { createClient } from '@b24bot/transport'
 * import { imbot } from '@b24bot/imbot'
 *
 * const api = imbot(createClient({ webhookUrl: process.env.B24_WEBHOOK_URL! }))
 * const chatId = await api.chat.get({ ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 }) // number | null
 * ```
 */
export function imbot(caller: Caller): ImbotApi {
  // The conformance type test proves the built object has exactly the shape of ImbotApi.
  return bindMethods(caller, methods) as unknown as ImbotApi
}
