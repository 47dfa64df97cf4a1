import type { Binding } from '../bindings.ts'
import type { Methods } from '../methods.ts'

/** Classic messages, commands and apps: `imbot.message.*`, `imbot.command.*`, `imbot.app.*`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in method by method
export interface ClassicMessagesCommandsApi {}

// Placeholders so the imports are used until the first binding lands.
export type _Unused = [Binding<Methods[keyof Methods]>]
