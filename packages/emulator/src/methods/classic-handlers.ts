import type { HandlerName } from '../model/entities.ts'
import { phpEmpty, phpString } from '../rest/php.ts'
import { RestError } from '../rest/rest-error.ts'
import type { MethodContext } from './method.ts'

/** The handlers in the order the server validates them, with the labels of its messages. */
const handlerOrder: readonly (readonly [HandlerName, string, boolean])[] = [
  ['EVENT_MESSAGE_ADD', 'Message add', true],
  ['EVENT_MESSAGE_UPDATE', 'Message update', false],
  ['EVENT_MESSAGE_DELETE', 'Message delete', false],
  ['EVENT_CONTEXT_GET', 'Context get', false],
  ['EVENT_WELCOME_MESSAGE', 'Welcome message', true],
  ['EVENT_BOT_DELETE', 'Bot delete', true],
]

/** `HandlerHelper::checkCallback`: a host containing a dot past its first character, then http(s). */
export function checkCallback(name: HandlerName, url: string): void {
  let parsed: URL | undefined
  try {
    parsed = new URL(url)
  } catch {
    parsed = undefined
  }
  if (!parsed || parsed.hostname.indexOf('.') <= 0) throw new RestError(`${name}_ERROR`, 'Wrong handler URL')
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new RestError(`${name}_ERROR`, 'Unsupported handler protocol')
}

/** A handler URL as bound: a webhook client's gets `?CLIENT_ID=<CLIENT_ID>` appended. */
export function handlerUrlFor(context: MethodContext, url: string, clientId: unknown): string {
  return context.auth.type === 'webhook' ? `${url}${url.includes('?') ? '&' : '?'}CLIENT_ID=${phpString(clientId)}` : url
}

/**
 * The handler URLs of `imbot.register` (all required ones present) or `imbot.update` (all optional),
 * as the server reads them (server-behavior §2.4): `EVENT_HANDLER` fills every one; a webhook client's
 * URLs get `?CLIENT_ID=<CLIENT_ID>` appended; each is then checked in the server's order.
 */
export function readHandlers(
  fields: Readonly<Record<string, unknown>>,
  context: MethodContext,
  clientId: unknown,
  requireAll: boolean,
): Partial<Record<HandlerName, string>> {
  const common = phpEmpty(fields.EVENT_HANDLER) ? undefined : phpString(fields.EVENT_HANDLER)
  const handlers: Partial<Record<HandlerName, string>> = {}
  for (const [name, label, required] of handlerOrder) {
    const given = common ?? (phpEmpty(fields[name]) ? undefined : phpString(fields[name]))
    if (given === undefined) {
      if (required && requireAll) throw new RestError(`${name}_ERROR`, `Handler for "${label}" event isn't specified`)
      continue
    }
    const url = handlerUrlFor(context, given, clientId)
    checkCallback(name, url)
    handlers[name] = url
  }
  return handlers
}
