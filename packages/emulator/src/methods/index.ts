import { appMethods } from './app.ts'
import { fileMethods } from './files.ts'
import { imbotAppMethods } from './imbot-app.ts'
import { imbotBotMethods } from './imbot-bots.ts'
import { imbotChatMethods } from './imbot-chats.ts'
import { imbotCommandMethods } from './imbot-commands.ts'
import { imbotMessageMethods } from './imbot-messages.ts'
import type { MethodImplementation } from './method.ts'
import { userMethods } from './user.ts'
import { v2BotMethods } from './v2-bots.ts'
import { v2ChatMethods } from './v2-chats.ts'
import { v2CommandMethods } from './v2-commands.ts'
import { eventMethods } from './v2-events.ts'
import { v2MessageMethods } from './v2-messages.ts'

/**
 * The emulated methods, keyed by lower-cased name: the server matches method names case-insensitively.
 * Each file of `methods/` implements one API namespace and exports its table the same way.
 */
export const implementations: ReadonlyMap<string, MethodImplementation> = new Map(
  [
    imbotBotMethods,
    imbotChatMethods,
    imbotMessageMethods,
    imbotCommandMethods,
    imbotAppMethods,
    v2BotMethods,
    v2ChatMethods,
    v2MessageMethods,
    v2CommandMethods,
    fileMethods,
    eventMethods,
    userMethods,
    appMethods,
  ].flatMap((table) => Object.entries(table)),
)
