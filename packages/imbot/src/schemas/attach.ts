/**
 * ATTACH (classic) and `fields.attach` (v2): a structured attachment of blocks (imbot.md §7.3,
 * decision 014). UPPER_CASE keys, in v2 too.
 */
import * as v from 'valibot'
import { positiveIntegerSchema } from './common.ts'
import { colorTokenSchema, fieldRules, hexColorSchema, keysOf, messageLinkSchema, structuredParam } from './keyboard.ts'

const pixels = v.optional(positiveIntegerSchema)

/** A `LINK` block: a link card. */
const attachLinkSchema = v.strictObject({
  /** The target, `http(s)://…` or `/…`. */
  LINK: messageLinkSchema,
  NAME: v.optional(v.string()),
  DESC: v.optional(v.string()),
  /** HTML shown instead of `DESC`. */
  HTML: v.optional(v.string()),
  /** An image URL. */
  PREVIEW: v.optional(messageLinkSchema),
  WIDTH: pixels,
  HEIGHT: pixels,
  USER_ID: v.optional(positiveIntegerSchema),
  CHAT_ID: v.optional(positiveIntegerSchema),
  NETWORK_ID: v.optional(v.string()),
})

/** A `USER` block: a person, chat or bot with an avatar. */
export const attachUserSchema = v.strictObject({
  NAME: v.string(),
  /** An image URL. */
  AVATAR: v.optional(messageLinkSchema),
  LINK: v.optional(messageLinkSchema),
  USER_ID: v.optional(positiveIntegerSchema),
  CHAT_ID: v.optional(positiveIntegerSchema),
  BOT_ID: v.optional(positiveIntegerSchema),
  NETWORK_ID: v.optional(v.string()),
  AVATAR_TYPE: v.optional(v.picklist(['USER', 'CHAT', 'BOT'], 'Expected "USER", "CHAT" or "BOT"')),
})

/** One item of a `GRID` block: a name/value pair laid out by `DISPLAY`. */
export const attachGridItemSchema = v.strictObject({
  /** `BLOCK`, `LINE`, `ROW` or `TABLE` (older clients show `TABLE` as `ROW`). */
  DISPLAY: v.picklist(['BLOCK', 'LINE', 'ROW', 'TABLE'], 'Expected "BLOCK", "LINE", "ROW" or "TABLE"'),
  NAME: v.optional(v.string()),
  /** Text with BB codes. */
  VALUE: v.optional(v.string()),
  WIDTH: pixels,
  HEIGHT: pixels,
  COLOR_TOKEN: v.optional(colorTokenSchema),
  COLOR: v.optional(hexColorSchema),
  LINK: v.optional(messageLinkSchema),
  USER_ID: v.optional(positiveIntegerSchema),
  CHAT_ID: v.optional(positiveIntegerSchema),
})

/** One image of an `IMAGE` block. */
const attachImageSchema = v.strictObject({
  /** The original image. */
  LINK: messageLinkSchema,
  NAME: v.optional(v.string()),
  /** A smaller image shown in the message; defaults to `LINK`. */
  PREVIEW: v.optional(messageLinkSchema),
  WIDTH: pixels,
  HEIGHT: pixels,
})

/** One file of a `FILE` block. */
const attachFileSchema = v.strictObject({
  LINK: messageLinkSchema,
  NAME: v.optional(v.string()),
  /** Size in bytes. */
  SIZE: v.optional(v.pipe(v.number(), v.safeInteger('Expected an integer'), v.minValue(0, 'Expected a size in bytes'))),
})

/** A `DELIMITER` block: a line. `true` (as one doc example sends) is a default line. */
const attachDelimiterSchema = v.union(
  [
    v.strictObject({
      /** Length in pixels (default 200). */
      SIZE: pixels,
      COLOR: v.optional(hexColorSchema),
    }),
    v.literal(true),
  ],
  'Expected { SIZE?, COLOR? } or true',
)

const BLOCK_KEYS = ['MESSAGE', 'LINK', 'USER', 'GRID', 'IMAGE', 'FILE', 'DELIMITER'] as const

const attachBlockObjectSchema = v.strictObject({
  /** Text with BB codes (`USER, CHAT, SEND, PUT, CALL, BR, B, U, I, S, URL`). */
  MESSAGE: v.optional(v.string()),
  LINK: v.optional(attachLinkSchema),
  USER: v.optional(attachUserSchema),
  GRID: v.optional(v.array(attachGridItemSchema)),
  /** Images; a single image object is accepted too (one doc example sends it so). */
  IMAGE: v.optional(v.union([v.array(attachImageSchema), attachImageSchema], 'Expected an array of images or one image')),
  FILE: v.optional(v.array(attachFileSchema)),
  DELIMITER: v.optional(attachDelimiterSchema),
})

/** One attachment block: an object with exactly one key naming its kind. */
export const attachBlockSchema = v.pipe(
  attachBlockObjectSchema,
  fieldRules<v.InferOutput<typeof attachBlockObjectSchema>>((block) => {
    const [first, ...others] = keysOf(block).filter((key) => block[key] !== undefined)
    if (first === undefined) {
      return [{ message: `needs one of ${BLOCK_KEYS.join(', ')}` }]
    }
    return others.map((key) => ({
      field: key,
      message: `is a second kind in one block, which already is ${first}; put it in its own block`,
    }))
  }),
)

/** The blocks of an attachment, rendered in order. */
const attachBlocksSchema = v.array(attachBlockSchema)

/** The full form of an attachment. */
export const attachObjectSchema = v.strictObject({
  /** Id of the attachment within the message. */
  ID: v.optional(positiveIntegerSchema),
  /** The accent colour (default `base`). */
  COLOR_TOKEN: v.optional(colorTokenSchema),
  /** A HEX accent colour (legacy). */
  COLOR: v.optional(hexColorSchema),
  BLOCKS: v.pipe(attachBlocksSchema, v.minLength(1, 'needs at least one block')),
})

/**
 * ATTACH / `fields.attach` where an attachment is set: `{ ID?, COLOR_TOKEN?, COLOR?, BLOCKS }`, a bare
 * array of blocks, or the JSON string of either. `'N'` and `''` are refused: leave the field out.
 */
export const attachContentSchema = structuredParam({
  what: 'ATTACH',
  object: attachObjectSchema,
  array: attachBlocksSchema,
  removable: false,
})

/**
 * ATTACH / `fields.attach` as methods accept it: the full form, a bare array of blocks, the JSON string
 * of either, or `'N'` / `''`, which remove the attachment on update methods.
 */
export const attachSchema = structuredParam({
  what: 'ATTACH',
  object: attachObjectSchema,
  array: attachBlocksSchema,
  removable: true,
})

/** An attachment block as you may write it. */
export type AttachBlock = v.InferInput<typeof attachBlockSchema>
/** One item of a GRID block. */
export type AttachGridItem = v.InferInput<typeof attachGridItemSchema>
/** The full form of an attachment as you may write it. */
export type AttachObject = v.InferInput<typeof attachObjectSchema>
/** An ATTACH value as methods accept it. */
export type Attach = v.InferInput<typeof attachSchema>
