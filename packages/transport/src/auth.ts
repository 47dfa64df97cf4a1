import type { KyInstance } from 'ky'

/** Where a request goes and the credentials it carries, as an {@link Auth} prepared it. */
export interface AuthorizedRequest {
  /** The URL the method is called at. */
  readonly url: string
  /** Headers that carry the credential (e.g. `authorization`), if any. */
  readonly headers: Readonly<Record<string, string>>
  /** The credential used, so a refresh can tell whether another caller already replaced it. */
  readonly credential: string
}

/** What a client gives {@link Auth.refresh}: the waiting caller's limits, and how to send. */
export interface RefreshContext {
  /** The caller's signal (and its deadline): the caller stops waiting for the refresh when it aborts. */
  readonly signal: AbortSignal | undefined
  /** The caller's time limit per attempt: the caller waits no longer for the refresh. */
  readonly timeout: number | false
  /** The ky instance the client sends with: the token endpoint is called through it too. */
  readonly ky: KyInstance
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
  readonly refresh?: (expired: string, context: RefreshContext) => Promise<void>
  /** Every credential so far (old ones included), to keep out of errors and logs; the same array until one is added. */
  secrets(): readonly string[]
}
