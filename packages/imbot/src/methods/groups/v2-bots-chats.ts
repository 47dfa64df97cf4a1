/** v2 bot and chat methods: imbot.v2.Bot.*, imbot.v2.Chat.{add,get,update,leave,setOwner}, Chat.User.*, Chat.Manager.*, Chat.InputAction.notify, Chat.TextField.enabled. */
export const v2BotsChats = [] as const
