import type { CallArgs, Caller, MethodDescriptor, MethodResult } from '@b24bot/core'

/** A bound method: takes the method's params (and call options) and resolves to its documented result. */
export type Binding<D extends MethodDescriptor> = (...args: CallArgs<D>) => Promise<MethodResult<D>>

/** The binding path of a method name: `imbot.` is dropped, anything else is kept whole. */
export type BindingPath<Method extends string> = Method extends `imbot.${infer Rest}` ? Rest : Method

/**
 * The binding path of a method name, as segments: `imbot.chat.get` is `chat.get`,
 * `imbot.v2.Chat.get` is `v2.Chat.get`, and `im.v2.Event.get` stays `im.v2.Event.get`.
 *
 * @example
 * ```ts
 * import { bindingPath } from '@b24bot/imbot'
 *
 * bindingPath('imbot.v2.Chat.Message.send') // ['v2', 'Chat', 'Message', 'send']
 * ```
 */
export function bindingPath(method: string): string[] {
  return (method.startsWith('imbot.') ? method.slice('imbot.'.length) : method).split('.')
}

type Namespace = Record<string, unknown>

function deepFreeze<T extends Namespace>(namespace: T): T {
  for (const value of Object.values(namespace)) if (typeof value === 'object' && value !== null) deepFreeze(value as Namespace)
  return Object.freeze(namespace)
}

/**
 * Builds the namespaced bindings for a method table: one function per descriptor at its
 * {@link bindingPath}, each a plain `caller.call(descriptor, params, options)`. Namespaces are frozen.
 *
 * @example
 * ```ts
 * import { bindMethods, methods, type ImbotApi } from '@b24bot/imbot'
 *
 * // What `imbot(client)` does: the result is untyped until you say which table it was built from.
 * const api = bindMethods(client, methods) as unknown as ImbotApi
 * await api.chat.get({ ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
 * ```
 */
export function bindMethods(caller: Caller, table: Readonly<Record<string, MethodDescriptor>>): Namespace {
  const root: Namespace = {}
  for (const descriptor of Object.values(table)) {
    const path = bindingPath(descriptor.method)
    const name = path.pop() ?? ''
    let namespace = root
    for (const segment of path) {
      const next = (namespace[segment] ??= {})
      if (typeof next !== 'object') throw new Error(`${descriptor.method}: ${segment} is both a method and a namespace`)
      namespace = next as Namespace
    }
    if (Object.hasOwn(namespace, name)) throw new Error(`${descriptor.method}: its binding path is taken`)
    namespace[name] = (...args: CallArgs<MethodDescriptor>) => caller.call(descriptor, ...args)
  }
  return deepFreeze(root)
}
