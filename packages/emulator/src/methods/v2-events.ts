import type { MethodImplementation } from './method.ts'

/** `imbot.v2.Event.get`, `im.v2.Event.*` and `im.v2.Chat.Bot.sendContext`, keyed by lower-cased method name. */
export const eventMethods: Readonly<Record<string, MethodImplementation>> = {}
