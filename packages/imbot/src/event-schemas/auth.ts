/**
 * The `auth` blocks of events (server-behavior §3.4): the top-level `auth` of a pushed event, a
 * classic `data[BOT][id]` entry's tokens and its `AUTH` copy, and a v2 webhook's `data.bot.auth`.
 */
import * as v from 'valibot'
import { wireCount, wireString } from './wire.ts'

/**
 * An `auth` block. Every field is optional: a webhook client's events carry only the portal fields
 * and `application_token`; `ONAPPUNINSTALL` carries no tokens; `refresh_token` comes with some
 * events only. Fields a portal adds are kept.
 *
 * Verify a pushed event with the top-level `auth.application_token` (compared in constant time with
 * the one stored at installation), never with a bot entry's.
 *
 * @example
 * ```ts
 * import { sameToken } from '@b24bot/bot'
 * import { decodeEvent } from '@b24bot/imbot'
 *
 * function authorized(body: Record<string, unknown>, applicationToken: string): boolean {
 *   const event = decodeEvent(body)
 *   return event.auth?.application_token !== undefined && sameToken(event.auth.application_token, applicationToken)
 * }
 * ```
 */
export interface EventAuth {
  /** OAuth access token (about an hour). */
  access_token?: string
  /** OAuth refresh token, with some events only. */
  refresh_token?: string
  /** When the access token expires, in Unix seconds. */
  expires?: number
  /** The access token's lifetime in seconds (`3600`). */
  expires_in?: number
  /** The granted scopes (`imbot`). */
  scope?: string
  /** The portal's host (`some-domain.bitrix24.com`). */
  domain?: string
  /** The OAuth server's REST endpoint (`https://oauth.bitrix.info/rest/`). */
  server_endpoint?: string
  /** The application's status: `L` local, `F` free, `D` demo, `T` trial, `P` paid. */
  status?: string
  /** The portal's REST base URL (`https://some-domain.bitrix24.com/rest/`). */
  client_endpoint?: string
  /** The portal's unique id. */
  member_id?: string
  /** The user the tokens belong to. */
  user_id?: number
  /** The application's `client_id` (bot entries). */
  client_id?: string
  /** The application token: the only proof an event comes from the portal. */
  application_token?: string
  [key: string]: unknown
}

/** The entries of an `auth` block, spread into the bot entries that carry the same fields. */
export const authEntries = {
  access_token: v.exactOptional(wireString),
  refresh_token: v.exactOptional(wireString),
  expires: v.exactOptional(wireCount),
  expires_in: v.exactOptional(wireCount),
  scope: v.exactOptional(wireString),
  domain: v.exactOptional(wireString),
  server_endpoint: v.exactOptional(wireString),
  status: v.exactOptional(wireString),
  client_endpoint: v.exactOptional(wireString),
  member_id: v.exactOptional(wireString),
  user_id: v.exactOptional(wireCount),
  client_id: v.exactOptional(wireString),
  application_token: v.exactOptional(wireString),
}

/** An `auth` block. */
export const eventAuthSchema: v.GenericSchema<unknown, EventAuth> = v.looseObject(authEntries)
