import type * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import type { attachSchema } from '../schemas/attach.ts'
import type { KeyboardButton, keyboardSchema } from '../schemas/keyboard.ts'
import type { menuSchema } from '../schemas/menu.ts'
import { attach, grid, type AttachBuilder } from './attach.ts'
import { bold, fmt, type FormattedText, mention } from './formatting.ts'
import { button, keyboard, type KeyboardBuilder } from './keyboard.ts'
import { menu } from './menu.ts'
import { splitMessage } from './split-message.ts'

describe('builder types', () => {
  it('keyboard: chains return builders; build() fits KEYBOARD', () => {
    expectTypeOf(keyboard().row(button.command('Yes', 'answer', 'yes', { block: true }))).toEqualTypeOf<KeyboardBuilder>()
    expectTypeOf(button.link('Docs', '/docs')).toEqualTypeOf<KeyboardButton>()
    expectTypeOf(keyboard().link('a', '/a').build()).toExtend<v.InferInput<typeof keyboardSchema>>()
    expectTypeOf(keyboard().build().BUTTONS).toEqualTypeOf<KeyboardButton[]>()

    // @ts-expect-error: not an action
    button.action('a', 'OPEN', 'x')
    // @ts-expect-error: colours are tokens or HEX
    button.link('a', '/a', { color: 'red' })
    // @ts-expect-error: BLOCK is for command buttons only
    button.link('a', '/a', { block: true })
    // @ts-expect-error: rows hold buttons
    keyboard().row('Yes')
  })

  it('attach: build() fits ATTACH', () => {
    expectTypeOf(attach({ color: 'primary' }).message('a')).toEqualTypeOf<AttachBuilder>()
    expectTypeOf(attach().grid(grid.row('a', 'b')).build()).toExtend<v.InferInput<typeof attachSchema>>()
    // @ts-expect-error: not a colour token
    attach({ color: 'blue' })
    // @ts-expect-error: not an avatar type
    attach().user('a', { avatarType: 'GROUP' })
  })

  it('menu: build() fits MENU', () => {
    expectTypeOf(menu().command('Help', 'help').build()).toExtend<v.InferInput<typeof menuSchema>>()
    // @ts-expect-error: not a context
    menu().add({ TEXT: 'x', CONTEXT: 'TV' })
  })

  it('formatting and splitting', () => {
    expectTypeOf(fmt`Hi ${mention(1, 'Ann')} ${'plain'} ${3}`).toEqualTypeOf<FormattedText>()
    expectTypeOf(bold('a').toString()).toEqualTypeOf<string>()
    // @ts-expect-error: 'all' or a user id
    mention('everyone', 'x')
    expectTypeOf(splitMessage('text', { limit: 100 })).toEqualTypeOf<string[]>()
  })
})
