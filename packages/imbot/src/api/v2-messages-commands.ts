import type { Binding } from '../bindings.ts'
import type { Methods } from '../methods.ts'

/** v2 messages, commands, events, files, revision (under `api.v2`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in method by method
export interface V2MessagesCommandsApi {}

// Placeholders so the imports are used until the first binding lands.
export type _Unused = [Binding<Methods[keyof Methods]>]
