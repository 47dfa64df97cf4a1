export { startEmulator, type Emulator, type EmulatorOptions } from './start-emulator.ts'
export { PortalClock, type ClockOptions } from './clock.ts'
export { limitPresets, PortalLimits, type LimitsOptions, type OperatingLimit, type OperatingUse, type RequestLimit } from './limits.ts'
export { ACCESS_TOKEN_SECONDS, TokenAuthority, type OAuthTokens, type PortalApp, type TokenCheck, type TokenEndpointError } from './oauth.ts'
export { PortalEvents, type CommandContext, type EventDelivery, type EventFault, type QueuedEvent, type QueueRead } from './events/portal-events.ts'
export { UserActions, type SendOptions } from './events/user-actions.ts'
export {
  Portal,
  type BotGeneration,
  type ChatType,
  type CreateChatOptions,
  type ExecutedCall,
  type InjectedReply,
  type Injection,
  type PortalBot,
  type PortalChat,
  type PortalChatApp,
  type PortalCommand,
  type PortalFile,
  type PortalInputAction,
  type PortalMessage,
  type BotType,
  type HandlerName,
  type PortalUser,
  type PortalWebhook,
  type RecordedRequest,
} from './portal.ts'
