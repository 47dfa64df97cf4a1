/* What the REST layer records and what tests script it with; `RestState` keeps them, the portal shows them (`portal.requests`, `portal.inject`). */

/** One HTTP request the emulator received on `/rest/`, whatever its outcome. */
export interface RecordedRequest {
  /** The method name as requested (suffix `.json` removed), or `''` when the path named none. */
  readonly method: string
  /** The HTTP verb, such as `GET` or `POST`. */
  readonly httpMethod: string
  /** The parameters as the server read them (query and body), credentials included. */
  readonly params: Readonly<Record<string, unknown>>
  /** The HTTP status answered. */
  readonly status: number
  /** The parsed body that was answered. */
  readonly response: unknown
}

/** A scripted answer for the next matching calls, instead of running the method. */
export type InjectedReply =
  | { readonly result: unknown }
  | { readonly status: number; readonly error: string; readonly description?: string }
  | { readonly status: number; readonly body: string; readonly contentType?: string }

/** What `Portal.inject` takes: a scripted reply, a delay, or both. */
export interface Injection {
  /**
   * The method to intercept (case-insensitive). Default: any REST method. `'oauth/token'` intercepts
   * requests to the token endpoint (`{url}/oauth/token/`), which only an injection naming it does;
   * `'batch'` intercepts a `batch` request as a whole (an injection for any method meets its first command instead).
   */
  readonly method?: string
  /** How many calls to intercept. Default: 1. */
  readonly times?: number
  /** Wait this long before answering (the method runs after the wait). */
  readonly delayMs?: number
  /** Answer this instead of running the method. Default: run the method. */
  readonly reply?: InjectedReply
  /**
   * Reset the connection instead of answering: `'before'` the method runs (nothing happened), or
   * `'after'` it ran (it took effect, but the caller never learns it: the case retries must not repeat).
   */
  readonly reset?: 'before' | 'after'
}

/** A method call the portal executed (its implementation ran), from a plain request or a batch. */
export interface ExecutedCall {
  /** The method name as called (the portal matches it case-insensitively), such as `imbot.message.add`. */
  readonly method: string
  /** The parameters it ran with (a batch command's own), without the keys the server consumes first (`auth`, `start`, ...). */
  readonly params: Readonly<Record<string, unknown>>
  /** The HTTP status its answer carried (200, or the status of the error it raised). */
  readonly status: number
}
