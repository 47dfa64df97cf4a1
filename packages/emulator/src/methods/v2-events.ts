import { phpIsset, phpObject } from '../rest/php.ts'
import { intval } from './classic-identity.ts'
import type { MethodContext, MethodImplementation } from './method.ts'
import { v2ActingBot, v2Error, v2Flag } from './v2-identity.ts'

/** `limit` of `Event.get`: 1-1000, default 100 (imbot-v2 §5); out of range is clamped. */
function readLimit(value: unknown): number {
  return phpIsset(value) ? Math.min(1000, Math.max(1, intval(value))) : 100
}

/** `offset` of `Event.get`: absent on the first call. */
function readOffset(value: unknown): number | undefined {
  return phpIsset(value) && value !== '' ? intval(value) : undefined
}

/**
 * `imbot.v2.Event.get` (imbot-v2 §8.4, §9.2): the bot's fetch queue, acknowledged up to `offset`;
 * `withUserEvents` merges the calling user's im.v2 events (scope `im`: `SCOPE_ERROR`; subscribed:
 * `USER_NOT_SUBSCRIBED`), one offset for both.
 */
const imbotV2EventGet: MethodImplementation = {
  scope: 'imbot',
  handle(context) {
    const bot = v2ActingBot(context)
    const withUser = v2Flag(context.params.withUserEvents) === true
    if (withUser && !context.auth.scopes.has('im')) throw v2Error('SCOPE_ERROR', 'Scope im is required to read user events')
    if (withUser && !context.portal.events.isSubscribed(context.userId))
      throw v2Error('USER_NOT_SUBSCRIBED', 'User is not subscribed to events')
    const queues = withUser ? [{ botId: bot.id }, { userId: context.userId }] : [{ botId: bot.id }]
    return context.portal.events.readQueues(queues, readOffset(context.params.offset), readLimit(context.params.limit))
  },
}

/** `im.v2.Event.subscribe` / `unsubscribe` (§8.5): start or stop recording the current user's events; bare `true`. */
function subscription(subscribe: boolean): MethodImplementation {
  return {
    scope: 'im',
    handle({ portal, userId }: MethodContext) {
      if (subscribe) portal.events.subscribe(userId)
      else portal.events.unsubscribe(userId)
      return true
    },
  }
}

/** `im.v2.Event.get` (§8.5): the current user's recorded events; never subscribed: nothing, no error. */
const imV2EventGet: MethodImplementation = {
  scope: 'im',
  handle({ portal, userId, params }) {
    return portal.events.readQueues([{ userId }], readOffset(params.offset), readLimit(params.limit))
  },
}

/**
 * `im.v2.Chat.Bot.sendContext` (undocumented, imbot-v2 §8.5): the current user opens the private
 * dialog with the bot `dialogId` carrying `context`; the bot hears CONTEXTGET. `true`.
 */
const imV2ChatBotSendContext: MethodImplementation = {
  scope: 'im',
  handle({ portal, userId, params }) {
    const bot = portal.bots.get(intval(params.dialogId))
    if (!bot) throw v2Error('BOT_NOT_FOUND', 'Bot not found')
    portal.events.contextRequested(bot, userId, phpObject(params.context))
    return true
  },
}

/** `imbot.v2.Event.get`, `im.v2.Event.*` and `im.v2.Chat.Bot.sendContext`, keyed by lower-cased method name. */
export const eventMethods: Readonly<Record<string, MethodImplementation>> = {
  'imbot.v2.event.get': imbotV2EventGet,
  'im.v2.event.subscribe': subscription(true),
  'im.v2.event.unsubscribe': subscription(false),
  'im.v2.event.get': imV2EventGet,
  'im.v2.chat.bot.sendcontext': imV2ChatBotSendContext,
}
