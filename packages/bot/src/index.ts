/**
 * `@b24bot/bot`: the bot framework: spoof-proof event intake (Fetch), a polling runner, a composable router and a typed
 * context. The Node adapters are in `@b24bot/bot/node`.
 *
 * @module @b24bot/bot
 */
export { Bot, createBot, type BotOptions, type ErrorHandler, type EventSender, type IncomingEvent, type IntakeAnswer } from './bot.ts'
export { BotError, type BotErrorOptions } from './bot-error.ts'
export type { EventSource } from './event-source.ts'
export { memoryInstallStore, type Install, type InstallStore } from './installs.ts'
export { oauthApp, type AppCredentials, type InstallClaim, type InstallVerdict, type OAuthApp } from './oauth-app.ts'
export {
  compose,
  Composer,
  type CommandContext,
  type CommandEventName,
  type EventFilter,
  type Filter,
  type HearsContext,
  type MessageEventName,
  type Middleware,
  type NamedEvent,
  type Next,
} from './composer.ts'
export { Context, type ContextInit, type ReplyContent, type Session } from './context.ts'
export { ApiContext } from './api-context.ts'
export { factsOf, generationOf, type CommandFact, type EventFacts, type Generation } from './facts.ts'
export { memorySessionStore, type SessionStore } from './session.ts'
export { sameToken } from './verify.ts'
export { memoryOffsetStore, type OffsetStore, type PollLease } from './offset-store.ts'
export { startPolling, type PollingErrorInfo, type PollingOptions, type PollingTarget } from './polling.ts'
