// STUB: the builders work replaces this file (same export names).
import * as v from 'valibot'

/** MENU as classic methods accept it. */
export const menuSchema = v.unknown()
