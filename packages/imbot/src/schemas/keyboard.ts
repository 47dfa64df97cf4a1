/**
 * KEYBOARD (buttons under a message), plus the pieces ATTACH and MENU share with it: links, colours,
 * per-field rules and the "JSON string, object or bare array" shape of all three (imbot.md §7.2,
 * decision 014).
 */
import * as v from 'valibot'
import { positiveIntegerSchema, serializedUnderLimit, ynFlag } from './common.ts'

/**
 * Whether `text` is a link the portal opens: an absolute `http(s)://…` URL or a root-relative `/…` path.
 * Not `javascript:` or `data:`, and not a protocol-relative `//host` (or `/\host`), which leaves the portal.
 */
export function isMessageLink(text: string): boolean {
  return /^\/(?![/\\])/.test(text) || (/^https?:\/\//i.test(text) && URL.canParse(text))
}

/** A link the portal accepts in buttons, menu items and attachments: `http(s)://…` or root-relative `/…`. */
export const messageLinkSchema = v.pipe(
  v.string(),
  v.check(isMessageLink, 'must be an absolute http(s) URL or a root-relative path starting with "/"'),
)

/** A HEX colour as the portal accepts it: `#rgb` or `#rrggbb`. */
export const hexColorSchema = v.pipe(v.string(), v.regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i, 'must be a HEX colour, "#rgb" or "#rrggbb"'))

/** A colour token of buttons and attachments. */
export const colorTokenSchema = v.picklist(['primary', 'secondary', 'alert', 'base'], 'Expected "primary", "secondary", "alert" or "base"')

/** Where a button or menu item shows: `ALL` (default), `MOBILE` or `DESKTOP`. */
export const displayContextSchema = v.picklist(['ALL', 'MOBILE', 'DESKTOP'], 'Expected "ALL", "MOBILE" or "DESKTOP"')

/**
 * The client-side actions of buttons and menu items. The documented ones are `PUT`, `SEND`, `COPY`,
 * `CALL` and `DIALOG`; the server also takes `LIVECHAT` and `HELP` (server-behavior §2.4).
 */
const buttonActionSchema = v.picklist(
  ['PUT', 'SEND', 'COPY', 'CALL', 'DIALOG', 'LIVECHAT', 'HELP'],
  'Expected "PUT", "SEND", "COPY", "CALL", "DIALOG", "LIVECHAT" or "HELP"',
)

const nonBlankText = v.pipe(
  v.string(),
  v.check((text) => text.trim() !== '', 'must not be empty'),
)

/** The action fields buttons and menu items have in common. */
export const actionEntries = {
  /** Opens this URL (`http(s)://…` or `/…`). */
  LINK: v.optional(messageLinkSchema),
  /** Runs this registered bot command (a leading `/` is stripped by the server). */
  COMMAND: v.optional(nonBlankText),
  /** The text after the command. Only with `COMMAND`. */
  COMMAND_PARAMS: v.optional(v.string()),
  /** A client-side action; needs `ACTION_VALUE`. */
  ACTION: v.optional(buttonActionSchema),
  /** Text to put, send or copy; a phone number for `CALL`; `chatNNN` or a user id for `DIALOG`. */
  ACTION_VALUE: v.optional(nonBlankText),
  /** Opens this chat app (deprecated; used in Open Channels). */
  APP_ID: v.optional(positiveIntegerSchema),
  /** Passed to the app as `BUTTON_PARAMS`. Only with `APP_ID`. */
  APP_PARAMS: v.optional(v.string()),
}

type ActionFields = v.InferOutput<v.ObjectSchema<typeof actionEntries, undefined>>

/** A problem a per-field rule found: the field it names (none for the value itself) and what is expected. */
export interface FieldProblem<T> {
  readonly field?: keyof T & string
  readonly message: string
}

/**
 * A check of an object's fields against each other, reporting each problem at the field it concerns
 * (so the issue path reads `BUTTONS[2].LINK`, not just `BUTTONS[2]`).
 */
export function fieldRules<T extends Record<string, unknown>>(problems: (value: T) => readonly FieldProblem<T>[]) {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const value = dataset.value
    for (const problem of problems(value)) {
      if (problem.field === undefined) {
        addIssue({ message: problem.message })
      } else {
        addIssue({
          message: problem.message,
          path: [{ type: 'object', origin: 'value', input: value, key: problem.field, value: value[problem.field] }],
        })
      }
    }
  })
}

