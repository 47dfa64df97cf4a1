import type { Tokens } from '@b24bot/transport'

/**
 * An install of the app on one portal, verified against the OAuth server: the portal (`memberId`,
 * `domain`, `clientEndpoint`), the `applicationToken` its later events carry, and a fresh token pair
 * (the install's own refresh token was spent verifying it), ready for a `TokenStore`.
 *
 * @example
 * ```ts
 * import { createBot, oauthApp } from '@b24bot/bot'
 * import type { TokenStore } from '@b24bot/transport'
 *
 * declare const tokenStores: { for(memberId: string): TokenStore } // a token store per portal
 * const app = oauthApp({ clientId: process.env.B24_CLIENT_ID!, clientSecret: process.env.B24_CLIENT_SECRET! })
 * const bot = createBot({ app, onInstall: (install) => tokenStores.for(install.memberId).set(install.tokens) })
 * ```
 */
export interface Install {
  /** The portal's `member_id`: the key of everything kept per portal. */
  readonly memberId: string
  /** The portal's host, from the REST root the OAuth server named. */
  readonly domain: string
  /** The portal's REST root (`https://{domain}/rest/`), as the OAuth server named it: calls back go here, never to an event's. */
  readonly clientEndpoint: string
  /** The token every later event of this portal carries in `auth[application_token]`. A secret. */
  readonly applicationToken: string
  /** The verified, fresh pair. Secrets. */
  readonly tokens: Tokens
  /** The user who installed the app, when the OAuth server says. */
  readonly userId: number | undefined
  /** The granted scopes, comma-separated, when the OAuth server says. */
  readonly scope: string | undefined
}

/**
 * Where a bot keeps the verified installs of its app, by portal (`memberId`): what later events are
 * checked against. Async-capable, so a shared store (Redis, a database) fits the same shape. Give every
 * process of the bot the same store.
 *
 * @example
 * ```ts
 * import type { Install, InstallStore } from '@b24bot/bot'
 *
 * // Any key-value store: here a Redis client (node-redis or ioredis).
 * declare const redis: { get(key: string): Promise<string | null>; set(key: string, value: string): Promise<unknown>; del(key: string): Promise<unknown> }
 *
 * const installs: InstallStore = {
 *   get: async (memberId) => (JSON.parse((await redis.get(`install:${memberId}`)) ?? 'null') as Install | null) ?? undefined,
 *   set: async (install) => {
 *     await redis.set(`install:${install.memberId}`, JSON.stringify(install))
 *   },
 *   delete: async (memberId) => {
 *     await redis.del(`install:${memberId}`)
 *   },
 * }
 * ```
 */
export interface InstallStore {
  /** The install of the portal with this `member_id`, or `undefined`. */
  get(memberId: string): Install | undefined | Promise<Install | undefined>
  /** Saves an install (replacing the portal's previous one). */
  set(install: Install): void | Promise<void>
  /** Forgets the portal's install (on uninstall). */
  delete(memberId: string): void | Promise<void>
}

/**
 * An {@link InstallStore} in this process's memory: a restart forgets every install (events from their
 * portals get 401 until the app is installed again). For one process and for tests.
 *
 * @example
 * ```ts
 * import { createBot, memoryInstallStore, oauthApp } from '@b24bot/bot'
 *
 * const app = oauthApp({ clientId: process.env.B24_CLIENT_ID!, clientSecret: process.env.B24_CLIENT_SECRET! })
 * const bot = createBot({ app, installs: memoryInstallStore() })
 * ```
 */
export function memoryInstallStore(): InstallStore {
  const installs: Map<string, Install> = new Map()
  return {
    get: (memberId) => installs.get(memberId),
    set: (install) => {
      installs.set(install.memberId, install)
    },
    delete: (memberId) => {
      installs.delete(memberId)
    },
  }
}

/** A host as portals and events spell it: lower case, no scheme, no trailing dot or slash. */
export function normalHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[/.]+$/, '')
}
