/** How many entries each of the portal's logs keeps by default: enough for a test suite's assertions. */
export const defaultLogSize = 10_000

/**
 * Appends `entry` to `log`, keeping about the latest `size`: once the log holds a quarter more, the
 * oldest are dropped in one splice, so appending stays cheap and memory stays flat however many
 * requests come. The log stays a plain array, so tests read it with `filter`, `at` and `length`.
 */
export function append<T>(log: T[], entry: T, size: number): void {
  log.push(entry)
  if (log.length > size + Math.ceil(size / 4)) log.splice(0, log.length - size)
}
