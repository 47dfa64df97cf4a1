/**
 * Splits text longer than a message may be into parts the portal keeps whole.
 */
import { MESSAGE_TEXT_LIMIT } from '../schemas/common.ts'

/** Options of {@link splitMessage}. */
export interface SplitMessageOptions {
  /** Longest part, in UTF-16 code units (default 20,000, the portal's message limit). */
  readonly limit?: number
}

/** A BB tag token such as `[B]`, `[/URL]`, `[URL=https://x]` or `[img size=small]`, anchored where the search starts. */
const tagToken = /\[\/?[a-z][a-z0-9]*(?:[= ][^[\]\n]*)?\]/iy
const longestTag = 2_048

/** Whether a cut before `position` would fall inside a tag token; if so, where that token starts. */
function tagAround(text: string, position: number): number | undefined {
  const open = text.lastIndexOf('[', position - 1)
  if (open === -1 || position - open > longestTag) return undefined
  tagToken.lastIndex = open
  const match = tagToken.exec(text)
  return match !== null && open + match[0].length > position ? open : undefined
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

/** Where to end the part that starts at `start` and may run up to `end`. */
function cutPosition(text: string, start: number, end: number): number {
  const window = text.slice(start, end)
  const middle = start + Math.floor(window.length / 2)
  const lineBreaks = [...window.matchAll(/\n|\[br\]/gi)].map((match) => start + match.index + match[0].length)
  const spaces = [...window.matchAll(/[ \t]+/g)].map((match) => start + match.index + match[0].length)
  const lastUsable = (positions: readonly number[], from: number, to: number) =>
    positions.findLast((position) => position > from && position <= to && tagAround(text, position) === undefined)
  // Best first: a line break in the second half, a space there, then either in the first half.
  const best =
    lastUsable(lineBreaks, middle, end) ??
    lastUsable(spaces, middle, end) ??
    lastUsable(lineBreaks, start, middle) ??
    lastUsable(spaces, start, middle)
  if (best !== undefined) return best
  // No break opportunity: cut hard, but before a tag token and never inside a surrogate pair.
  let cut = end
  const tag = tagAround(text, cut)
  if (tag !== undefined && tag > start) cut = tag
  if (cut - start > 1 && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1
  return cut
}

/**
 * Splits `text` into parts of at most `limit` characters, joining back to exactly `text`. It cuts
 * after a line break (or `[BR]`) if one falls in the second half of the part, else after a space,
 * else anywhere; never inside a BB tag token like `[URL=…]` unless the tag is longer than the limit,
 * and never between the two halves of an emoji. Text within the limit comes back as one part.
 *
 * The portal trims each message, so whitespace at the edges of a part is not shown.
 *
 * @example
 * ```ts
 * import { splitMessage } from '@b24bot/imbot'
 *
 * const report = 'A long report. '.repeat(2_000)
 * for (const part of splitMessage(report)) await api.message.add({ DIALOG_ID: 'chat5', MESSAGE: part })
 * ```
 */
export function splitMessage(text: string, options: SplitMessageOptions = {}): string[] {
  const limit = options.limit ?? MESSAGE_TEXT_LIMIT
  if (!Number.isSafeInteger(limit) || limit < 2) throw new RangeError(`limit must be an integer of at least 2, got ${limit}`)
  const parts: string[] = []
  let start = 0
  while (text.length - start > limit) {
    const cut = cutPosition(text, start, start + limit)
    parts.push(text.slice(start, cut))
    start = cut
  }
  if (start < text.length || parts.length === 0) parts.push(text.slice(start))
  return parts
}
