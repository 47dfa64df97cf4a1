import * as bb from './builders/formatting.ts'

export { imbot } from './imbot.ts'
export { botIdentity, withIdentity, type BotIdentity } from './bot-identity.ts'
export { methods, type Methods } from './methods.ts'
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
export { menuContentSchema, menuItemSchema, menuObjectSchema, menuSchema, type Menu, type MenuItem, type MenuObject } from './schemas/menu.ts'
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
