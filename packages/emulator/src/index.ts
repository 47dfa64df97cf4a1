export { startEmulator, type Emulator, type EmulatorOptions } from './start-emulator.ts'
export { PortalClock, type ClockOptions } from './clock.ts'
export { limitPresets, PortalLimits, type LimitsOptions, type OperatingLimit, type OperatingUse, type RequestLimit } from './limits.ts'
export {
  ACCESS_TOKEN_SECONDS,
  TokenAuthority,
  type OAuthTokens,
  type PortalApp,
  type TokenCheck,
  type TokenEndpointError,
} from './oauth.ts'
export type { CommandContext } from './events/command-context.ts'
export { PortalEvents, type EventDelivery, type EventFault, type QueuedEvent, type QueueRead } from './events/portal-events.ts'
export { UserActions, type SendOptions } from './events/user-actions.ts'
export { Portal } from './portal.ts'
export type {
  BotGeneration,
  BotType,
  ChatType,
  CreateChatOptions,
  HandlerName,
  PortalBot,
  PortalChat,
  PortalChatApp,
  PortalCommand,
  PortalFile,
  PortalInputAction,
  PortalMessage,
  PortalUser,
  PortalWebhook,
} from './model/entities.ts'
export type { ExecutedCall, InjectedReply, Injection, RecordedRequest } from './rest/records.ts'
