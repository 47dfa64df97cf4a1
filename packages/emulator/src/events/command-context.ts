/** How a command was invoked: typed, a keyboard button, or a menu item. */
export type CommandContext = 'TEXTAREA' | 'KEYBOARD' | 'MENU'
