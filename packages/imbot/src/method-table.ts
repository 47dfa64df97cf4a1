import type { MethodDescriptor } from '@b24bot/core'

/** A table of descriptors keyed by their exact method names. */
export type MethodTable<List extends readonly MethodDescriptor[]> = {
  readonly [D in List[number] as D['method']]: D
}

/**
 * Builds a method table from a list of descriptors, keyed by each one's `method`, so a key can never
 * disagree with its descriptor.
 *
 * @example
 * ```ts
 * import { imbotChatGet, methodTable } from '@b24bot/imbot'
 *
 * const table = methodTable([imbotChatGet]) // { 'imbot.chat.get': imbotChatGet }
 * ```
 */
export function methodTable<const List extends readonly MethodDescriptor[]>(list: List): MethodTable<List> {
  const table: Record<string, MethodDescriptor> = {}
  for (const descriptor of list) {
    if (Object.hasOwn(table, descriptor.method)) throw new Error(`${descriptor.method} is described twice`)
    table[descriptor.method] = descriptor
  }
  return Object.freeze(table) as MethodTable<List>
}
