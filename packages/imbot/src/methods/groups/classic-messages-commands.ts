/** Classic message, command and app methods: imbot.message.*, imbot.command.*, imbot.app.*. */
export const classicMessagesCommands = [] as const
