import type { ClassicBotsChatsApi } from './api/classic-bots-chats.ts'
import type { ClassicMessagesCommandsApi } from './api/classic-messages-commands.ts'
import type { ImV2Api } from './api/im-v2.ts'
import type { V2BotsChatsApi } from './api/v2-bots-chats.ts'
import type { V2MessagesCommandsApi } from './api/v2-messages-commands.ts'

/**
 * The Bitrix24 bot methods as namespaced functions. The path mirrors the method name without its
 * `imbot.` prefix: `imbot.chat.get` is `api.chat.get`, `imbot.v2.Chat.get` is `api.v2.Chat.get`, and
 * `im.v2.Event.get` is `api.im.v2.Event.get`. Every function validates its params before any request
 * (`ValidationError`), and resolves to the method's documented result type.
 *
 * Built at run time from the {@link methods} table; these interfaces add the documentation, and a type
 * test keeps the two identical.
 */
export interface ImbotApi extends ClassicBotsChatsApi, ClassicMessagesCommandsApi {
  /** The current bot platform, `imbot.v2.*` (camelCase params, `fields`, `botToken`). */
  readonly v2: V2BotsChatsApi & V2MessagesCommandsApi
  /** Messenger methods of scope `im` (not `imbot`). */
  readonly im: { readonly v2: ImV2Api }
}
