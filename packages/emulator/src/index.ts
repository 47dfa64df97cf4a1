export { startEmulator, type Emulator, type EmulatorOptions } from './start-emulator.ts'
export {
  Portal,
  type ChatType,
  type CreateChatOptions,
  type InjectedReply,
  type Injection,
  type PortalChat,
  type PortalUser,
  type PortalWebhook,
  type RecordedRequest,
} from './portal.ts'
