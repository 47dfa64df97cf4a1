import { imbotChatGet } from './imbot-chat-get.ts'
import type { MethodImplementation } from './method.ts'

/** The emulated methods, keyed by lower-cased name: the server matches method names case-insensitively. */
export const implementations: ReadonlyMap<string, MethodImplementation> = new Map([['imbot.chat.get', imbotChatGet]])
