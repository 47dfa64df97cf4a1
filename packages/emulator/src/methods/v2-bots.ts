import type { MethodImplementation } from './method.ts'

/** `imbot.v2.Bot.*` and `imbot.v2.Revision.get`, keyed by lower-cased method name. */
export const v2BotMethods: Readonly<Record<string, MethodImplementation>> = {}
