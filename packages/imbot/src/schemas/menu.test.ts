import { toIssues } from '@b24bot/core'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { menuContentSchema, menuItemSchema, menuSchema } from './menu.ts'

function issuesOf(schema: v.GenericSchema, value: unknown) {
  const result = v.safeParse(schema, value)
  return result.success ? [] : toIssues(result.issues)
}

const pathsOf = (schema: v.GenericSchema, value: unknown) => issuesOf(schema, value).map((issue) => issue.path)

describe('menuSchema', () => {
  const items = [
    { TEXT: 'Site', LINK: 'https://bitrix24.com' },
    { TEXT: 'Help', COMMAND: 'help', COMMAND_PARAMS: 'menu', CONTEXT: 'DESKTOP' },
    { TEXT: 'Copy', ACTION: 'COPY', ACTION_VALUE: 'text', DISABLED: true },
    { TEXT: 'App', APP_ID: 7, APP_PARAMS: 'x' },
  ]

  it('accepts { ITEMS }, a bare array, JSON strings and removal', () => {
    for (const value of [{ ITEMS: items }, { BOT_ID: 1, ITEMS: items }, items, JSON.stringify({ ITEMS: items }), 'N', '']) {
      expect(issuesOf(menuSchema, value)).toEqual([])
    }
    expect(v.parse(menuSchema, [items[2]])).toEqual([{ TEXT: 'Copy', ACTION: 'COPY', ACTION_VALUE: 'text', DISABLED: 'Y' }])
    expect(pathsOf(menuContentSchema, 'N')).toEqual([''])
  })

  it('refuses items without TEXT or action, or with two actions', () => {
    expect(pathsOf(menuItemSchema, { LINK: '/x' })).toEqual(['TEXT'])
    expect(issuesOf(menuItemSchema, { TEXT: 'a' })).toEqual([
      { path: '', message: 'needs one action: LINK, COMMAND, ACTION with ACTION_VALUE, or APP_ID' },
    ])
    expect(pathsOf(menuSchema, [items[0], { TEXT: 'a', COMMAND: 'x', APP_ID: 1 }])).toEqual(['[1].APP_ID'])
  })

  it('refuses companion fields without their action, bad enums and links', () => {
    expect(pathsOf(menuItemSchema, { TEXT: 'a', ACTION: 'SEND' })).toEqual(['ACTION_VALUE'])
    expect(pathsOf(menuItemSchema, { TEXT: 'a', LINK: '/x', COMMAND_PARAMS: 'p' })).toEqual(['COMMAND_PARAMS'])
    expect(pathsOf(menuItemSchema, { TEXT: 'a', LINK: '/x', CONTEXT: 'TV' })).toEqual(['CONTEXT'])
    expect(pathsOf(menuItemSchema, { TEXT: 'a', LINK: 'x' })).toEqual(['LINK'])
    expect(pathsOf(menuItemSchema, { TEXT: 'a', LINK: '/x', BLOCK: 'Y' })).toEqual(['BLOCK'])
  })

  it('refuses an empty ITEMS and oversize menus', () => {
    expect(pathsOf(menuSchema, { ITEMS: [] })).toEqual(['ITEMS'])
    const big = [{ TEXT: 'x'.repeat(60_000), LINK: '/x' }]
    expect(issuesOf(menuSchema, big)).toEqual([
      { path: '', message: 'MENU is 60000 characters or more when serialized; the portal refuses it' },
    ])
  })
})
