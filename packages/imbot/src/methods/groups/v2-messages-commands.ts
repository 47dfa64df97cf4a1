import { imV2EventGet } from '../im-v2-event-get.ts'
import { imV2EventSubscribe } from '../im-v2-event-subscribe.ts'
import { imV2EventUnsubscribe } from '../im-v2-event-unsubscribe.ts'
import { imV2FileDownload } from '../im-v2-file-download.ts'
import { imV2FileUpload } from '../im-v2-file-upload.ts'
import { imbotV2ChatMessageDelete } from '../imbot-v2-chat-message-delete.ts'
import { imbotV2ChatMessageGet } from '../imbot-v2-chat-message-get.ts'
import { imbotV2ChatMessageGetContext } from '../imbot-v2-chat-message-getcontext.ts'
import { imbotV2ChatMessageReactionAdd } from '../imbot-v2-chat-message-reaction-add.ts'
import { imbotV2ChatMessageReactionDelete } from '../imbot-v2-chat-message-reaction-delete.ts'
import { imbotV2ChatMessageRead } from '../imbot-v2-chat-message-read.ts'
import { imbotV2ChatMessageSend } from '../imbot-v2-chat-message-send.ts'
import { imbotV2ChatMessageUpdate } from '../imbot-v2-chat-message-update.ts'
import { imbotV2CommandAnswer } from '../imbot-v2-command-answer.ts'
import { imbotV2CommandList } from '../imbot-v2-command-list.ts'
import { imbotV2CommandRegister } from '../imbot-v2-command-register.ts'
import { imbotV2CommandUnregister } from '../imbot-v2-command-unregister.ts'
import { imbotV2CommandUpdate } from '../imbot-v2-command-update.ts'
import { imbotV2EventGet } from '../imbot-v2-event-get.ts'
import { imbotV2FileDownload } from '../imbot-v2-file-download.ts'
import { imbotV2FileUpload } from '../imbot-v2-file-upload.ts'
import { imbotV2RevisionGet } from '../imbot-v2-revision-get.ts'

/** v2 message, command, event, file and revision methods, and the im.v2 methods v2 polling relies on. */
export const v2MessagesCommands = [
  imbotV2ChatMessageSend,
  imbotV2ChatMessageUpdate,
  imbotV2ChatMessageDelete,
  imbotV2ChatMessageRead,
  imbotV2ChatMessageGet,
  imbotV2ChatMessageGetContext,
  imbotV2ChatMessageReactionAdd,
  imbotV2ChatMessageReactionDelete,
  imbotV2CommandRegister,
  imbotV2CommandUpdate,
  imbotV2CommandList,
  imbotV2CommandUnregister,
  imbotV2CommandAnswer,
  imbotV2EventGet,
  imbotV2FileUpload,
  imbotV2FileDownload,
  imbotV2RevisionGet,
  imV2EventSubscribe,
  imV2EventUnsubscribe,
  imV2EventGet,
  imV2FileUpload,
  imV2FileDownload,
] as const
