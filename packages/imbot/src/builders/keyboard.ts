/**
 * Typed, immutable keyboard builder. Every keyboard it builds passes `keyboardSchema`.
 *
 * @example
 * ```ts
 * import { button, keyboard } from '@b24bot/imbot'
 *
 * const KEYBOARD = keyboard()
 *   .row(button.command('Yes', 'answer', 'yes', { block: true, color: 'primary' }), button.command('No', 'answer', 'no'))
 *   .row(button.link('Docs', 'https://example.com/docs'))
 *   .build()
 * ```
 */
import { keyboardContentSchema, type KeyboardButton, type KeyboardObject } from '../schemas/keyboard.ts'
import { assertValid, compact, isHexColor } from './shared.ts'

/** The look and placement of a button. */
export interface ButtonOptions {
  /** A colour token (`'primary'`, `'secondary'`, `'alert'`, `'base'`) or a HEX background (`'#29619b'`). */
  readonly color?: NonNullable<KeyboardButton['BG_COLOR_TOKEN']> | `#${string}`
  /** HEX text colour. */
  readonly textColor?: `#${string}`
  /** HEX background when disabled. */
  readonly offColor?: `#${string}`
  /** HEX text colour when disabled. */
  readonly offTextColor?: `#${string}`
  /** Show the button inactive. */
  readonly disabled?: boolean
  /** `'BLOCK'` (default, own line) or `'LINE'` (inline). */
  readonly display?: NonNullable<KeyboardButton['DISPLAY']>
  /** Where it shows: `'ALL'` (default), `'MOBILE'`, `'DESKTOP'`. */
  readonly context?: NonNullable<KeyboardButton['CONTEXT']>
  /** Width in pixels. */
  readonly width?: number
}

/** Options of a command button. */
export interface CommandButtonOptions extends ButtonOptions {
  /** Disable the button after the first click. */
  readonly block?: boolean
}

/** A client-side button action. */
export type ButtonAction = NonNullable<KeyboardButton['ACTION']>

function style(options: CommandButtonOptions = {}): KeyboardButton {
  const { color } = options
  return {
    BG_COLOR_TOKEN: color === undefined || isHexColor(color) ? undefined : color,
    BG_COLOR: color === undefined || !isHexColor(color) ? undefined : color,
    TEXT_COLOR: options.textColor,
    OFF_BG_COLOR: options.offColor,
    OFF_TEXT_COLOR: options.offTextColor,
    DISABLED: options.disabled === undefined ? undefined : options.disabled ? 'Y' : 'N',
    DISPLAY: options.display,
    CONTEXT: options.context,
    WIDTH: options.width,
    BLOCK: options.block === undefined ? undefined : options.block ? 'Y' : 'N',
  }
}

/** Button constructors. Each returns a plain button object, usable in a keyboard or on its own. */
export const button = {
  /** Runs a registered bot command (`COMMAND`, `COMMAND_PARAMS`); the bot gets a command event. */
  command(text: string, command: string, params?: string, options?: CommandButtonOptions): KeyboardButton {
    return compact({ TEXT: text, COMMAND: command, COMMAND_PARAMS: params, ...style(options) })
  },
  /** Opens a link: an absolute http(s) URL or a root-relative path. */
  link(text: string, url: string, options?: ButtonOptions): KeyboardButton {
    return compact({ TEXT: text, LINK: url, ...style(options) })
  },
  /** A client-side action: `PUT`/`SEND`/`COPY` text, `CALL` a phone number, open a `DIALOG`. */
  action(text: string, action: ButtonAction, value: string, options?: ButtonOptions): KeyboardButton {
    return compact({ TEXT: text, ACTION: action, ACTION_VALUE: value, ...style(options) })
  },
  /** Puts `value` into the message input. */
  put(text: string, value: string, options?: ButtonOptions): KeyboardButton {
    return button.action(text, 'PUT', value, options)
  },
  /** Sends `value` as a message of the user. */
  send(text: string, value: string, options?: ButtonOptions): KeyboardButton {
    return button.action(text, 'SEND', value, options)
  },
  /** Copies `value` to the clipboard. */
  copy(text: string, value: string, options?: ButtonOptions): KeyboardButton {
    return button.action(text, 'COPY', value, options)
  },
  /** Dials a phone number (international format). */
  call(text: string, phone: string, options?: ButtonOptions): KeyboardButton {
    return button.action(text, 'CALL', phone, options)
  },
  /** Opens a dialog: `chatNNN` or a user id. */
  dialog(text: string, dialogId: string | number, options?: ButtonOptions): KeyboardButton {
    return button.action(text, 'DIALOG', String(dialogId), options)
  },
  /** Opens a chat app (deprecated; Open Channels). */
  app(text: string, appId: number, params?: string, options?: ButtonOptions): KeyboardButton {
    return compact({ TEXT: text, APP_ID: appId, APP_PARAMS: params, ...style(options) })
  },
  /** A line break between buttons (the builder adds these between rows for you). */
  newline(): KeyboardButton {
    return { TYPE: 'NEWLINE' }
  },
} as const

