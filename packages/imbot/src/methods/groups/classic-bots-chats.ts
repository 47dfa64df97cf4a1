import { imbotBotList } from '../imbot-bot-list.ts'
import { imbotChatAdd } from '../imbot-chat-add.ts'
import { imbotChatGet } from '../imbot-chat-get.ts'
import { imbotChatLeave } from '../imbot-chat-leave.ts'
import { imbotChatSendTyping } from '../imbot-chat-send-typing.ts'
import { imbotChatSetManager } from '../imbot-chat-set-manager.ts'
import { imbotChatSetOwner } from '../imbot-chat-set-owner.ts'
import { imbotChatUpdateAvatar } from '../imbot-chat-update-avatar.ts'
import { imbotChatUpdateColor } from '../imbot-chat-update-color.ts'
import { imbotChatUpdateTitle } from '../imbot-chat-update-title.ts'
import { imbotChatUserAdd } from '../imbot-chat-user-add.ts'
import { imbotChatUserDelete } from '../imbot-chat-user-delete.ts'
import { imbotChatUserList } from '../imbot-chat-user-list.ts'
import { imbotDialogGet } from '../imbot-dialog-get.ts'
import { imbotRegister } from '../imbot-register.ts'
import { imbotUnregister } from '../imbot-unregister.ts'
import { imbotUpdate } from '../imbot-update.ts'

/** Classic bot and chat methods: imbot.register/unregister/update, imbot.bot.list, imbot.chat.*, imbot.dialog.get. */
export const classicBotsChats = [
  imbotRegister,
  imbotUnregister,
  imbotUpdate,
  imbotBotList,
  imbotChatAdd,
  imbotChatGet,
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
] as const
