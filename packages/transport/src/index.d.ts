export { createClient, type Client, type ClientOptions, type RawParams } from './create-client.ts';
export type { BodyEncoding } from './encode-body.ts';
export { ApiError, B24Error, HttpError, NetworkError, ResponseShapeError, TimeoutError, ValidationError, type CallOptions, type Issue, type MethodDescriptor, type MethodParams, type MethodResult, } from '@b24bot/core';
//# sourceMappingURL=index.d.ts.map