import { ValidationError } from '@b24bot/core'
import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { keyboardSchema, type KeyboardButton } from '../schemas/keyboard.ts'
import { button, keyboard, type ButtonAction, type ButtonOptions } from './keyboard.ts'

const caption = fc.string({ minLength: 1, maxLength: 30 }).filter((text) => text.trim() !== '')
const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/)
const link = fc.oneof(
  fc.webUrl({ validSchemes: ['http', 'https'] }),
  word.map((path) => `/${path}`),
)
const hex = fc.stringMatching(/^#([0-9a-f]{3}|[0-9a-f]{6})$/).filter((color): color is `#${string}` => color.startsWith('#'))
const options: fc.Arbitrary<ButtonOptions> = fc.record(
  {
    color: fc.oneof(fc.constantFrom('primary' as const, 'secondary' as const, 'alert' as const, 'base' as const), hex),
    textColor: hex,
    disabled: fc.boolean(),
    display: fc.constantFrom('LINE' as const, 'BLOCK' as const),
    context: fc.constantFrom('ALL' as const, 'MOBILE' as const, 'DESKTOP' as const),
    width: fc.integer({ min: 1, max: 1000 }),
  },
  { requiredKeys: [] },
)
const action = fc.constantFrom<ButtonAction>('PUT', 'SEND', 'COPY', 'CALL', 'DIALOG')
const anyButton: fc.Arbitrary<KeyboardButton> = fc.oneof(
  fc
    .tuple(caption, word, fc.option(fc.string(), { nil: undefined }), options, fc.option(fc.boolean(), { nil: undefined }))
    .map(([text, command, params, style, block]) =>
      button.command(text, command, params, block === undefined ? style : { ...style, block }),
    ),
  fc.tuple(caption, link, options).map(([text, url, style]) => button.link(text, url, style)),
  fc.tuple(caption, action, caption, options).map(([text, kind, value, style]) => button.action(text, kind, value, style)),
  fc
    .tuple(caption, fc.integer({ min: 1, max: 1_000_000 }), fc.option(fc.string(), { nil: undefined }))
    .map(([text, appId, params]) => button.app(text, appId, params)),
)
const rows = fc.array(fc.array(anyButton, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 })

describe('keyboard()', () => {
  it('builds what keyboardSchema accepts, rows separated by NEWLINE', () => {
    fc.assert(
      fc.property(rows, fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }), (buttonRows, botId) => {
        const built = buttonRows.reduce((builder, row) => builder.row(...row), keyboard(botId === undefined ? {} : { botId })).build()
        expect(v.safeParse(keyboardSchema, built).issues).toBeUndefined()
        expect(built.BUTTONS.filter((item) => item.TYPE === 'NEWLINE')).toHaveLength(buttonRows.length - 1)
        expect(built.BUTTONS).toHaveLength(buttonRows.flat().length + buttonRows.length - 1)
        expect('BOT_ID' in built).toBe(botId !== undefined)
      }),
    )
  })

  it('builds the documented example', () => {
    const built = keyboard()
      .row(button.command('Yes', 'answer', 'yes', { block: true, color: 'primary' }), button.link('Docs', 'https://example.com/docs'))
      .row()
      .action('Help', 'PUT', '/help')
      .app('App', 3, undefined, { color: '#ff0000', display: 'LINE' })
      .build()
    expect(built).toEqual({
      BUTTONS: [
        { TEXT: 'Yes', COMMAND: 'answer', COMMAND_PARAMS: 'yes', BLOCK: 'Y', BG_COLOR_TOKEN: 'primary' },
        { TEXT: 'Docs', LINK: 'https://example.com/docs' },
        { TYPE: 'NEWLINE' },
        { TEXT: 'Help', ACTION: 'PUT', ACTION_VALUE: '/help' },
        { TEXT: 'App', APP_ID: 3, BG_COLOR: '#ff0000', DISPLAY: 'LINE' },
      ],
    })
  })

  it('has shortcuts for the client-side actions', () => {
    expect([button.put('a', 'x'), button.send('a', 'x'), button.copy('a', 'x'), button.call('a', '+1'), button.dialog('a', 5)]).toEqual([
      { TEXT: 'a', ACTION: 'PUT', ACTION_VALUE: 'x' },
      { TEXT: 'a', ACTION: 'SEND', ACTION_VALUE: 'x' },
      { TEXT: 'a', ACTION: 'COPY', ACTION_VALUE: 'x' },
      { TEXT: 'a', ACTION: 'CALL', ACTION_VALUE: '+1' },
      { TEXT: 'a', ACTION: 'DIALOG', ACTION_VALUE: '5' },
    ])
  })

  it('is immutable', () => {
    const base = keyboard().command('A', 'a')
    const longer = base.command('B', 'b')
    expect(base.rows).toEqual([[{ TEXT: 'A', COMMAND: 'a' }]])
    expect(longer.rows).toHaveLength(1)
    expect(longer.rows[0]).toHaveLength(2)
    expect(Object.isFrozen(base.rows)).toBe(true)
    const built = base.build()
    built.BUTTONS.push({ TYPE: 'NEWLINE' })
    expect(base.buttons()).toHaveLength(1)
  })

  it('skips empty rows and sets BOT_ID', () => {
    expect(keyboard().row().row().link('a', '/a').row().botId(7).build()).toEqual({ BOT_ID: 7, BUTTONS: [{ TEXT: 'a', LINK: '/a' }] })
  })

  it('refuses at build time an invalid button, naming it, and an empty keyboard', () => {
    const error = (() => {
      try {
        keyboard().link('a', '/a').row(button.link('b', 'docs')).build()
        return undefined
      } catch (caught) {
        return caught
      }
    })()
    if (!ValidationError.isInstance(error)) throw new Error(`expected a ValidationError, got ${String(error)}`)
    expect(error.issues.map((issue) => issue.path)).toEqual(['BUTTONS[2].LINK'])
    expect(() => keyboard().build()).toThrow(/BUTTONS needs at least one button/)
  })

  it('refuses an oversize keyboard with a clear message', () => {
    const wide = keyboard().row(...Array.from({ length: 600 }, (_, index) => button.command('x'.repeat(100), `c${index}`)))
    expect(() => wide.build()).toThrow(/KEYBOARD is 60000 characters or more when serialized/)
  })
})
