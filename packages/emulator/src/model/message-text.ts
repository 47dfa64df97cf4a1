/* How the messenger stores a message's text, whichever method or user action writes it. */

/** `CIMMessenger::MESSAGE_LIMIT`. */
const messageLimit = 20_000

/**
 * The stored text: `[BR]`, `[br]` and `#BR#` (exactly these, as PHP's case-sensitive `str_replace`) as
 * newlines, trimmed, cut at 20,000 characters plus `" (...)"` when longer than 20,006 (server-behavior §2.4).
 */
export function storedText(text: string): string {
  const normalized = text.replace(/\[BR\]|\[br\]|#BR#/g, '\n').trim()
  return normalized.length > messageLimit + 6 ? `${normalized.slice(0, messageLimit)} (...)` : normalized
}

/** Bots may edit their messages for three days (`CheckPossibilityUpdateMessage`). */
export const editWindowMs = 259_200_000
