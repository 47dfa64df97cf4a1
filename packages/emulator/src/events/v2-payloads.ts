import type { FormInput } from '@b24bot/core'
import type { PortalChat, PortalMessage } from '../model/entities.ts'
import type { PortalState } from '../model/portal-state.ts'
import { v2Chat, v2Message, v2User } from '../views/v2-entities.ts'

/* Parts of the v2 events' `data` (imbot-v2 §3): the entities as `viewerId` sees them. */

/** v2 webhook bodies send `null` as `''` (imbot-v2 §3); PHP's encoder would drop it. */
export function nullsAsEmpty(value: unknown): FormInput {
  if (value === null) return ''
  if (Array.isArray(value)) return value.map(nullsAsEmpty)
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, nullsAsEmpty(item)]))
  return value as FormInput
}

/** The v2 user entity of `userId`, or `undefined` when there is no such user. */
export function v2UserOf(portal: PortalState, userId: number): Record<string, unknown> | undefined {
  const user = portal.users.get(userId)
  return user ? v2User(portal, user) : undefined
}

/** `{chat, user, language}` for `viewerId`. */
export function v2ChatUser(portal: PortalState, chat: PortalChat, viewerId: number, userId: number): Record<string, unknown> {
  return { chat: v2Chat(portal, chat, viewerId, false), user: v2UserOf(portal, userId), language: 'en' }
}

/** `{message, chat, user, language}` of a message event, for `viewerId`. */
export function v2MessageData(portal: PortalState, message: PortalMessage, chat: PortalChat, viewerId: number): Record<string, unknown> {
  return { message: v2Message(portal, message), ...v2ChatUser(portal, chat, viewerId, message.authorId) }
}