const ACTION_KEYS = ['LINK', 'COMMAND', 'ACTION', 'APP_ID'] as const

/** The rules of the action fields: exactly one action, and each companion field only with its action. */
export function actionProblems(item: ActionFields): FieldProblem<ActionFields>[] {
  const present = ACTION_KEYS.filter((key) => item[key] !== undefined)
  const problems: FieldProblem<ActionFields>[] = []
  const [first, ...others] = present
  if (first === undefined) {
    problems.push({ message: 'needs one action: LINK, COMMAND, ACTION with ACTION_VALUE, or APP_ID' })
  }
  for (const key of others) {
    problems.push({ field: key, message: `takes exactly one action, and it already has ${String(first)}` })
  }
  if (item.ACTION !== undefined && item.ACTION_VALUE === undefined) {
    problems.push({ field: 'ACTION_VALUE', message: 'is required with ACTION' })
  }
  if (item.ACTION === undefined && item.ACTION_VALUE !== undefined) {
    problems.push({ field: 'ACTION_VALUE', message: 'is only used with ACTION' })
  }
  if (item.COMMAND === undefined && item.COMMAND_PARAMS !== undefined) {
    problems.push({ field: 'COMMAND_PARAMS', message: 'is only used with COMMAND' })
  }
  if (item.APP_ID === undefined && item.APP_PARAMS !== undefined) {
    problems.push({ field: 'APP_PARAMS', message: 'is only used with APP_ID' })
  }
  return problems
}

function parseJson(text: string): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) }
  } catch {
    return undefined
  }
}

