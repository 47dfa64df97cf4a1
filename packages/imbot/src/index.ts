import * as bb from './builders/formatting.ts'

export { imbot } from './imbot.ts'
export { botIdentity, withIdentity, type BotIdentity } from './bot-identity.ts'
export { methods, type Methods } from './methods.ts'
// Each method's descriptor on its own, named after the method in camelCase (`imbot.chat.get` ->
// `imbotChatGet`): `client.call(imbotChatGet, params)` bundles that one method, not the whole table.
// Hand-listed; `root-exports.test.ts` checks that all of `methods` is here under those names.
export { imV2EventGet } from './methods/im-v2-event-get.ts'
export { imV2EventSubscribe } from './methods/im-v2-event-subscribe.ts'
export { imV2EventUnsubscribe } from './methods/im-v2-event-unsubscribe.ts'
export { imV2FileDownload } from './methods/im-v2-file-download.ts'
export { imV2FileUpload } from './methods/im-v2-file-upload.ts'
export { imbotAppRegister } from './methods/imbot-app-register.ts'
export { imbotAppUnregister } from './methods/imbot-app-unregister.ts'
export { imbotAppUpdate } from './methods/imbot-app-update.ts'
export { imbotBotList } from './methods/imbot-bot-list.ts'
export { imbotChatAdd } from './methods/imbot-chat-add.ts'
export { imbotChatGet } from './methods/imbot-chat-get.ts'
export { imbotChatLeave } from './methods/imbot-chat-leave.ts'
export { imbotChatSendTyping } from './methods/imbot-chat-send-typing.ts'
export { imbotChatSetManager } from './methods/imbot-chat-set-manager.ts'
export { imbotChatSetOwner } from './methods/imbot-chat-set-owner.ts'
export { imbotChatUpdateAvatar } from './methods/imbot-chat-update-avatar.ts'
export { imbotChatUpdateColor } from './methods/imbot-chat-update-color.ts'
export { imbotChatUpdateTitle } from './methods/imbot-chat-update-title.ts'
export { imbotChatUserAdd } from './methods/imbot-chat-user-add.ts'
export { imbotChatUserDelete } from './methods/imbot-chat-user-delete.ts'
export { imbotChatUserList } from './methods/imbot-chat-user-list.ts'
export { imbotCommandAnswer } from './methods/imbot-command-answer.ts'
export { imbotCommandRegister } from './methods/imbot-command-register.ts'
export { imbotCommandUnregister } from './methods/imbot-command-unregister.ts'
export { imbotCommandUpdate } from './methods/imbot-command-update.ts'
export { imbotDialogGet } from './methods/imbot-dialog-get.ts'
export { imbotMessageAdd } from './methods/imbot-message-add.ts'
export { imbotMessageDelete } from './methods/imbot-message-delete.ts'
export { imbotMessageLike } from './methods/imbot-message-like.ts'
export { imbotMessageUpdate } from './methods/imbot-message-update.ts'
export { imbotRegister } from './methods/imbot-register.ts'
export { imbotUnregister } from './methods/imbot-unregister.ts'
export { imbotUpdate } from './methods/imbot-update.ts'
export { imbotV2BotGet } from './methods/imbot-v2-bot-get.ts'
export { imbotV2BotList } from './methods/imbot-v2-bot-list.ts'
export { imbotV2BotRegister } from './methods/imbot-v2-bot-register.ts'
export { imbotV2BotUnregister } from './methods/imbot-v2-bot-unregister.ts'
export { imbotV2BotUpdate } from './methods/imbot-v2-bot-update.ts'
export { imbotV2ChatAdd } from './methods/imbot-v2-chat-add.ts'
export { imbotV2ChatGet } from './methods/imbot-v2-chat-get.ts'
export { imbotV2ChatInputActionNotify } from './methods/imbot-v2-chat-inputaction-notify.ts'
export { imbotV2ChatLeave } from './methods/imbot-v2-chat-leave.ts'
export { imbotV2ChatManagerAdd } from './methods/imbot-v2-chat-manager-add.ts'
export { imbotV2ChatManagerDelete } from './methods/imbot-v2-chat-manager-delete.ts'
export { imbotV2ChatMessageDelete } from './methods/imbot-v2-chat-message-delete.ts'
export { imbotV2ChatMessageGet } from './methods/imbot-v2-chat-message-get.ts'
export { imbotV2ChatMessageGetContext } from './methods/imbot-v2-chat-message-getcontext.ts'
export { imbotV2ChatMessageReactionAdd } from './methods/imbot-v2-chat-message-reaction-add.ts'
export { imbotV2ChatMessageReactionDelete } from './methods/imbot-v2-chat-message-reaction-delete.ts'
export { imbotV2ChatMessageRead } from './methods/imbot-v2-chat-message-read.ts'
export { imbotV2ChatMessageSend } from './methods/imbot-v2-chat-message-send.ts'
export { imbotV2ChatMessageUpdate } from './methods/imbot-v2-chat-message-update.ts'
export { imbotV2ChatSetOwner } from './methods/imbot-v2-chat-setowner.ts'
export { imbotV2ChatTextFieldEnabled } from './methods/imbot-v2-chat-textfield-enabled.ts'
export { imbotV2ChatUpdate } from './methods/imbot-v2-chat-update.ts'
export { imbotV2ChatUserAdd } from './methods/imbot-v2-chat-user-add.ts'
export { imbotV2ChatUserDelete } from './methods/imbot-v2-chat-user-delete.ts'
export { imbotV2ChatUserList } from './methods/imbot-v2-chat-user-list.ts'
export { imbotV2CommandAnswer } from './methods/imbot-v2-command-answer.ts'
export { imbotV2CommandList } from './methods/imbot-v2-command-list.ts'
export { imbotV2CommandRegister } from './methods/imbot-v2-command-register.ts'
export { imbotV2CommandUnregister } from './methods/imbot-v2-command-unregister.ts'
export { imbotV2CommandUpdate } from './methods/imbot-v2-command-update.ts'
export { imbotV2EventGet } from './methods/imbot-v2-event-get.ts'
export { imbotV2FileDownload } from './methods/imbot-v2-file-download.ts'
export { imbotV2FileUpload } from './methods/imbot-v2-file-upload.ts'
export { imbotV2RevisionGet } from './methods/imbot-v2-revision-get.ts'
export type { ImbotApi } from './api.ts'
export { bindingPath, bindMethods, type Binding, type BindingPath } from './bindings.ts'
export { methodTable, type MethodTable } from './method-table.ts'
export { events, type EventData, type EventName, type EventOf, type Events, type ImbotEvent, type TypedEvent } from './events.ts'
export { decodeEvent } from './decode-event.ts'
export { EventDecodeError, type EventDecodeErrorCode, type EventDecodeErrorOptions } from './event-decode-error.ts'
export {
  defineEvent,
  eventTable,
  type EventDelivery,
  type EventDescriptor,
  type EventDescriptorData,
  type EventGeneration,
  type EventTable,
} from './event-table.ts'
export type { EventAuth } from './event-schemas/auth.ts'
export type {
  ClassicBotEntry,
  ClassicChatFields,
  ClassicCommandEntry,
  ClassicEventUser,
  ClassicMentionFields,
  ClassicMessageChangeParams,
  ClassicMessageFlags,
  ClassicNewMessageParams,
} from './event-schemas/classic.ts'
export type {
  V2ChatUserFields,
  V2EventBot,
  V2EventChat,
  V2EventCommand,
  V2EventMessage,
  V2EventUser,
  V2MessageForward,
  V2ReactionFields,
} from './event-schemas/v2.ts'
export type { OnImbotMessageAddData, OnImbotMessageAddParams } from './events/on-imbot-message-add.ts'
export type { OnImbotMessageUpdateData, OnImbotMessageUpdateParams } from './events/on-imbot-message-update.ts'
export type { OnImbotMessageDeleteData } from './events/on-imbot-message-delete.ts'
export type { OnImbotContextGetData, OnImbotContextGetParams } from './events/on-imbot-context-get.ts'
export type { OnImbotJoinChatData, OnImbotJoinChatParams } from './events/on-imbot-join-chat.ts'
export type { OnImbotDeleteData } from './events/on-imbot-delete.ts'
export type { OnImCommandAddData, OnImCommandAddParams } from './events/on-im-command-add.ts'
export type { OnAppInstallData } from './events/on-app-install.ts'
export type { OnAppUpdateData } from './events/on-app-update.ts'
export type { OnAppUninstallData } from './events/on-app-uninstall.ts'
export type { OnImbotV2MessageAddData } from './events/on-imbot-v2-message-add.ts'
export type { OnImbotV2MessageUpdateData } from './events/on-imbot-v2-message-update.ts'
export type { OnImbotV2MessageDeleteData } from './events/on-imbot-v2-message-delete.ts'
export type { OnImbotV2JoinChatData } from './events/on-imbot-v2-join-chat.ts'
export type { OnImbotV2DeleteData } from './events/on-imbot-v2-delete.ts'
export type { OnImbotV2ContextGetData } from './events/on-imbot-v2-context-get.ts'
export type { OnImbotV2CommandAddData } from './events/on-imbot-v2-command-add.ts'
export type { OnImbotV2ReactionChangeData } from './events/on-imbot-v2-reaction-change.ts'
export type { OnImV2MessageAddData } from './events/on-im-v2-message-add.ts'
export type { OnImV2MessageUpdateData } from './events/on-im-v2-message-update.ts'
export type { OnImV2MessageDeleteData } from './events/on-im-v2-message-delete.ts'
export type { OnImV2ReactionChangeData } from './events/on-im-v2-reaction-change.ts'
export type { OnImV2JoinChatData } from './events/on-im-v2-join-chat.ts'

