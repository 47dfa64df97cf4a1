import type { Binding } from '../bindings.ts'
import type { Methods } from '../methods.ts'

/** The `im.v2.*` methods v2 polling with user events relies on (under `api.im.v2`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in method by method
export interface ImV2Api {}

// Placeholders so the imports are used until the first binding lands.
export type _Unused = [Binding<Methods[keyof Methods]>]
