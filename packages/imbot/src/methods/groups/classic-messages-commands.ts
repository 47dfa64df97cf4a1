import { imbotAppRegister } from '../imbot-app-register.ts'
import { imbotAppUnregister } from '../imbot-app-unregister.ts'
import { imbotAppUpdate } from '../imbot-app-update.ts'
import { imbotCommandAnswer } from '../imbot-command-answer.ts'
import { imbotCommandRegister } from '../imbot-command-register.ts'
import { imbotCommandUnregister } from '../imbot-command-unregister.ts'
import { imbotCommandUpdate } from '../imbot-command-update.ts'
import { imbotMessageAdd } from '../imbot-message-add.ts'
import { imbotMessageDelete } from '../imbot-message-delete.ts'
import { imbotMessageLike } from '../imbot-message-like.ts'
import { imbotMessageUpdate } from '../imbot-message-update.ts'

/** Classic message, command and app methods: imbot.message.*, imbot.command.*, imbot.app.*. */
export const classicMessagesCommands = [
  imbotMessageAdd,
  imbotMessageUpdate,
  imbotMessageDelete,
  imbotMessageLike,
  imbotCommandRegister,
  imbotCommandUnregister,
  imbotCommandUpdate,
  imbotCommandAnswer,
  imbotAppRegister,
  imbotAppUpdate,
  imbotAppUnregister,
] as const
