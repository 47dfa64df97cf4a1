import type { BaseClient, Client } from '@b24bot/transport'
import type { Install } from './installs.ts'

/** Where an event came from, and how to call back for it. */
export interface EventSource {
  /** Calls back through this client (the polling runner's), instead of the bot's choice. */
  readonly client?: Client | BaseClient
  /**
   * The portal, for session keys, when the event does not name it (polled events carry no `auth`):
   * the polling runner's `portal` option.
   */
  readonly portal?: string
  /** The event's id in the portal's queue (polled events). */
  readonly eventId?: number
  /**
   * The verified install the event was authenticated by: its portal names the event's portal (for
   * sessions and errors), and calls back go to its REST root, whatever the event's blocks say.
   */
  readonly install?: Install
}
