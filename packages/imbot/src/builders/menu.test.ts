import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { menuSchema, type MenuItem } from '../schemas/menu.ts'
import { menu, menuItem } from './menu.ts'

const caption = fc.string({ minLength: 1, maxLength: 30 }).filter((text) => text.trim() !== '')
const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/)
const itemOptions = fc.record(
  { context: fc.constantFrom('ALL' as const, 'MOBILE' as const, 'DESKTOP' as const), disabled: fc.boolean() },
  { requiredKeys: [] },
)
const item: fc.Arbitrary<MenuItem> = fc.oneof(
  fc
    .tuple(caption, word, fc.option(fc.string(), { nil: undefined }), itemOptions)
    .map(([text, command, params, options]) => menuItem.command(text, command, params, options)),
  fc.tuple(caption, fc.webUrl(), itemOptions).map(([text, url, options]) => menuItem.link(text, url, options)),
  fc
    .tuple(caption, fc.constantFrom('PUT' as const, 'SEND' as const, 'COPY' as const), caption)
    .map(([text, kind, value]) => menuItem.action(text, kind, value)),
  fc.tuple(caption, fc.integer({ min: 1, max: 100 })).map(([text, appId]) => menuItem.app(text, appId)),
)

describe('menu()', () => {
  it('builds what menuSchema accepts', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 10 }), (items) => {
        const built = menu()
          .add(...items)
          .build()
        expect(v.safeParse(menuSchema, built).issues).toBeUndefined()
        expect(built.ITEMS).toEqual(items)
      }),
    )
  })

  it('builds items with options, immutably', () => {
    const base = menu().command('Help', 'help', undefined, { context: 'DESKTOP' })
    const built = base.link('Site', 'https://bitrix24.com', { disabled: true }).action('Copy', 'COPY', 'x').app('App', 2, 'p').build()
    expect(built).toEqual({
      ITEMS: [
        { TEXT: 'Help', COMMAND: 'help', CONTEXT: 'DESKTOP' },
        { TEXT: 'Site', LINK: 'https://bitrix24.com', DISABLED: 'Y' },
        { TEXT: 'Copy', ACTION: 'COPY', ACTION_VALUE: 'x' },
        { TEXT: 'App', APP_ID: 2, APP_PARAMS: 'p' },
      ],
    })
    expect(base.items).toHaveLength(1)
  })

  it('refuses at build time invalid items and an empty menu', () => {
    expect(() => menu().link('a', 'x').build()).toThrow(/ITEMS\[0\]\.LINK/)
    expect(() => menu().build()).toThrow(/ITEMS needs at least one item/)
  })
})
