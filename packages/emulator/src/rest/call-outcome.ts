/** One call's answer before it is written out. */
export interface CallOutcome {
  readonly status: number
  readonly body: unknown
  readonly raw?: string
  readonly contentType?: string
  /** Reset the connection instead of answering. */
  readonly reset?: boolean
}
