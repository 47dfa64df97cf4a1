import type { MethodImplementation } from './method.ts'

/** `imbot.v2.Chat.*` (chats, members, managers, owner, input action, text field), keyed by lower-cased method name. */
export const v2ChatMethods: Readonly<Record<string, MethodImplementation>> = {}
