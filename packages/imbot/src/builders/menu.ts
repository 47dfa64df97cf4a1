/**
 * Typed, immutable builder of MENU (extra context-menu items; classic methods only). Every menu it
 * builds passes `menuSchema`.
 *
 * @example
 * ```ts
 * import { menu } from '@b24bot/imbot'
 *
 * const MENU = menu().command('Help', 'help').link('Site', 'https://bitrix24.com').build()
 * ```
 */
import { menuContentSchema, type MenuItem, type MenuObject } from '../schemas/menu.ts'
import type { ButtonAction } from './keyboard.ts'
import { assertValid, compact } from './shared.ts'

/** Options of a menu item. */
export interface MenuItemOptions {
  /** Where it shows: `'ALL'` (default), `'MOBILE'`, `'DESKTOP'`. */
  readonly context?: NonNullable<MenuItem['CONTEXT']>
  /** Show the item inactive. */
  readonly disabled?: boolean
}

function extras(options: MenuItemOptions = {}) {
  return {
    CONTEXT: options.context,
    DISABLED: options.disabled === undefined ? undefined : options.disabled ? ('Y' as const) : ('N' as const),
  }
}

/** Menu item constructors. */
export const menuItem = {
  /** Runs a registered bot command; the bot gets a command event with context `MENU`. */
  command(text: string, command: string, params?: string, options?: MenuItemOptions): MenuItem {
    return compact({ TEXT: text, COMMAND: command, COMMAND_PARAMS: params, ...extras(options) })
  },
  /** Opens a link: an absolute http(s) URL or a root-relative path. */
  link(text: string, url: string, options?: MenuItemOptions): MenuItem {
    return compact({ TEXT: text, LINK: url, ...extras(options) })
  },
  /** A client-side action (`PUT`, `SEND`, `COPY`, `CALL`, `DIALOG`). */
  action(text: string, action: ButtonAction, value: string, options?: MenuItemOptions): MenuItem {
    return compact({ TEXT: text, ACTION: action, ACTION_VALUE: value, ...extras(options) })
  },
  /** Opens a chat app (deprecated). */
  app(text: string, appId: number, params?: string, options?: MenuItemOptions): MenuItem {
    return compact({ TEXT: text, APP_ID: appId, APP_PARAMS: params, ...extras(options) })
  },
} as const

/** An immutable menu under construction: every method returns a new builder. */
export class MenuBuilder {
  /** The items so far. */
  readonly items: readonly MenuItem[]

  constructor(items: readonly MenuItem[] = []) {
    this.items = Object.freeze([...items])
  }

  /** Adds items. */
  add(...items: readonly MenuItem[]): MenuBuilder {
    return new MenuBuilder([...this.items, ...items])
  }

  /** Adds a command item. */
  command(text: string, command: string, params?: string, options?: MenuItemOptions): MenuBuilder {
    return this.add(menuItem.command(text, command, params, options))
  }

  /** Adds a link item. */
  link(text: string, url: string, options?: MenuItemOptions): MenuBuilder {
    return this.add(menuItem.link(text, url, options))
  }

  /** Adds a client-side action item. */
  action(text: string, action: ButtonAction, value: string, options?: MenuItemOptions): MenuBuilder {
    return this.add(menuItem.action(text, action, value, options))
  }

  /** Adds an app item. */
  app(text: string, appId: number, params?: string, options?: MenuItemOptions): MenuBuilder {
    return this.add(menuItem.app(text, appId, params, options))
  }

  /**
   * The menu `{ ITEMS }`, for MENU.
   *
   * @throws ValidationError when an item is invalid (the issue names it, e.g. `ITEMS[0].LINK`), there is
   *   no item, or its JSON reaches 60,000 characters.
   */
  build(): MenuObject {
    const built: MenuObject = { ITEMS: [...this.items] }
    assertValid(menuContentSchema, built, 'menu().build()')
    return built
  }
}

/** Starts a menu. */
export function menu(): MenuBuilder {
  return new MenuBuilder()
}
