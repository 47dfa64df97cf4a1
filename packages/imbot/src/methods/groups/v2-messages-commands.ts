/** v2 message, command, event, file and revision methods, and the im.v2 methods v2 polling relies on. */
export const v2MessagesCommands = [] as const
