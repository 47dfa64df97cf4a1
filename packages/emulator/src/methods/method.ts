import type { Portal } from '../portal.ts'

/** How a call was authorized. */
export type CallAuth = (
  | { readonly type: 'webhook'; readonly userId: number }
  | { readonly type: 'oauth'; readonly userId: number; readonly clientId: string }
) & {
  readonly scopes: ReadonlySet<string>
  /** Who is calling, as the operating-time limit counts callers: the webhook, or the app. */
  readonly caller: string
}

/** What a method implementation sees: the params as read (auth keys removed), the portal, and the caller. */
export interface MethodContext {
  readonly params: Readonly<Record<string, unknown>>
  readonly portal: Portal
  /** The user the call is authorized as (the webhook's or the token's user). */
  readonly userId: number
  /** How the call was authorized; an OAuth call carries the app's `client_id`. */
  readonly auth: CallAuth
}

/** One emulated REST method: the scope it needs and what it does. Throw a `RestError` to answer with an error. */
export interface MethodImplementation {
  readonly scope: string
  handle(context: MethodContext): unknown
}
