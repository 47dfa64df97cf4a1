import type { MethodImplementation } from './method.ts'

/** Classic `imbot.app.*`, keyed by lower-cased method name. */
export const imbotAppMethods: Readonly<Record<string, MethodImplementation>> = {}
