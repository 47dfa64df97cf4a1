/** Where a request goes and the credentials it carries, as an {@link Auth} prepared it. */
export interface AuthorizedRequest {
  /** The URL the method is called at. */
  readonly url: string
  /** Headers that carry the credential (e.g. `authorization`), if any. */
  readonly headers: Readonly<Record<string, string>>
  /** The credential used, so a refresh can tell whether another caller already replaced it. */
  readonly credential: string
}

/**
 * How calls to one portal are authorized: an incoming webhook, OAuth tokens, or tokens an event
 * brought. The client asks for a fresh authorization before every attempt.
 */
export interface Auth {
  /** The portal's origin (`https://example.bitrix24.com`): the key its limits are kept under. */
  readonly portal: string
  /** The URL and credentials for calling `method` now. */
  authorize(method: string): AuthorizedRequest | Promise<AuthorizedRequest>
  /**
   * After a 401 `expired_token` answered a request made with `expired`: gets new credentials,
   * once for all callers that hit the same expiry. Absent when the credentials cannot be renewed.
   */
  readonly refresh?: (expired: string) => Promise<void>
  /** Every credential so far (old ones included), to keep out of errors and logs; the same array until one is added. */
  secrets(): readonly string[]
}
