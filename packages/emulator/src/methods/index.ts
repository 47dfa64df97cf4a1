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
import { imbotCommandRegister, imbotCommandUnregister, imbotCommandUpdate } from './imbot-commands.ts'
import { imbotChatAdd, imbotMessageAdd, imbotMessageDelete, imbotMessageLike, imbotMessageUpdate } from './imbot-messages.ts'
import type { MethodImplementation } from './method.ts'

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
  ['imbot.command.register', imbotCommandRegister],
  ['imbot.command.unregister', imbotCommandUnregister],
  ['imbot.command.update', imbotCommandUpdate],
  ['imbot.dialog.get', imbotDialogGet],
  ['imbot.message.add', imbotMessageAdd],
  ['imbot.message.update', imbotMessageUpdate],
  ['imbot.message.delete', imbotMessageDelete],
  ['imbot.message.like', imbotMessageLike],
])
