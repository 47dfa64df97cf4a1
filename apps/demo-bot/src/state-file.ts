import { randomBytes } from 'node:crypto'
import { readFile, rm, writeFile } from 'node:fs/promises'

/** The secrets the bot keeps between runs on a real portal. Never printed. */
export interface BotSecrets {
  /** The v2 bot's `botToken`: with the webhook, it is the bot's identity. */
  readonly botToken: string
  /** The secret in the URL the portal pushes events to (webhook mode). */
  readonly urlSecret: string
}

/** The state file is there but is not the demo's: its message names the path, never the content. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError'
}

function isSecrets(value: unknown): value is BotSecrets {
  if (typeof value !== 'object' || value === null) return false
  const { botToken, urlSecret } = value as Record<string, unknown>
  return typeof botToken === 'string' && /^[\w-]{16,40}$/.test(botToken) && typeof urlSecret === 'string' && urlSecret.length >= 16
}

/** A fresh secret: 24 random bytes, 32 URL-safe characters (a `botToken` may have at most 40). */
function secret(): string {
  return randomBytes(24).toString('base64url')
}

/**
 * Reads the bot's secrets from `path`, or makes new ones and writes them there (mode 0600) when the file
 * does not exist. A file that exists but is not such a record is an error: it is never overwritten.
 *
 * @example
 * ```ts
 * const { botToken, urlSecret } = await loadSecrets('.b24bot-demo.json')
 * ```
 */
export async function loadSecrets(path: string): Promise<BotSecrets> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    const secrets: BotSecrets = { botToken: secret(), urlSecret: secret() }
    await writeFile(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
    return secrets
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  if (!isSecrets(parsed)) throw new StateFileError(`${path} is not the demo bot's state file; move it away or set B24_STATE_FILE`)
  return parsed
}

/**
 * Deletes the state file (after the bot was removed from the portal).
 *
 * @example
 * ```ts
 * await forgetSecrets('.b24bot-demo.json')
 * ```
 */
export async function forgetSecrets(path: string): Promise<void> {
  await rm(path, { force: true })
}
