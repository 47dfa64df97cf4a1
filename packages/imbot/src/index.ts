export { imbot } from './imbot.ts'
export { methods, type Methods } from './methods.ts'
export type { ImbotApi } from './api.ts'
export { bindingPath, bindMethods, type Binding, type BindingPath } from './bindings.ts'
export { methodTable, type MethodTable } from './method-table.ts'
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
