import { methodList } from './generated/method-list.ts'
import { methodTable, type MethodTable } from './method-table.ts'

/**
 * Every bound Bitrix24 bot method, keyed by its exact name. The bindings of {@link imbot} are built
 * from this table, and each entry can be passed to `client.call` directly.
 *
 * @example
 * ```ts
 * import { methods } from '@b24bot/imbot'
 *
 * const descriptor = methods['imbot.chat.get'] // { method, params, result }
 * await client.call(descriptor, { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
 * ```
 */
export const methods: MethodTable<typeof methodList> = methodTable(methodList)

/** The type of the {@link methods} table. */
export type Methods = typeof methods
