import { toIssues } from '@b24bot/core'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { attachBlockSchema, attachContentSchema, attachSchema } from './attach.ts'

function issuesOf(schema: v.GenericSchema, value: unknown) {
  const result = v.safeParse(schema, value)
  return result.success ? [] : toIssues(result.issues)
}

const pathsOf = (schema: v.GenericSchema, value: unknown) => issuesOf(schema, value).map((issue) => issue.path)

describe('attachSchema', () => {
  const blocks = [{ MESSAGE: 'Hi [B]there[/B]' }, { DELIMITER: { SIZE: 200, COLOR: '#c6c6c6' } }]

  it('accepts the full form, the short form, JSON strings and removal', () => {
    for (const value of [{ ID: 1, COLOR_TOKEN: 'primary', COLOR: '#29619b', BLOCKS: blocks }, blocks, JSON.stringify(blocks), 'N', '']) {
      expect(issuesOf(attachSchema, value)).toEqual([])
    }
    expect(pathsOf(attachContentSchema, 'N')).toEqual([''])
  })

  it('accepts every block kind', () => {
    const every = [
      { MESSAGE: 'text' },
      {
        LINK: {
          LINK: 'https://x.example',
          NAME: 'n',
          DESC: 'd',
          HTML: '<b>h</b>',
          PREVIEW: '/p.png',
          WIDTH: 10,
          HEIGHT: 10,
          USER_ID: 1,
          CHAT_ID: 2,
          NETWORK_ID: 'n',
        },
      },
      {
        USER: {
          NAME: 'Ann',
          AVATAR: 'https://x.example/a.png',
          LINK: '/u/1',
          USER_ID: 1,
          CHAT_ID: 2,
          BOT_ID: 3,
          NETWORK_ID: 'n',
          AVATAR_TYPE: 'BOT',
        },
      },
      {
        GRID: [
          {
            DISPLAY: 'ROW',
            NAME: 'n',
            VALUE: 'v',
            WIDTH: 100,
            HEIGHT: 20,
            COLOR_TOKEN: 'alert',
            COLOR: '#fff',
            LINK: '/x',
            USER_ID: 1,
            CHAT_ID: 2,
          },
        ],
      },
      { IMAGE: [{ LINK: 'https://x.example/i.png', NAME: 'i', PREVIEW: 'https://x.example/p.png', WIDTH: 10, HEIGHT: 10 }] },
      { IMAGE: { LINK: 'https://x.example/i.png' } },
      { FILE: [{ LINK: 'https://x.example/f.pdf', NAME: 'f.pdf', SIZE: 0 }] },
      { DELIMITER: {} },
      { DELIMITER: true },
    ]
    expect(issuesOf(attachSchema, every)).toEqual([])
  })

  it('refuses a block without a kind, or with two', () => {
    expect(issuesOf(attachBlockSchema, {})).toEqual([
      { path: '', message: 'needs one of MESSAGE, LINK, USER, GRID, IMAGE, FILE, DELIMITER' },
    ])
    expect(pathsOf(attachSchema, [{ MESSAGE: 'a', DELIMITER: true }])).toEqual(['[0].DELIMITER'])
  })

  it('refuses unknown block kinds and fields', () => {
    expect(issuesOf(attachSchema, [{ RICH_LINK: {} }])).toEqual([{ path: '[0].RICH_LINK', message: 'is not a field of ATTACH' }])
    expect(pathsOf(attachSchema, [{ USER: { NAME: 'a', PHOTO: '/x' } }])).toEqual(['[0].USER.PHOTO'])
  })

  it('requires the documented fields', () => {
    expect(pathsOf(attachSchema, [{ LINK: { NAME: 'a' } }])).toEqual(['[0].LINK.LINK'])
    expect(pathsOf(attachSchema, [{ USER: { AVATAR: '/a.png' } }])).toEqual(['[0].USER.NAME'])
    expect(pathsOf(attachSchema, [{ GRID: [{ NAME: 'a' }] }])).toEqual(['[0].GRID[0].DISPLAY'])
    expect(pathsOf(attachSchema, [{ FILE: [{ NAME: 'a' }] }])).toEqual(['[0].FILE[0].LINK'])
    expect(pathsOf(attachSchema, { BLOCKS: [] })).toEqual(['BLOCKS'])
  })

  it('refuses links that are neither absolute http(s) nor root-relative', () => {
    expect(pathsOf(attachSchema, [{ IMAGE: [{ LINK: 'images/a.png' }] }])).toEqual(['[0].IMAGE[0].LINK'])
    expect(pathsOf(attachSchema, [{ LINK: { LINK: 'ftp://x.example' } }])).toEqual(['[0].LINK.LINK'])
    expect(pathsOf(attachSchema, [{ IMAGE: [{ LINK: '/a.png' }] }])).toEqual([])
  })

  it('refuses bad enums and colours', () => {
    expect(pathsOf(attachSchema, { COLOR_TOKEN: 'red', BLOCKS: blocks })).toEqual(['COLOR_TOKEN'])
    expect(pathsOf(attachSchema, { COLOR: 'red', BLOCKS: blocks })).toEqual(['COLOR'])
    expect(pathsOf(attachSchema, [{ GRID: [{ DISPLAY: 'COLUMN' }] }])).toEqual(['[0].GRID[0].DISPLAY'])
    expect(pathsOf(attachSchema, [{ USER: { NAME: 'a', AVATAR_TYPE: 'GROUP' } }])).toEqual(['[0].USER.AVATAR_TYPE'])
    expect(pathsOf(attachSchema, [{ DELIMITER: false }])).toEqual(['[0].DELIMITER'])
  })

  it('refuses an attachment of 60,000 serialized characters or more, with a clear message', () => {
    const big = (length: number) => [{ MESSAGE: 'x'.repeat(length) }]
    const overhead = JSON.stringify(big(0)).length
    expect(issuesOf(attachSchema, big(59_999 - overhead))).toEqual([])
    expect(issuesOf(v.strictObject({ ATTACH: attachSchema }), { ATTACH: big(60_000 - overhead) })).toEqual([
      { path: 'ATTACH', message: 'ATTACH is 60000 characters or more when serialized; the portal refuses it' },
    ])
  })
})
