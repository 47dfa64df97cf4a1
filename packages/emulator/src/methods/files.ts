import type { MethodImplementation } from './method.ts'

/** `imbot.v2.File.*` and `im.v2.File.*`, keyed by lower-cased method name. */
export const fileMethods: Readonly<Record<string, MethodImplementation>> = {}
