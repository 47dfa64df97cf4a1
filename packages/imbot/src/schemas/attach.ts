// STUB: the builders work replaces this file (same export names).
import * as v from 'valibot'

/** ATTACH as methods accept it. */
export const attachSchema = v.unknown()
