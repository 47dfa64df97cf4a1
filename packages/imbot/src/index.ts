import * as bb from './builders/formatting.ts'

export { imbot } from './imbot.ts'
export { methods, type Methods } from './methods.ts'
export type { ImbotApi } from './api.ts'
export { bindingPath, bindMethods, type Binding, type BindingPath } from './bindings.ts'
export { methodTable, type MethodTable } from './method-table.ts'

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
