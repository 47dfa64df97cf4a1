/**
 * MENU (classic only): extra items of a message's context menu (imbot.md §7.4, decision 014).
 */
import * as v from 'valibot'
import { positiveIntegerSchema, ynFlag } from './common.ts'
import { actionEntries, actionProblems, displayContextSchema, fieldRules, structuredParam } from './keyboard.ts'

const menuItemObjectSchema = v.strictObject({
  /** The caption. */
  TEXT: v.pipe(
    v.string(),
    v.check((text) => text.trim() !== '', 'must not be empty'),
  ),
  ...actionEntries,
  /** Where the item shows. */
  CONTEXT: v.optional(displayContextSchema),
  /** Show the item inactive. */
  DISABLED: v.optional(ynFlag),
})

/** One menu item: `TEXT` and exactly one action, as on keyboard buttons. */
export const menuItemSchema = v.pipe(menuItemObjectSchema, fieldRules<v.InferOutput<typeof menuItemObjectSchema>>(actionProblems))

/** The items of a menu. */
const menuItemsSchema = v.array(menuItemSchema)

/** The full form of a menu. */
export const menuObjectSchema = v.strictObject({
  /** The bot whose commands the items run (the server fills it in otherwise). */
  BOT_ID: v.optional(positiveIntegerSchema),
  ITEMS: v.pipe(menuItemsSchema, v.minLength(1, 'needs at least one item')),
})

/** MENU where a menu is set: `{ ITEMS }`, a bare array of items, or the JSON string of either. */
export const menuContentSchema = structuredParam({
  what: 'MENU',
  object: menuObjectSchema,
  array: menuItemsSchema,
  removable: false,
})

/**
 * MENU as classic methods accept it: `{ ITEMS }`, a bare array of items, the JSON string of either, or
 * `'N'` / `''`, which remove the extra items on update methods.
 */
export const menuSchema = structuredParam({
  what: 'MENU',
  object: menuObjectSchema,
  array: menuItemsSchema,
  removable: true,
})

/** A menu item as you may write it. */
export type MenuItem = v.InferInput<typeof menuItemSchema>
/** The full form of a menu as you may write it. */
export type MenuObject = v.InferInput<typeof menuObjectSchema>
/** A MENU value as methods accept it. */
export type Menu = v.InferInput<typeof menuSchema>
