import type { Binding } from '../bindings.ts'
import type { Methods } from '../methods.ts'

/** v2 bots and chats (under `api.v2`): `imbot.v2.Bot.*`, `imbot.v2.Chat.*` except messages. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in method by method
export interface V2BotsChatsApi {}

// Placeholders so the imports are used until the first binding lands.
export type _Unused = [Binding<Methods[keyof Methods]>]
