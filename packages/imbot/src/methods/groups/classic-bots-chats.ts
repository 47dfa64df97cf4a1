import { imbotChatGet } from '../imbot-chat-get.ts'

/** Classic bot and chat methods: imbot.register/unregister/update, imbot.bot.list, imbot.chat.*, imbot.dialog.get. */
export const classicBotsChats = [imbotChatGet] as const
