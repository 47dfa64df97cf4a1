import type { Portal } from '../portal.ts'

/** What a method implementation sees: the params as read (auth keys removed), the portal, and the caller. */
export interface MethodContext {
  readonly params: Readonly<Record<string, unknown>>
  readonly portal: Portal
  /** The user the call is authorized as (the webhook's user). */
  readonly userId: number
}

/** One emulated REST method: the scope it needs and what it does. Throw a `RestError` to answer with an error. */
export interface MethodImplementation {
  readonly scope: string
  handle(context: MethodContext): unknown
}
