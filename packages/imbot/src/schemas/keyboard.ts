// STUB: the builders work replaces this file (same export names).
import * as v from 'valibot'

/** KEYBOARD as methods accept it. */
export const keyboardSchema = v.unknown()