type Rows = readonly (readonly KeyboardButton[])[]

/** An immutable keyboard under construction: every method returns a new builder. */
export class KeyboardBuilder {
  /** The rows so far. */
  readonly rows: Rows
  readonly #botId: number | undefined

  constructor(rows: Rows = [], botId?: number) {
    this.rows = Object.freeze(rows.map((row) => Object.freeze([...row])))
    this.#botId = botId
  }

  /** Adds buttons to the current (last) row. */
  add(...buttons: readonly KeyboardButton[]): KeyboardBuilder {
    const last = this.rows.at(-1) ?? []
    return new KeyboardBuilder([...this.rows.slice(0, -1), [...last, ...buttons]], this.#botId)
  }

  /** Starts a new row, holding `buttons` if given; later `add` calls go to it. */
  row(...buttons: readonly KeyboardButton[]): KeyboardBuilder {
    return new KeyboardBuilder([...this.rows, buttons], this.#botId)
  }

  /** Adds a command button to the current row. */
  command(text: string, command: string, params?: string, options?: CommandButtonOptions): KeyboardBuilder {
    return this.add(button.command(text, command, params, options))
  }

  /** Adds a link button to the current row. */
  link(text: string, url: string, options?: ButtonOptions): KeyboardBuilder {
    return this.add(button.link(text, url, options))
  }

  /** Adds a client-side action button to the current row. */
  action(text: string, action: ButtonAction, value: string, options?: ButtonOptions): KeyboardBuilder {
    return this.add(button.action(text, action, value, options))
  }

  /** Adds an app button to the current row. */
  app(text: string, appId: number, params?: string, options?: ButtonOptions): KeyboardBuilder {
    return this.add(button.app(text, appId, params, options))
  }

  /** Sets `BOT_ID`, the bot whose commands the buttons run (put it when updating a keyboard). */
  botId(botId: number): KeyboardBuilder {
    return new KeyboardBuilder(this.rows, botId)
  }

  /** The buttons, rows separated by `{ TYPE: 'NEWLINE' }`; empty rows are skipped. */
  buttons(): KeyboardButton[] {
    return this.rows.filter((row) => row.length > 0).flatMap((row, index) => (index === 0 ? [...row] : [button.newline(), ...row]))
  }

  /**
   * The keyboard `{ BOT_ID?, BUTTONS }`, for KEYBOARD or `fields.keyboard`.
   *
   * @throws ValidationError when a button is invalid (the issue names it, e.g. `BUTTONS[2].LINK`), the
   *   keyboard is empty, or its JSON reaches 60,000 characters.
   */
  build(): KeyboardObject {
    const built: KeyboardObject = compact({ BOT_ID: this.#botId, BUTTONS: this.buttons() })
    assertValid(keyboardContentSchema, built, 'keyboard().build()')
    return built
  }
}

/**
 * Starts a keyboard.
 *
 * @example
 * ```ts
 * import { keyboard } from '@b24bot/imbot'
 *
 * keyboard().command('Yes', 'answer', 'yes').command('No', 'answer', 'no').row().link('Docs', '/docs').build()
 * ```
 */
export function keyboard(options: { readonly botId?: number } = {}): KeyboardBuilder {
  return new KeyboardBuilder([], options.botId)
}
