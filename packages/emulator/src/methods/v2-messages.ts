import type { MethodImplementation } from './method.ts'

/** `imbot.v2.Chat.Message.*` (messages and reactions), keyed by lower-cased method name. */
export const v2MessageMethods: Readonly<Record<string, MethodImplementation>> = {}
