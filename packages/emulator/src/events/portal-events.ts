import type { Portal, PortalBot, PortalChat, PortalMessage } from '../portal.ts'

/** How a command was invoked: typed, a keyboard button, or a menu item. */
export type CommandContext = 'TEXTAREA' | 'KEYBOARD' | 'MENU'

/**
 * The portal's event source: methods and simulated users report what happened, and this routes the
 * events to the bots (and subscribed users) that should hear them and delivers them
 * (server-behavior §3). Methods call these after their change is stored.
 */
export class PortalEvents {
  readonly #portal: Portal

  constructor(portal: Portal) {
    this.#portal = portal
  }

  /** A message was posted, by a user or a bot. */
  messageAdded(message: PortalMessage, options: { readonly commandContext?: CommandContext } = {}): void {
    this.#report({ kind: 'messageAdded', message, options })
  }

  /** A message was edited by `byUserId`. */
  messageUpdated(message: PortalMessage, byUserId: number): void {
    this.#report({ kind: 'messageUpdated', message, byUserId })
  }

  /** A message was deleted by `byUserId`. */
  messageDeleted(message: PortalMessage, byUserId: number): void {
    this.#report({ kind: 'messageDeleted', message, byUserId })
  }

  /** `userId` added or removed a reaction. */
  reactionChanged(message: PortalMessage, userId: number, reaction: string, action: 'add' | 'delete'): void {
    this.#report({ kind: 'reactionChanged', message, userId, reaction, action })
  }

  /** Members joined a group chat (added by `byUserId`), or a private chat was first made (`memberIds` both sides). */
  joined(chat: PortalChat, memberIds: readonly number[], byUserId: number): void {
    this.#report({ kind: 'joined', chat, memberIds, byUserId })
  }

  /** A bot was unregistered; call after it is removed from `portal.bots`. */
  botDeleted(bot: PortalBot): void {
    this.#report({ kind: 'botDeleted', bot })
  }

  /** What happened, in order (routing and delivery are being built on this). */
  readonly reports: Readonly<Record<string, unknown>>[] = []

  #report(report: Readonly<Record<string, unknown>>): void {
    this.reports.push({ ...report, at: this.#portal.clock.now() })
  }
}
