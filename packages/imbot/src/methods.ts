import { classicBotsChats } from './methods/groups/classic-bots-chats.ts'
import { classicMessagesCommands } from './methods/groups/classic-messages-commands.ts'
import { v2BotsChats } from './methods/groups/v2-bots-chats.ts'
import { v2MessagesCommands } from './methods/groups/v2-messages-commands.ts'
import { methodTable } from './method-table.ts'

/**
 * Every bound Bitrix24 bot method, keyed by its exact name. The bindings of {@link imbot} are built
 * from this table, and each entry can be passed to `client.call` directly.
 *
 * @example
 * ```ts
 * const descriptor = methods['imbot.chat.get'] // { method, params, result }
 * await client.call(descriptor, { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
 * ```
 */
export const methods = methodTable([...classicBotsChats, ...classicMessagesCommands, ...v2BotsChats, ...v2MessagesCommands])

/** The type of the {@link methods} table. */
export type Methods = typeof methods
