import { imbotChatGet } from './imbot-chat-get.ts'
import { imbotBotList, imbotRegister, imbotUnregister, imbotUpdate } from './imbot-bots.ts'
import {
  imbotChatLeave,
  imbotChatSendTyping,
  imbotChatSetManager,
  imbotChatSetOwner,
  imbotChatUpdateAvatar,
  imbotChatUpdateColor,
  imbotChatUpdateTitle,
  imbotChatUserAdd,
  imbotChatUserDelete,
  imbotChatUserList,
  imbotDialogGet,
} from './imbot-chats.ts'
import { imbotCommandAnswer, imbotCommandRegister, imbotCommandUnregister, imbotCommandUpdate } from './imbot-commands.ts'
import { imbotChatAdd, imbotMessageAdd, imbotMessageDelete, imbotMessageLike, imbotMessageUpdate } from './imbot-messages.ts'
import { fileMethods } from './files.ts'
import { imbotAppMethods } from './imbot-app.ts'
import type { MethodImplementation } from './method.ts'
import { v2BotMethods } from './v2-bots.ts'
import { v2ChatMethods } from './v2-chats.ts'
import { v2CommandMethods } from './v2-commands.ts'
import { userAdmin } from './user.ts'
import { eventMethods } from './v2-events.ts'
import { v2MessageMethods } from './v2-messages.ts'

/** The emulated methods, keyed by lower-cased name: the server matches method names case-insensitively. */
export const implementations: ReadonlyMap<string, MethodImplementation> = new Map([
  ['imbot.register', imbotRegister],
  ['imbot.unregister', imbotUnregister],
  ['imbot.update', imbotUpdate],
  ['imbot.bot.list', imbotBotList],
  ['imbot.chat.add', imbotChatAdd],
  ['imbot.chat.get', imbotChatGet],
  ['imbot.chat.leave', imbotChatLeave],
  ['imbot.chat.sendtyping', imbotChatSendTyping],
  ['imbot.chat.setmanager', imbotChatSetManager],
  ['imbot.chat.setowner', imbotChatSetOwner],
  ['imbot.chat.updateavatar', imbotChatUpdateAvatar],
  ['imbot.chat.updatecolor', imbotChatUpdateColor],
  ['imbot.chat.updatetitle', imbotChatUpdateTitle],
  ['imbot.chat.user.add', imbotChatUserAdd],
  ['imbot.chat.user.delete', imbotChatUserDelete],
  ['imbot.chat.user.list', imbotChatUserList],
  ['imbot.command.answer', imbotCommandAnswer],
  ['imbot.command.register', imbotCommandRegister],
  ['imbot.command.unregister', imbotCommandUnregister],
  ['imbot.command.update', imbotCommandUpdate],
  ['imbot.dialog.get', imbotDialogGet],
  ['imbot.message.add', imbotMessageAdd],
  ['imbot.message.update', imbotMessageUpdate],
  ['imbot.message.delete', imbotMessageDelete],
  ['imbot.message.like', imbotMessageLike],
  ...Object.entries(imbotAppMethods),
  ...Object.entries(v2BotMethods),
  ...Object.entries(v2ChatMethods),
  ...Object.entries(v2MessageMethods),
  ...Object.entries(v2CommandMethods),
  ...Object.entries(fileMethods),
  ...Object.entries(eventMethods),
  ['user.admin', userAdmin],
])
