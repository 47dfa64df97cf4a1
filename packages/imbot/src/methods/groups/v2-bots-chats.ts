import { imbotV2BotGet } from '../imbot-v2-bot-get.ts'
import { imbotV2BotList } from '../imbot-v2-bot-list.ts'
import { imbotV2BotRegister } from '../imbot-v2-bot-register.ts'
import { imbotV2BotUnregister } from '../imbot-v2-bot-unregister.ts'
import { imbotV2BotUpdate } from '../imbot-v2-bot-update.ts'
import { imbotV2ChatAdd } from '../imbot-v2-chat-add.ts'
import { imbotV2ChatGet } from '../imbot-v2-chat-get.ts'
import { imbotV2ChatInputActionNotify } from '../imbot-v2-chat-inputaction-notify.ts'
import { imbotV2ChatLeave } from '../imbot-v2-chat-leave.ts'
import { imbotV2ChatManagerAdd } from '../imbot-v2-chat-manager-add.ts'
import { imbotV2ChatManagerDelete } from '../imbot-v2-chat-manager-delete.ts'
import { imbotV2ChatSetOwner } from '../imbot-v2-chat-setowner.ts'
import { imbotV2ChatTextFieldEnabled } from '../imbot-v2-chat-textfield-enabled.ts'
import { imbotV2ChatUpdate } from '../imbot-v2-chat-update.ts'
import { imbotV2ChatUserAdd } from '../imbot-v2-chat-user-add.ts'
import { imbotV2ChatUserDelete } from '../imbot-v2-chat-user-delete.ts'
import { imbotV2ChatUserList } from '../imbot-v2-chat-user-list.ts'

/** v2 bot and chat methods: imbot.v2.Bot.*, imbot.v2.Chat.{add,get,update,leave,setOwner}, Chat.User.*, Chat.Manager.*, Chat.InputAction.notify, Chat.TextField.enabled. */
export const v2BotsChats = [
  imbotV2BotRegister,
  imbotV2BotUpdate,
  imbotV2BotGet,
  imbotV2BotList,
  imbotV2BotUnregister,
  imbotV2ChatAdd,
  imbotV2ChatGet,
  imbotV2ChatUpdate,
  imbotV2ChatUserAdd,
  imbotV2ChatUserDelete,
  imbotV2ChatUserList,
  imbotV2ChatLeave,
  imbotV2ChatManagerAdd,
  imbotV2ChatManagerDelete,
  imbotV2ChatSetOwner,
  imbotV2ChatInputActionNotify,
  imbotV2ChatTextFieldEnabled,
] as const
