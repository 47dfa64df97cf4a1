import { imbotChatGet } from './imbot-chat-get.ts'
import { imbotBotList, imbotRegister, imbotUnregister, imbotUpdate } from './imbot-bots.ts'
import { imbotChatAdd, imbotMessageAdd } from './imbot-messages.ts'
import type { MethodImplementation } from './method.ts'

/** The emulated methods, keyed by lower-cased name: the server matches method names case-insensitively. */
export const implementations: ReadonlyMap<string, MethodImplementation> = new Map([
  ['imbot.register', imbotRegister],
  ['imbot.unregister', imbotUnregister],
  ['imbot.update', imbotUpdate],
  ['imbot.bot.list', imbotBotList],
  ['imbot.chat.add', imbotChatAdd],
  ['imbot.chat.get', imbotChatGet],
  ['imbot.message.add', imbotMessageAdd],
])