/** The keys of an object, typed as its keys. */
export function keysOf<T extends object>(value: T): (keyof T & string)[] {
  return Object.keys(value).filter((key): key is keyof T & string => key in value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** How {@link structuredParam} reads one of KEYBOARD, ATTACH, MENU. */
export interface StructuredParamOptions<TObject extends v.GenericSchema, TArray extends v.GenericSchema> {
  /** The name in messages: `'KEYBOARD'`. */
  readonly what: string
  /** The full form, such as `{ BOT_ID, BUTTONS }`. */
  readonly object: TObject
  /** The short form, a bare array. */
  readonly array: TArray
  /** Whether `'N'` and `''` (remove it, on update methods) are accepted. */
  readonly removable: boolean
}

/**
 * KEYBOARD, ATTACH and MENU all come as an object, a bare array, or a JSON string the server decodes
 * (server-behavior §1.2). This schema picks the form by the value's type, so issues keep the path of
 * the field (a plain union would report only "invalid type" at the top), validates a JSON string's
 * content too, and refuses a serialized size of 60,000 characters or more (server-behavior §4).
 */
export function structuredParam<TObject extends v.GenericSchema, TArray extends v.GenericSchema>(
  options: StructuredParamOptions<TObject, TArray>,
) {
  const { what, object, array, removable } = options
  const anyForm = v.union([v.string(), object, array])
  const expected = removable
    ? `Expected ${what} as an object, an array, a JSON string, or "N" / "" to remove it`
    : `Expected ${what} as an object, an array or a JSON string`

  function content(value: unknown): v.GenericSchema | undefined {
    if (Array.isArray(value)) return array
    if (isRecord(value)) return object
    return undefined
  }

  return v.pipe(
    v.custom<v.InferInput<typeof anyForm>>(() => true),
    v.rawTransform<v.InferInput<typeof anyForm>, v.InferOutput<typeof anyForm>>(({ dataset, addIssue, NEVER }) => {
      const input = dataset.value
      let value: unknown = input
      if (typeof input === 'string') {
        if (input === 'N' || input.trim() === '') {
          if (removable) return input
          addIssue({ message: `"N" and "" only remove ${what} on update methods; leave it out instead` })
          return NEVER
        }
        if (!/^\s*[[{]/.test(input)) {
          addIssue({ message: `${expected}; this string is not JSON` })
          return NEVER
        }
        const parsed = parseJson(input)
        // Not strict JSON: the server's lenient JS-object parser decides (decision 014).
        if (parsed === undefined) return input
        value = parsed.value
      }
      const schema = content(value)
      if (schema === undefined) {
        addIssue({ message: expected })
        return NEVER
      }
      const result = v.safeParse(schema, value)
      if (!result.success) {
        for (const issue of result.issues) {
          const unknownKey = issue.type === 'strict_object' && issue.expected === 'never'
          addIssue({ message: unknownKey ? `is not a field of ${what}` : issue.message, path: issue.path })
        }
        return NEVER
      }
      if (typeof input === 'string') return input
      // Valid in its own form, so valid in the union: this gives the typed output.
      return v.parse(anyForm, input)
    }),
    serializedUnderLimit<v.InferOutput<typeof anyForm>>(what),
  )
}

const keyboardButtonObjectSchema = v.strictObject({
  /** `'NEWLINE'`: a line break between buttons; it takes no other field. */
  TYPE: v.optional(v.literal('NEWLINE', 'Expected "NEWLINE"')),
  /** The caption; required on every button. */
  TEXT: v.optional(nonBlankText),
  ...actionEntries,
  /** Disable the button after a click. Only on `COMMAND` buttons. */
  BLOCK: v.optional(ynFlag),
  /** Show the button inactive. */
  DISABLED: v.optional(ynFlag),
  /** Where the button shows. */
  CONTEXT: v.optional(displayContextSchema),
  /** `BLOCK` (default): own line; `LINE`: inline. */
  DISPLAY: v.optional(v.picklist(['LINE', 'BLOCK'], 'Expected "LINE" or "BLOCK"')),
  /** Width in pixels. */
  WIDTH: v.optional(positiveIntegerSchema),
  BG_COLOR: v.optional(hexColorSchema),
  TEXT_COLOR: v.optional(hexColorSchema),
  /** Background when disabled. */
  OFF_BG_COLOR: v.optional(hexColorSchema),
  /** Text colour when disabled. */
  OFF_TEXT_COLOR: v.optional(hexColorSchema),
  BG_COLOR_TOKEN: v.optional(colorTokenSchema),
})

/** One keyboard button, or a `{ TYPE: 'NEWLINE' }` line break. UPPER_CASE keys, in v2 too. */
export const keyboardButtonSchema = v.pipe(
  keyboardButtonObjectSchema,
  fieldRules<v.InferOutput<typeof keyboardButtonObjectSchema>>((button) => {
    if (button.TYPE === 'NEWLINE') {
      return keysOf(button)
        .filter((key) => key !== 'TYPE' && button[key] !== undefined)
        .map((key) => ({ field: key, message: 'is not used on a NEWLINE element, which takes no other field' }))
    }
    const problems: FieldProblem<typeof button>[] = []
    if (button.TEXT === undefined) problems.push({ field: 'TEXT', message: 'is required: every button needs a caption' })
    problems.push(...actionProblems(button))
    if (button.BLOCK === 'Y' && button.COMMAND === undefined) {
      problems.push({ field: 'BLOCK', message: 'only works on COMMAND buttons' })
    }
    return problems
  }),
)

/** The buttons of a keyboard, `{ TYPE: 'NEWLINE' }` elements between rows. */
const keyboardButtonsSchema = v.array(keyboardButtonSchema)

/** The full form of a keyboard. */
export const keyboardObjectSchema = v.strictObject({
  /** The bot whose commands the buttons run; put it next to `BUTTONS` when updating a keyboard. */
  BOT_ID: v.optional(positiveIntegerSchema),
  BUTTONS: v.pipe(keyboardButtonsSchema, v.minLength(1, 'needs at least one button')),
})

/**
 * KEYBOARD (classic) or `fields.keyboard` (v2) where a keyboard is set: `{ BOT_ID?, BUTTONS }`, a bare
 * array of buttons, or the JSON string of either. `'N'` and `''` are refused: leave the field out.
 */
export const keyboardContentSchema = structuredParam({
  what: 'KEYBOARD',
  object: keyboardObjectSchema,
  array: keyboardButtonsSchema,
  removable: false,
})

/**
 * KEYBOARD / `fields.keyboard` as methods accept it: `{ BOT_ID?, BUTTONS }`, a bare array of buttons,
 * the JSON string of either, or `'N'` / `''`, which remove the keyboard on update methods.
 */
export const keyboardSchema = structuredParam({
  what: 'KEYBOARD',
  object: keyboardObjectSchema,
  array: keyboardButtonsSchema,
  removable: true,
})

/** A keyboard button as you may write it (flags as `'Y'`/`'N'` or booleans). */
export type KeyboardButton = v.InferInput<typeof keyboardButtonSchema>
/** The full form of a keyboard as you may write it. */
export type KeyboardObject = v.InferInput<typeof keyboardObjectSchema>
/** A KEYBOARD value as methods accept it. */
export type Keyboard = v.InferInput<typeof keyboardSchema>
