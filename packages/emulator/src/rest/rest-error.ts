/** An error the emulated server answers with: `{ error, error_description }` and a status, as `RestException` does. */
export class RestError extends Error {
  readonly code: string
  readonly status: number
  readonly extra: Readonly<Record<string, unknown>>

  constructor(code: string, description: string, status = 400, extra: Readonly<Record<string, unknown>> = {}) {
    super(description)
    this.code = code
    this.status = status
    this.extra = extra
  }

  toBody(): Record<string, unknown> {
    return { error: this.code, error_description: this.message, ...this.extra }
  }
}

/** The errors the REST layer itself raises (server-behavior §1.3, §1.4, §1.6). */
export const restErrors = {
  methodNotFound: (): RestError => new RestError('ERROR_METHOD_NOT_FOUND', 'Method not found!', 404),
  noAuthFound: (): RestError => new RestError('NO_AUTH_FOUND', 'Wrong authorization data', 401),
  invalidCredentials: (): RestError => new RestError('INVALID_CREDENTIALS', 'Invalid request credentials', 401),
  insufficientScope: (by: 'webhook' | 'access'): RestError =>
    new RestError('insufficient_scope', `The request requires higher privileges than provided by the ${by} token`, 401),
  queryLimitExceeded: (): RestError => new RestError('QUERY_LIMIT_EXCEEDED', 'Too many requests', 503),
  operationTimeLimit: (): RestError => new RestError('OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.', 429),
  expiredToken: (): RestError => new RestError('expired_token', 'The access token provided has expired', 401),
  invalidToken: (): RestError => new RestError('invalid_token', 'The access token provided is invalid', 401),
}
