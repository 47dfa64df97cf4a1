/**
 * `@b24bot/core`: Bitrix24 REST wire types, valibot schemas, method descriptors, the error classes and a PHP-style form codec.
 * Pure: no I/O, no HTTP library.
 *
 * @module @b24bot/core
 */
export { B24Error, type B24ErrorOptions } from './errors/b24-error.ts'
export { ValidationError, type ValidationErrorOptions } from './errors/validation-error.ts'
export { ApiError, type ApiErrorOptions } from './errors/api-error.ts'
export { HttpError, type HttpErrorOptions } from './errors/http-error.ts'
export { NetworkError, type NetworkErrorOptions } from './errors/network-error.ts'
export { TimeoutError, type TimeoutErrorOptions } from './errors/timeout-error.ts'
export { ResponseShapeError, type ResponseShapeErrorOptions } from './errors/response-shape-error.ts'
export { FormLimitError, type FormLimit, type FormLimitErrorOptions } from './errors/form-limit-error.ts'
export { toIssues, type Issue, type ToIssuesOptions } from './errors/issues.ts'
export { backoff, type BackoffOptions } from './backoff.ts'
export type { CallNext, CallRequest, CallWrap, Params } from './call.ts'
export { isSensitiveKey } from './sensitive.ts'
export {
  defineMethod,
  type CallArgs,
  type CallOptions,
  type Caller,
  type MethodDescriptor,
  type MethodPaging,
  type MethodParams,
  type MethodResult,
  type ParamsSchema,
  type ResultSchema,
} from './descriptor.ts'
export {
  errorEnvelopeSchema,
  responseTimeSchema,
  successEnvelopeSchema,
  type ErrorEnvelope,
  type ResponseTime,
  type SuccessEnvelope,
} from './envelope.ts'
export { idSchema, positiveIntegerSchema } from './schemas.ts'
export {
  decodeForm,
  encodeForm,
  pickForm,
  type DecodeFormOptions,
  type FormInput,
  type FormNotText,
  type FormObject,
  type FormPick,
  type FormValue,
} from './form-codec.ts'
