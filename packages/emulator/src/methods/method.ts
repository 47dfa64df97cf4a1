import type { Portal } from '../portal.ts'

/** How a call was authorized. */
export type CallAuth = (
  { readonly type: 'webhook'; readonly userId: number } | { readonly type: 'oauth'; readonly userId: number; readonly clientId: string }
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
  /** The scope a caller needs, or {@link GLOBAL_SCOPE} for the methods every app may call (`user.admin`, `app.info`). */
  readonly scope: string
  handle(context: MethodContext): unknown
}

/** The scope of the methods a portal lets every app and webhook call, whatever scopes they have (`CRestUtil::GLOBAL_SCOPE`). */
export const GLOBAL_SCOPE = '_global'

/** Whether a caller holding `scopes` may call `implementation`. */
export function allowed(implementation: MethodImplementation, scopes: ReadonlySet<string>): boolean {
  return implementation.scope === GLOBAL_SCOPE || scopes.has(implementation.scope)
}
