export { startEmulator, type Emulator, type EmulatorOptions } from './start-emulator.ts'
export { PortalClock, type ClockOptions } from './clock.ts'
export { limitPresets, PortalLimits, type LimitsOptions, type OperatingLimit, type OperatingUse, type RequestLimit } from './limits.ts'
export { ACCESS_TOKEN_SECONDS, TokenAuthority, type OAuthTokens, type PortalApp, type TokenCheck, type TokenEndpointError } from './oauth.ts'
export {
  Portal,
  type ChatType,
  type CreateChatOptions,
  type ExecutedCall,
  type InjectedReply,
  type Injection,
  type PortalBot,
  type PortalChat,
  type PortalMessage,
  type BotType,
  type HandlerName,
  type PortalUser,
  type PortalWebhook,
  type RecordedRequest,
} from './portal.ts'
