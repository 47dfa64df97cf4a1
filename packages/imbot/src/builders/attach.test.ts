import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { attachSchema } from '../schemas/attach.ts'
import { attach, grid, type AttachBuilder } from './attach.ts'
import { bold, mention } from './formatting.ts'

const text = fc.string({ maxLength: 40 })
const link = fc.oneof(fc.webUrl({ validSchemes: ['http', 'https'] }), fc.stringMatching(/^\/(?:[a-z0-9._-][a-z0-9/._-]{0,19})?$/))
const id = fc.integer({ min: 1, max: 1_000_000 })
const hex = fc.stringMatching(/^#([0-9a-f]{3}|[0-9a-f]{6})$/).filter((color): color is `#${string}` => color.startsWith('#'))
const token = fc.constantFrom('primary' as const, 'secondary' as const, 'alert' as const, 'base' as const)
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined })

type Step = (builder: AttachBuilder) => AttachBuilder
const step: fc.Arbitrary<Step> = fc.oneof(
  text.map(
    (message): Step =>
      (builder) =>
        builder.message(message),
  ),
  fc.tuple(link, maybe(text), maybe(link), maybe(id)).map(
    ([url, name, preview, userId]): Step =>
      (builder) =>
        builder.link(url, {
          ...(name === undefined ? {} : { name }),
          ...(preview === undefined ? {} : { preview }),
          ...(userId === undefined ? {} : { userId }),
        }),
  ),
  fc.tuple(text, maybe(link), maybe(fc.constantFrom('USER' as const, 'CHAT' as const, 'BOT' as const))).map(
    ([name, avatar, avatarType]): Step =>
      (builder) =>
        builder.user(name, { ...(avatar === undefined ? {} : { avatar }), ...(avatarType === undefined ? {} : { avatarType }) }),
  ),
  fc
    .tuple(
      fc.constantFrom('row' as const, 'line' as const, 'block' as const, 'table' as const),
      fc.array(fc.tuple(text, text, maybe(fc.oneof(token, hex))), { minLength: 1, maxLength: 4 }),
    )
    .map(
      ([mode, items]): Step =>
        (builder) =>
          builder.grid(...items.map(([name, value, color]) => grid[mode](name, value, color === undefined ? {} : { color }))),
    ),
  fc.tuple(link, maybe(text)).map(
    ([url, name]): Step =>
      (builder) =>
        builder.image(url, name === undefined ? {} : { name }),
  ),
  fc.tuple(link, maybe(fc.nat())).map(
    ([url, size]): Step =>
      (builder) =>
        builder.file(url, size === undefined ? {} : { size }),
  ),
  fc.tuple(maybe(id), maybe(hex)).map(
    ([size, color]): Step =>
      (builder) =>
        builder.delimiter({ ...(size === undefined ? {} : { size }), ...(color === undefined ? {} : { color }) }),
  ),
)

describe('attach()', () => {
  it('builds what attachSchema accepts, every block kind in any order', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), maybe(id), maybe(fc.oneof(token, hex)), (steps, attachId, color) => {
        const start = attach({ ...(attachId === undefined ? {} : { id: attachId }), ...(color === undefined ? {} : { color }) })
        const built = steps.reduce((builder, apply) => apply(builder), start).build()
        expect(v.safeParse(attachSchema, built).issues).toBeUndefined()
        expect(built.BLOCKS).toHaveLength(steps.length)
      }),
    )
  })

  it('builds the documented card', () => {
    expect(
      attach({ id: 1, color: 'primary' })
        .user('Mantis', { avatar: 'https://example.com/m.jpg', link: 'https://example.com/' })
        .message(bold('New ticket for ').text + mention(5, 'Ann').text)
        .delimiter({ size: 200, color: '#c6c6c6' })
        .grid(grid.line('Project', 'BUGS', { width: 100 }), grid.block('Summary', 'Text'))
        .image('https://example.com/i.png')
        .file('/upload/f.pdf', { name: 'f.pdf', size: 12 })
        .link('https://example.com/', { name: 'Open' })
        .build(),
    ).toEqual({
      ID: 1,
      COLOR_TOKEN: 'primary',
      BLOCKS: [
        { USER: { NAME: 'Mantis', AVATAR: 'https://example.com/m.jpg', LINK: 'https://example.com/' } },
        { MESSAGE: '[B]New ticket for [/B][USER=5]Ann[/USER]' },
        { DELIMITER: { SIZE: 200, COLOR: '#c6c6c6' } },
        {
          GRID: [
            { DISPLAY: 'LINE', NAME: 'Project', VALUE: 'BUGS', WIDTH: 100 },
            { DISPLAY: 'BLOCK', NAME: 'Summary', VALUE: 'Text' },
          ],
        },
        { IMAGE: [{ LINK: 'https://example.com/i.png' }] },
        { FILE: [{ LINK: '/upload/f.pdf', NAME: 'f.pdf', SIZE: 12 }] },
        { LINK: { LINK: 'https://example.com/', NAME: 'Open' } },
      ],
    })
    expect(attach({ color: '#29619b' }).delimiter().message(bold('x')).build()).toEqual({
      COLOR: '#29619b',
      BLOCKS: [{ DELIMITER: {} }, { MESSAGE: '[B]x[/B]' }],
    })
  })

  it('is immutable', () => {
    const base = attach().message('a')
    base.message('b')
    expect(base.blocks).toEqual([{ MESSAGE: 'a' }])
  })

  it('refuses at build time invalid links, an empty attachment and oversize', () => {
    expect(() => attach().message('a').image('img.png').build()).toThrow(/BLOCKS\[1\]\.IMAGE\[0\]\.LINK must be an absolute http\(s\) URL/)
    expect(() => attach().build()).toThrow(/BLOCKS needs at least one block/)
    expect(() => attach().message('x'.repeat(60_000)).build()).toThrow(/ATTACH is 60000 characters or more/)
  })
})
