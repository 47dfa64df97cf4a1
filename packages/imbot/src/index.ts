/**
 * `@b24bot/imbot`: the Bitrix24 chat-bot methods (`imbot.*`, `imbot.v2.*`) as descriptors and namespaced bindings, the
 * events as typed data, and the message builders. Each method's page links its official documentation.
 *
 * @module @b24bot/imbot
 */
import * as bb from './builders/formatting.ts'

export { imbot } from './imbot.ts'
export { botIdentity, withIdentity, type BotIdentity } from './bot-identity.ts'
export { methods, type Methods } from './methods.ts'
// generated:descriptors:start
// Each method descriptor on its own, named after its method (`imbot.chat.get` -> `imbotChatGet`), so that
// `client.call(imbotChatGet, params)` bundles that one method. Written by scripts/generate.mjs.
export { imV2EventGet } from './methods/im.v2.Event/im.v2.Event.get.ts'
export { imV2EventSubscribe } from './methods/im.v2.Event/im.v2.Event.subscribe.ts'
export { imV2EventUnsubscribe } from './methods/im.v2.Event/im.v2.Event.unsubscribe.ts'
export { imV2FileDownload } from './methods/im.v2.File/im.v2.File.download.ts'
export { imV2FileUpload } from './methods/im.v2.File/im.v2.File.upload.ts'
export { imbotAppRegister } from './methods/imbot.app/imbot.app.register.ts'
export { imbotAppUnregister } from './methods/imbot.app/imbot.app.unregister.ts'
export { imbotAppUpdate } from './methods/imbot.app/imbot.app.update.ts'
export { imbotBotList } from './methods/imbot.bot/imbot.bot.list.ts'
export { imbotChatAdd } from './methods/imbot.chat/imbot.chat.add.ts'
export { imbotChatGet } from './methods/imbot.chat/imbot.chat.get.ts'
export { imbotChatLeave } from './methods/imbot.chat/imbot.chat.leave.ts'
export { imbotChatSendTyping } from './methods/imbot.chat/imbot.chat.sendTyping.ts'
export { imbotChatSetManager } from './methods/imbot.chat/imbot.chat.setManager.ts'
export { imbotChatSetOwner } from './methods/imbot.chat/imbot.chat.setOwner.ts'
export { imbotChatUpdateAvatar } from './methods/imbot.chat/imbot.chat.updateAvatar.ts'
export { imbotChatUpdateColor } from './methods/imbot.chat/imbot.chat.updateColor.ts'
export { imbotChatUpdateTitle } from './methods/imbot.chat/imbot.chat.updateTitle.ts'
export { imbotChatUserAdd } from './methods/imbot.chat.user/imbot.chat.user.add.ts'
export { imbotChatUserDelete } from './methods/imbot.chat.user/imbot.chat.user.delete.ts'
export { imbotChatUserList } from './methods/imbot.chat.user/imbot.chat.user.list.ts'
export { imbotCommandAnswer } from './methods/imbot.command/imbot.command.answer.ts'
export { imbotCommandRegister } from './methods/imbot.command/imbot.command.register.ts'
export { imbotCommandUnregister } from './methods/imbot.command/imbot.command.unregister.ts'
export { imbotCommandUpdate } from './methods/imbot.command/imbot.command.update.ts'
export { imbotDialogGet } from './methods/imbot.dialog/imbot.dialog.get.ts'
export { imbotMessageAdd } from './methods/imbot.message/imbot.message.add.ts'
export { imbotMessageDelete } from './methods/imbot.message/imbot.message.delete.ts'
export { imbotMessageLike } from './methods/imbot.message/imbot.message.like.ts'
export { imbotMessageUpdate } from './methods/imbot.message/imbot.message.update.ts'
export { imbotRegister } from './methods/imbot/imbot.register.ts'
export { imbotUnregister } from './methods/imbot/imbot.unregister.ts'
export { imbotUpdate } from './methods/imbot/imbot.update.ts'
export { imbotV2BotGet } from './methods/imbot.v2.Bot/imbot.v2.Bot.get.ts'
export { imbotV2BotList } from './methods/imbot.v2.Bot/imbot.v2.Bot.list.ts'
export { imbotV2BotRegister } from './methods/imbot.v2.Bot/imbot.v2.Bot.register.ts'
export { imbotV2BotUnregister } from './methods/imbot.v2.Bot/imbot.v2.Bot.unregister.ts'
export { imbotV2BotUpdate } from './methods/imbot.v2.Bot/imbot.v2.Bot.update.ts'
export { imbotV2ChatAdd } from './methods/imbot.v2.Chat/imbot.v2.Chat.add.ts'
export { imbotV2ChatGet } from './methods/imbot.v2.Chat/imbot.v2.Chat.get.ts'
export { imbotV2ChatInputActionNotify } from './methods/imbot.v2.Chat.InputAction/imbot.v2.Chat.InputAction.notify.ts'
export { imbotV2ChatLeave } from './methods/imbot.v2.Chat/imbot.v2.Chat.leave.ts'
export { imbotV2ChatManagerAdd } from './methods/imbot.v2.Chat.Manager/imbot.v2.Chat.Manager.add.ts'
export { imbotV2ChatManagerDelete } from './methods/imbot.v2.Chat.Manager/imbot.v2.Chat.Manager.delete.ts'
export { imbotV2ChatMessageDelete } from './methods/imbot.v2.Chat.Message/imbot.v2.Chat.Message.delete.ts'
export { imbotV2ChatMessageGet } from './methods/imbot.v2.Chat.Message/imbot.v2.Chat.Message.get.ts'
export { imbotV2ChatMessageGetContext } from './methods/imbot.v2.Chat.Message/imbot.v2.Chat.Message.getContext.ts'
export { imbotV2ChatMessageReactionAdd } from './methods/imbot.v2.Chat.Message.Reaction/imbot.v2.Chat.Message.Reaction.add.ts'
export { imbotV2ChatMessageReactionDelete } from './methods/imbot.v2.Chat.Message.Reaction/imbot.v2.Chat.Message.Reaction.delete.ts'
export { imbotV2ChatMessageRead } from './methods/imbot.v2.Chat.Message/imbot.v2.Chat.Message.read.ts'
export { imbotV2ChatMessageSend } from './methods/imbot.v2.Chat.Message/imbot.v2.Chat.Message.send.ts'
export { imbotV2ChatMessageUpdate } from './methods/imbot.v2.Chat.Message/imbot.v2.Chat.Message.update.ts'
export { imbotV2ChatSetOwner } from './methods/imbot.v2.Chat/imbot.v2.Chat.setOwner.ts'
export { imbotV2ChatTextFieldEnabled } from './methods/imbot.v2.Chat.TextField/imbot.v2.Chat.TextField.enabled.ts'
export { imbotV2ChatUpdate } from './methods/imbot.v2.Chat/imbot.v2.Chat.update.ts'
export { imbotV2ChatUserAdd } from './methods/imbot.v2.Chat.User/imbot.v2.Chat.User.add.ts'
export { imbotV2ChatUserDelete } from './methods/imbot.v2.Chat.User/imbot.v2.Chat.User.delete.ts'
export { imbotV2ChatUserList } from './methods/imbot.v2.Chat.User/imbot.v2.Chat.User.list.ts'
export { imbotV2CommandAnswer } from './methods/imbot.v2.Command/imbot.v2.Command.answer.ts'
export { imbotV2CommandList } from './methods/imbot.v2.Command/imbot.v2.Command.list.ts'
export { imbotV2CommandRegister } from './methods/imbot.v2.Command/imbot.v2.Command.register.ts'
export { imbotV2CommandUnregister } from './methods/imbot.v2.Command/imbot.v2.Command.unregister.ts'
export { imbotV2CommandUpdate } from './methods/imbot.v2.Command/imbot.v2.Command.update.ts'
export { imbotV2EventGet } from './methods/imbot.v2.Event/imbot.v2.Event.get.ts'
export { imbotV2FileDownload } from './methods/imbot.v2.File/imbot.v2.File.download.ts'
export { imbotV2FileUpload } from './methods/imbot.v2.File/imbot.v2.File.upload.ts'
export { imbotV2RevisionGet } from './methods/imbot.v2.Revision/imbot.v2.Revision.get.ts'
// generated:descriptors:end
export type { ImbotApi } from './generated/imbot-api.ts'
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
 * const user = { id: 7, name: 'Anna' }
 * const order = { title: 'Order 13' }
 * const text = bb.fmt`Hello, ${bb.mention(user.id, user.name)}! Your order ${bb.bold(order.title)} is ready.`
 * await api.message.add({ DIALOG_ID: 'chat5', MESSAGE: text.text })
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