/**
 * BB-code formatting for message text, with user text escaped so it cannot inject markup:
 * `bb.bold`, `bb.mention`, `bb.link`, the `` bb.fmt`...` `` template, and the rest of
 * `builders/formatting.ts`.
 *
 * @example
 * ```ts
 * import { bb } from '@b24bot/imbot'
 *
 * const text = bb.fmt`Hello, ${bb.mention(user.id, user.name)}! Your order ${bb.bold(order.title)} is ready.`
 * await api.message.add({ DIALOG_ID: dialogId, MESSAGE: text.text })
 * ```
 */
export { bb }
export { splitMessage, type SplitMessageOptions } from './builders/split-message.ts'
export { button, keyboard, KeyboardBuilder, type ButtonAction, type ButtonOptions, type CommandButtonOptions } from './builders/keyboard.ts'
export {
  attach,
  AttachBuilder,
  grid,
  type AttachFileOptions,
  type AttachImageOptions,
  type AttachLinkOptions,
  type AttachOptions,
  type AttachUserOptions,
  type GridItemOptions,
} from './builders/attach.ts'
export { menu, MenuBuilder, menuItem, type MenuItemOptions } from './builders/menu.ts'
export {
  keyboardButtonSchema,
  keyboardContentSchema,
  keyboardObjectSchema,
  keyboardSchema,
  type Keyboard,
  type KeyboardButton,
  type KeyboardObject,
} from './schemas/keyboard.ts'
export {
  attachBlockSchema,
  attachContentSchema,
  attachGridItemSchema,
  attachObjectSchema,
  attachSchema,
  type Attach,
  type AttachBlock,
  type AttachGridItem,
  type AttachObject,
} from './schemas/attach.ts'
export {
  menuContentSchema,
  menuItemSchema,
  menuObjectSchema,
  menuSchema,
  type Menu,
  type MenuItem,
  type MenuObject,
} from './schemas/menu.ts'
export { MESSAGE_TEXT_LIMIT, SERIALIZED_LIMIT } from './schemas/common.ts'
export { isKnownReaction, REACTION_CODES, type ReactionCode } from './schemas/v2-messages.ts'
export {
  ApiError,
  B24Error,
  defineMethod,
  HttpError,
  NetworkError,
  ResponseShapeError,
  TimeoutError,
  ValidationError,
  type CallArgs,
  type CallOptions,
  type Caller,
  type Issue,
  type MethodDescriptor,
  type MethodParams,
  type MethodResult,
} from '@b24bot/core'
