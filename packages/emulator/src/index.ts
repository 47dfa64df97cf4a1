export { startEmulator, type Emulator, type EmulatorOptions } from './start-emulator.ts'
export { PortalClock, type ClockOptions } from './model/clock.ts'
export { limitPresets, PortalLimits, type LimitsOptions, type OperatingLimit, type OperatingUse, type RequestLimit } from './rest/limits.ts'
export {
  ACCESS_TOKEN_SECONDS,
  TokenAuthority,
  type AuthorizationCode,
  type CodeExchange,
  type OAuthTokens,
  type TokenCheck,
  type TokenEndpointError,
} from './oauth/token-authority.ts'
export type { CommandContext } from './events/command-context.ts'
export { PortalEvents } from './events/portal-events.ts'
export type { EventDelivery, EventFault, QueuedEvent, QueueRead } from './events/delivery.ts'
export { UserActions, type SendOptions } from './events/user-actions.ts'
export { Portal } from './portal.ts'
export type { PortalModel } from './model/portal-model.ts'
export type {
  AppStatus,
  BotGeneration,
  BotType,
  ChatType,
  CreateChatOptions,
  HandlerName,
  PortalApp,
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
export type { RestState } from './rest/rest-state.ts'
