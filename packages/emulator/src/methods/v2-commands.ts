import type { MethodImplementation } from './method.ts'

/** `imbot.v2.Command.*`, keyed by lower-cased method name. */
export const v2CommandMethods: Readonly<Record<string, MethodImplementation>> = {}
