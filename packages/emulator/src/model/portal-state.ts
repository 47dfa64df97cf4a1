import type { TokenAuthority } from '../oauth/token-authority.ts'
import type { PortalClock } from './clock.ts'
import type { HandlerName, PortalApp, PortalBot, PortalChat, PortalCommand, PortalMessage, PortalUser } from './entities.ts'

/**
 * What events and views read of a portal: its stored content, its clock and URL, and the two
 * operations routing needs. `Portal` implements it; `events/` and `views/` take this instead of the
 * `Portal` facade, so they import nothing above them, not even as a type (decision 042).
 */
export interface PortalState {
  /** The portal's base URL. */
  readonly url: string
  readonly clock: PortalClock
  /** Issues tokens for event `auth` blocks; `memberId` names the portal. */
  readonly tokens: Pick<TokenAuthority, 'issue' | 'memberId'>
  readonly apps: readonly PortalApp[]
  readonly users: ReadonlyMap<number, PortalUser>
  readonly bots: ReadonlyMap<number, PortalBot>
  readonly chats: ReadonlyMap<number, PortalChat>
  readonly messages: ReadonlyMap<number, PortalMessage>
  readonly commands: ReadonlyMap<number, PortalCommand>
  /** Classic event handlers per application (`appId`). */
  readonly handlers: ReadonlyMap<string, Partial<Record<HandlerName, string>>>
  /** The private chat of two users, made on first use (which raises JOINCHAT). */
  privateChat(userId: number, otherUserId: number): PortalChat
  /** Opens a bot's 10-minute command window for a dialog. */
  grantCommandToken(botId: number, dialogId: string): void
}
