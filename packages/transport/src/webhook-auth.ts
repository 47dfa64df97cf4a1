import type { Auth } from './auth.ts'

const webhookPath = /^(?<prefix>.*\/rest)\/(?<userId>[^/]+)\/(?<secret>[^/]+)\/?$/
/** The secret as the server reads it; a malformed escape is kept as it is. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

const shape = 'expected https://<portal>/rest/<userId>/<secret>/'

/**
 * Auth by incoming webhook: `https://{portal}/rest/{userId}/{secret}/`. The secret sits in the URL
 * path, so the URL itself is a credential: it is never put in an error message. It never expires.
 *
 * @example
 * ```ts
 * import { createClient, webhookAuth } from '@b24bot/transport'
 *
 * const client = createClient({ auth: webhookAuth(process.env.B24_WEBHOOK_URL!) })
 * ```
 */
export function webhookAuth(webhookUrl: string | URL): Auth {
  let url: URL
  try {
    url = new URL(webhookUrl)
  } catch {
    throw new TypeError(`webhookUrl is not a valid URL: ${shape}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`webhookUrl must use https (or http for a local portal): ${shape}`)
  if (url.username || url.password || url.search || url.hash)
    throw new TypeError(`webhookUrl must have no credentials, query or fragment: ${shape}`)
  const match = webhookPath.exec(url.pathname)?.groups
  if (!match?.secret || !match.userId) throw new TypeError(`webhookUrl does not look like an incoming webhook: ${shape}`)
  const base = `${url.origin}${match.prefix ?? '/rest'}/${match.userId}/${match.secret}/`
  const secrets = [match.secret, safeDecode(match.secret)]
  return {
    portal: url.origin,
    authorize: (method) => ({ url: `${base}${method}`, headers: {}, credential: match.secret ?? '' }),
    secrets: () => secrets,
  }
}
